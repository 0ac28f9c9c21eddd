"""What a changed prompt rule keeps and what it rewrites, sentence by sentence.

A prompt line behind a change often holds the rule sentence and instruction sentences beside
it ("call `cancel_session` and tell them the fee goes back within 5 working days") that the new
prompt keeps, word for word or reworded ("With enough notice, cancel it with …"). Read as one
hunk, every sentence of it looks rewritten, and a KB sentence lined up with a kept instruction
("It can take up to 5 working days to show") was taken for the old rule while the one restating
what the new prompt dropped ("whichever day you've booked", "your money always goes back to the
card you paid with") was left.

`sentence_diff` aligns the old sentences of the change's prompt hunks with the new prompt's
(DeepDiff, through `diffing.align`): an old sentence the new prompt says again, or says again
with only words added around it (its content words all in one new sentence), is kept; any other
is rewritten, and what it loses against its closest new sentence are the words the new prompt
dropped. Claims for every case ("whatever", "whichever", "however", "always", "any", "every",
"regardless") are read as one word: the KB says them its own way.

`picked_by_diff` then re-picks the conflicts of an item marked for the change: when a sentence
of the item restates a rewritten sentence (four of its content words or more, three the kept
sentences do not say, one the new prompt dropped) and some of the item's conflicts share none
of the dropped words and at most one of a rewritten sentence's own words (a sentence lined up
with a kept instruction, or with the rule's kept part) and name no changed case, those
conflicts go and the restating
sentences are marked in their place; with no such conflict the item is left as it was.
Table rows, headings and items with no restating sentence are left as they were.
Nothing here reads a scenario's words: only the change's old and new prompt sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from behaviordiff.diffing.align import align
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.text import Unit, flat, terms

_MAX = 4000
"""Characters of a sentence read: a KB sentence longer than this is no restatement."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`(])")
_CODE_SPAN = re.compile(r"`[^`\n]{0,200}`")
_ARGUMENTS = re.compile(r"\(([^()\n]{0,300})\)")
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", re.I)
_EVERY_CASE = re.compile(
    r"\b(?:whatever|whichever|however|whenever|wherever|whoever|regardless|always|every|"
    r"any)\b",
    re.I,
)
_EVERY = "<every case>"
"""The one word every claim for every case is read as."""

_MIN_SAID = 4
"""Content words a KB sentence shares with a rewritten prompt sentence to restate it…"""
_MIN_OWN = 3
"""…of which this many the kept sentences do not say…"""
_MIN_DROPPED = 1
"""…and this many the new prompt dropped."""
_MAX_KEPT = 400
"""Sentences of a prompt section read as kept, at most."""
_MAX_ADDED = 3
"""Content words a kept sentence may gain in the new prompt ("With enough notice, …")."""
_WEAK_OWN = 1
"""A conflict sharing no dropped word and at most this many of a rewritten sentence's own
words is lined up with what the new prompt keeps."""


_NARROWING = re.compile(
    r"\b(?:except|unless|only|but|if|other\s+than|apart\s+from|excluding|not|no\s+longer)\b",
    re.I,
)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


def _narrows(old: str, new: str) -> bool:
    """Whether the words a sentence gained narrow its rule: an exception, a condition or a
    negation it did not have ("…, except for gift cards."), or a number it did not state.
    A sentence rewritten for a subset that way is rewritten, however few the words."""
    before = {found.group().lower() for found in _NARROWING.finditer(old[:_MAX])}
    after = {found.group().lower() for found in _NARROWING.finditer(new[:_MAX])}
    return bool(after - before) or bool(
        set(_DIGITS.findall(new[:_MAX])) - set(_DIGITS.findall(old[:_MAX]))
    )


def _plain(text: str) -> str:
    """A prompt sentence without its internals: code spans, argument lists naming fields
    ("(booking_ref, refund "full")"), and identifiers ("booking_fee_eur")."""
    text = _CODE_SPAN.sub(" ", text[:_MAX])
    text = _ARGUMENTS.sub(
        lambda found: " " if _IDENTIFIER.search(found[1]) or "=" in found[1] else found[0], text
    )
    return _IDENTIFIER.sub(" ", text)


def content(text: str) -> frozenset[str]:
    """The content words of a sentence, stemmed, numbers included, a claim for every case as
    one word (`_EVERY`)."""
    plain = _plain(text)
    words = {word for word in terms(plain) if len(word) > 2 or word.isdigit()}
    words -= {stem for found in _EVERY_CASE.finditer(plain) for stem in terms(found[0])}
    if _EVERY_CASE.search(plain):
        words.add(_EVERY)
    return frozenset(words)


def _sentences(text: str | None) -> list[str]:
    return [s for s in _SENTENCE_END.split(flat(text or "")[:_MAX]) if s.strip()]


