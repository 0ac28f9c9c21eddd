"""A call whose channel argument moved for everyone on the change's topic (`send_code`,
channel email → sms): the change is the channel the thing reaches the customer by, not a new
action, so the KB's sentences stating the old channel say the new one in their own words
(`template._edit_channel`) instead of being replaced by the prompt's action sentence.

Only where the one call before and the one call after are the same tool, differing in one
argument whose old value names the old channel and whose new value the new one, and the
replies' promises moved the same way (`channels.switched_channel`); only for a change that
reaches everyone on its topic (a condition of topic tags alone, or none): for a subset, the
old channel still holds for the rest and the channel edit scopes it.
"""

from __future__ import annotations

import re

from behaviordiff.detect.facts import CHANNEL_NOUNS, CHANNEL_VERBS, NOT_CHANNEL, extract_promises
from behaviordiff.drafting.channels import (
    MESSAGE_NOUNS,
    bound_to,
    stated_channels,
    switched_channel,
)
from behaviordiff.drafting.facts import ChangeFacts


def _channel_of(value: str) -> str | None:
    """The channel an argument's value names, alone ("email", "sms", "text_message")."""
    words = " ".join(re.split(r"[\s_-]+", value.strip().strip("`'\"")))
    found = [
        channel
        for channel, noun in CHANNEL_NOUNS.items()
        if re.fullmatch(rf"(?:{noun})", words, re.I)
    ]
    return found[0] if len(found) == 1 else None


def channel_argument_switch(facts: ChangeFacts) -> tuple[str, str] | None:
    """(old channel, new channel) when the change's only action change is one call's channel
    argument, moved as its promises moved, for everyone on the change's topic."""
    condition = facts.condition
    if condition is not None and any(atom.op != "tag" for atom in condition.atoms):
        return None
    switched = switched_channel(facts.removed_promises, facts.added_promises)
    if switched is None or len(facts.before_actions) != 1 or len(facts.after_actions) != 1:
        return None
    [before] = facts.before_actions
    [after] = facts.after_actions
    if before.name != after.name:
        return None
    old_args, new_args = dict(before.arguments), dict(after.arguments)
    if old_args.keys() != new_args.keys():
        return None
    moved = [key for key in old_args if old_args[key] != new_args[key]]
    if len(moved) != 1:
        return None
    [key] = moved
    if (_channel_of(old_args[key]), _channel_of(new_args[key])) != switched:
        return None
    return switched


_REPEAT = re.compile(r"\b(?:again|re-?sends?|re-?sent|re-?sending|another\s+copy)\b", re.I)
"""Words saying the thing is sent once more ("send them again", "resend the code")."""


def first_sending(sentence: str, facts: ChangeFacts) -> bool:
    """Whether `sentence` is about the first sending (tickets "emailed with your booking
    confirmation") while the prompt's changed rule moves only a repeat ("send them again"):
    the first sending keeps its channel, so the sentence stays."""
    rules = [rule.new for rule in facts.rules if rule.new]
    if not rules or not any(_REPEAT.search(text) for text in rules):
        return False
    return _REPEAT.search(sentence) is None


def old_channel_step(sentence: str, old: str, new: str) -> bool:
    """Whether `sentence` is a step only the old channel has ("check your spam folder if they
    don't turn up within five minutes"): it names what only `old` has and no channel, its only
    promise the wait before the step, which the promise itself states."""
    if not bound_to(sentence, old) or bound_to(sentence, new) or stated_channels(sentence):
        return False
    promises = extract_promises(sentence)
    return all(promise.kind == "duration" for promise in promises)


def renamed_message(sentence: str, old: str, new: str) -> str | None:
    """`sentence` with the message it names by the old channel ("if the email takes a few
    minutes") named by the new one ("if the text message takes a few minutes"); None when it
    names none, or a word of the old channel is left."""
    noun = CHANNEL_NOUNS[old]
    pattern = re.compile(rf"\b(?P<article>the|this|that|your)\s+(?:{noun})\b" + NOT_CHANNEL, re.I)
    message = MESSAGE_NOUNS.get(new, new)
    text = pattern.sub(lambda match: f"{match.group('article')} {message}", sentence)
    if text == sentence or bound_to(text, old):
        return None
    verb = CHANNEL_VERBS.get(old, "")
    left = "|".join(word for word in (noun, verb) if word)
    if re.search(rf"\b(?:{left})\w*\b" + NOT_CHANNEL, text, re.I):
        return None
    return text
