"""A promise now kept a new way for everyone, with no old channel to swap ("the office gives
you your code when you arrive" → "we'll text you your code the day before"): the new promise
names a channel, the old one named none, so `channels.switched_channel` has nothing to move.

A KB sentence states the old way when it says what the changed prompt sentence was about
(words both its old and new forms share: "your code", "the office") in the words only the old
form had ("gives", "at the desk"), and names the new channel nowhere.
"""

from __future__ import annotations

import re

from behaviordiff.detect.facts import sentences
from behaviordiff.drafting.channels import channel_promises, stated_channels
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import restated_rule
from behaviordiff.drafting.text import STOPWORDS, stem

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d+")

OLD_WAY_REASON = "states the old way of keeping the promise"


def _stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in STOPWORDS}


def added_channel(facts: ChangeFacts) -> str | None:
    """The one channel the new promise names where the old named none, else None."""
    if channel_promises(facts.removed_promises):
        return None
    added = {p.value for p in channel_promises(facts.added_promises)}
    return next(iter(added)) if len(added) == 1 else None


def old_way(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` states the promise the way the changed prompt sentence used to."""
    channel = added_channel(facts)
    if channel is None or channel in stated_channels(sentence):
        return False
    said = _stems(sentence)
    changed = [
        (_stems(rule.old), _stems(rule.new))
        for rule in facts.rules
        if rule.kind == "sentence_changed" and rule.old and rule.new
    ]
    for index, (old, new) in enumerate(changed):
        # "still said" = a word another changed sentence of the change keeps on both its
        # sides ("home address" in the sentence that now offers a second way beside it): what
        # still holds, not the old way; a word only this sentence's old side has still counts
        kept_elsewhere = set().union(
            set(), *(o & n for other, (o, n) in enumerate(changed) if other != index)
        )
        only_old, both = old - new - kept_elsewhere, old & new
        # two words only the old form had: one alone is as often another sense of a common
        # word ("agree what needs doing" beside "we need proof of purchase")
        if len(said & only_old) >= 2 and len(said & both) >= 2:
            return True
    return False


_THEY = re.compile(r"^(?:they|he|she)\b", re.I)
_THAT = re.compile(r"^(?:.*?\band\s+)?that\s+", re.I)


def new_way_sentence(facts: ChangeFacts) -> str | None:
    """The new prompt's statement of the promise in the KB's voice ("Tell them that we'll text
    their code by 9am." → "We'll text your code by 9am."), with what the new prompt says still
    holds beside it ("They should still sign in at the desk." → "You should still sign in at
    the desk."); None when no told clause names the new channel."""
    channel = added_channel(facts)
    if channel is None:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.new:
            continue
        said: list[str] = []
        stating = False
        for part in sentences(rule.new):
            _, told = restated_rule(part)
            for clause in told:
                clause = _THAT.sub("", clause) if channel in stated_channels(clause) else clause
                clause = _THEY.sub("you", clause.strip().rstrip("."))
                stating = stating or channel in stated_channels(clause)
                said.append(clause[:1].upper() + clause[1:] + ".")
        if stating:
            return " ".join(said)
    return None


_DENIAL = re.compile(r"\b(?:don'?t|do not|doesn'?t|does not|won'?t|will not|can'?t|cannot|never)\b")


def denies_new_way(said: str, sentence: str) -> bool:
    """Whether `sentence`, beside one stating the old way, denies what the new way does
    ("We don't hand out codes before you arrive." beside the new "We'll text your code."):
    a negated sentence about the new statement's subject, naming no channel."""
    if not _DENIAL.search(sentence.replace("’", "'").lower()) or stated_channels(sentence):
        return False
    return bool(_stems(sentence) & _stems(said))