@dataclass(frozen=True)
class OldSentence:
    """One sentence of the old prompt's hunks behind the change."""

    text: str
    words: frozenset[str]
    kept: bool
    """The new prompt says it again, word for word or with words only added around it."""
    own: frozenset[str] = frozenset()
    """Its words no kept sentence of the hunks says (a rewritten sentence's only)."""
    dropped: frozenset[str] = frozenset()
    """Its words its closest new sentence no longer says (a rewritten sentence's only)."""
    again: str = ""
    """The new prompt's sentence saying it again (a kept sentence of the hunks only)."""
    beside: bool = False
    """A sentence of the hunks, or kept on a prompt line a hunk rewrote: an instruction
    beside the rule, not a rule of its own elsewhere."""


@dataclass(frozen=True)
class SentenceDiff:
    """The old sentences of a change's prompt hunks, kept or rewritten."""

    sentences: tuple[OldSentence, ...]

    @property
    def kept(self) -> list[OldSentence]:
        return [s for s in self.sentences if s.kept]

    @property
    def rewritten(self) -> list[OldSentence]:
        return [s for s in self.sentences if not s.kept]

    @property
    def said_again(self) -> frozenset[str]:
        """The new prompt's sentences saying a kept sentence of the hunks again (their
        spacing made single): instructions kept beside the rule, no part of it."""
        return frozenset(" ".join(s.again.split()) for s in self.sentences if s.again)

    def restates(self, text: str) -> bool:
        """Whether a KB sentence restates a rewritten sentence: `_MIN_SAID` of its content
        words, `_MIN_OWN` no kept sentence says, `_MIN_DROPPED` the new prompt dropped."""
        if len(text) > _MAX:
            return False
        own = content(text)
        return any(
            len(own & s.words) >= _MIN_SAID
            and len(own & s.own) >= _MIN_OWN
            and len(own & s.dropped) >= _MIN_DROPPED
            for s in self.rewritten
        )

    def beside_the_change(self, text: str) -> bool:
        """Whether a KB sentence says no word the new prompt dropped and at most `_WEAK_OWN`
        of a rewritten sentence's own words: what it says, the new prompt still says. Its
        numbers aside: the same amount said of another thing ("a levy of €3 per passenger"
        beside "a €3 booking fee") is no restatement."""
        own = {word for word in content(text[:_MAX]) if not word.isdigit()}
        return all(not own & s.dropped and len(own & s.own) <= _WEAK_OWN for s in self.rewritten)

    def every_case_restated(self, text: str) -> bool:
        """Whether a KB sentence restates a rewritten sentence whose claim for every case
        ("whatever day it is on", "always goes back to the way they paid") the new prompt
        dropped, with a claim for every case of its own ("whichever day you've booked"): it
        says one rule for all, and the new rule for each side belongs in its place."""
        if len(text) > _MAX:
            return False
        own = content(text)
        return _EVERY in own and any(
            _EVERY in s.dropped and len(own & s.words) >= _MIN_SAID and len(own & s.own) >= _MIN_OWN
            for s in self.rewritten
        )

    def kept_for_others(self, text: str) -> bool:
        """Whether a new prompt's rule for the others (`text`) still says what a rewritten
        sentence whose claim for every case was dropped said, that claim and its other
        dropped words aside (`_MIN_SAID` words): the others keep the old rule, so the two
        sides said together are true where the KB claimed one rule for all."""
        own = content(text[:_MAX])
        return any(
            _EVERY in s.dropped and len(own & (s.words - s.dropped)) >= _MIN_SAID
            for s in self.rewritten
        )


_DIFFS: LastChange[SentenceDiff | None] = LastChange()


def change_diff(facts: ChangeFacts) -> SentenceDiff | None:
    """`sentence_diff`, read once per change (its rules and prompt as they are), not again
    for every item."""
    key = (
        tuple(facts.rules),
        tuple((name, tuple(said)) for name, said in facts.prompt_sections.items()),
    )
    return _DIFFS.get(facts, key, lambda: sentence_diff(facts))


def _hunk_rules(facts: ChangeFacts) -> list[tuple[str | None, str]]:
    return [
        (rule.section, rule.old)
        for rule in facts.rules
        if rule.old and (rule.kind.startswith("sentence_") or rule.kind.startswith("section_"))
    ]


def _key(sentence: str) -> str:
    return " ".join(sentence.split()).lower()


def sentence_diff(facts: ChangeFacts) -> SentenceDiff | None:
    """The old sentences of the change's prompt hunks, each kept or rewritten against the new
    prompt (None when the change has no old prompt text, or the new prompt none)."""
    olds = [(section, s) for section, old in _hunk_rules(facts) for s in _sentences(old)]
    if not olds:
        return None
    news: list[str] = []
    for section_said in facts.prompt_sections.values():
        news += [part for s in section_said for part in _sentences(s)]
    for rule in facts.rules:
        if rule.new and (rule.kind.startswith("sentence_") or rule.kind.startswith("section_")):
            news += [s for s in _sentences(rule.new) if s not in news]
    if not news:
        return None
    # word for word: DeepDiff's alignment of the old sentences with the new prompt's
    old_keys = [_key(s) for _, s in olds]
    new_keys = [_key(s) for s in news]
    same: set[int] = set()
    for step in align(old_keys, new_keys):
        if step.tag == "equal":
            same.update(range(step.i1, step.i2))
    new_set = set(new_keys)
    new_words = [content(s) for s in news]
    if not news:
        return None
    read: list[tuple[str, frozenset[str], bool, frozenset[str], str]] = []
    for index, (_, sentence) in enumerate(olds):
        words = content(sentence)
        if index in same or old_keys[index] in new_set:
            read.append((sentence, words, True, frozenset(), sentence))
            continue
        # its closest new sentence: the one saying most of its words (the first of those)
        at = max(range(len(news)), key=lambda j: (len(words & new_words[j]), -j))
        lost = words - new_words[at]
        # kept when it loses nothing and gains a few words at most ("With enough notice,
        # …"); a sentence folded into a new rule saying much more is rewritten
        kept = (
            not lost
            and bool(words)
            and len(new_words[at] - words) <= _MAX_ADDED
            and not _narrows(sentence, news[at])
        )
        read.append((sentence, words, kept, frozenset(lost), news[at] if kept else ""))
    # the new prompt's sentences no hunk touched, in every section: kept as they were (a
    # rule kept elsewhere, "every repair comes with a 90-day guarantee", is no old rule)
    changed = {_key(s) for rule in facts.rules for s in _sentences(rule.new)}
    beside: set[str] = set()
    for said in facts.prompt_sections.values():
        for line in said[:_MAX_KEPT]:
            parts = _sentences(line)
            for part in parts:
                if _key(part) not in changed and _key(part) not in old_keys:
                    read.append((part, content(part), True, frozenset(), ""))
                    if any(_key(other) in changed for other in parts):
                        # kept on the very line the hunk rewrote ("To book, call …. A €3
                        # booking fee is added …")
                        beside.add(part)
    kept_words: set[str] = set()
    for _, words, kept, _, _ in read:
        if kept:
            kept_words |= words
    hunk = {sentence for _, sentence in olds}
    return SentenceDiff(
        tuple(
            OldSentence(
                sentence, words, kept, again=again, beside=sentence in hunk or sentence in beside
            )
            if kept
            else OldSentence(sentence, words, kept, words - kept_words, lost, beside=True)
            for sentence, words, kept, lost, again in read
        )
    )


def reworded_kept(facts: ChangeFacts) -> list[str]:
    """The old hunk sentences the new prompt keeps, reworded or not, when the hunks also
    rewrite one: none when every sentence is kept (the change is then read elsewhere)."""
    diff = sentence_diff(facts)
    if diff is None or not diff.rewritten:
        return []
    return [s.text for s in diff.kept]


C = TypeVar("C")


def picked_by_diff(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    conflicts: list[C],
    make: Callable[[int, str], C],
    index_of: Callable[[C], int],
    diff: SentenceDiff | None,
    stays: Callable[[C], bool] = lambda conflict: False,
) -> list[C]:
    """An item's conflicts re-picked by what changed, sentence by sentence (module doc):
    conflicts beside the change go and the sentences restating a rewritten one come, when the
    hunks keep a sentence and the item holds a restating one; else as they were."""
    if diff is None or not conflicts or not any(s.beside for s in diff.kept) or not diff.rewritten:
        return conflicts
    restating = [
        index
        for index, unit in enumerate(item_units)
        if not unit.raw.lstrip().startswith(("#", "|")) and diff.restates(unit.text)
    ]
    if not restating:
        return conflicts
    out = [
        conflict
        for conflict in conflicts
        if index_of(conflict) in restating
        or item_units[index_of(conflict)].raw.lstrip().startswith("|")
        # a sentence naming the changed case (a kept instruction may no longer hold for it),
        # or asking for what the case no longer needs: the change's own, whatever it shares
        or stays(conflict)
        or _states_moved_old(facts, diff, item_units[index_of(conflict)].text)
        or not diff.beside_the_change(item_units[index_of(conflict)].text)
    ]
    if len(out) == len(conflicts):
        # no conflict beside the change: the class rules' picks stand as they are
        return conflicts
    had = {index_of(conflict) for conflict in out}
    out += [make(index, item_units[index].text) for index in restating if index not in had]
    out.sort(key=index_of)
    return out


def _states_moved_old(facts: ChangeFacts, diff: SentenceDiff, text: str) -> bool:
    """Whether a conflict states a value the change moved, as the old side, of what a
    rewritten sentence is about ("Spend £50 and we'll ship it free." of "Delivery is free on
    every order over £50": a word of its own, "free"): never beside the change, however few
    words it shares (the review's MUST: the edit kept "£50" beside the rewritten "£80").
    The same amount of another thing ("the courier charges its own $4 per parcel") shares
    none, and stays beside it."""
    from behaviordiff.drafting.rules import where_stated

    own = content(text[:_MAX])
    return any(own & s.own for s in diff.rewritten) and any(
        move.old and where_stated(move.old, text[:_MAX]) for move in facts.moves
    )
