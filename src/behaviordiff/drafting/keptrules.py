"""Rules the new prompt still states as they were: a KB sentence that says one of them is no
conflict, whatever number it shares with a moved rule.

A rush hand-off moved from "less than 14 days" to "less than 7 days" while the same prompt
still says "Deposits are refundable within 14 days of booking." and "Standard alterations need
at least 14 days": a KB sentence on deposits or on standard work that states 14 days (or "two
weeks") states what the new prompt still says, and rewriting it to 7 days would be wrong text.
A sentence is read as stating a kept rule when it states the moved value's old value and
shares more of its words with a kept prompt sentence stating that value than with the moved
rule, or when an earlier sentence of its paragraph does so with the same value ("After 14
days the deposit covers the work already started." after the deposit rule).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from behaviordiff.drafting.categories import others_keeping
from behaviordiff.drafting.rules import RuleMove, rate_apart, states_value
from behaviordiff.drafting.text import Unit, stem, terms

_LISTED = re.compile(r"\s*(?:\||[-*+]\s|\d+[.)]\s)")
"""A table row or a list item, read from a unit's raw text."""
_MIN_SHARED = 2
"""A kept prompt sentence names a KB sentence's subject only with this many words in common
(beyond the value and its measure): one shared word ("wedding", "booking") is any rule's."""


def kept_rules(
    moves: Sequence[RuleMove], rules: Sequence[Any], sections: Mapping[str, Sequence[str]]
) -> list[str]:
    """The sentences of the new prompt (`sections`, by section and sentence) that state a
    moved value's old value and are no part of the change: not a moved rule's new sentence,
    nor in the new text of any of the change's prompt rules (`rules`, with `.new`)."""
    olds = [move.old for move in moves if move.kind == "value" and move.old]
    if not olds:
        return []
    own = [move.new_sentence for move in moves] + [str(rule.new) for rule in rules if rule.new]
    # a category move's old value kept for the other categories ("Explain that a member can
    # book up to 6 classes a week" beside "more than 2 classes for a peak-time class") is the
    # rest of the moved rule, not another one: a KB sentence stating it for every category
    # still conflicts
    others = set(others_keeping(moves, sections))
    found = []
    for lines in sections.values():
        for sentence in lines:
            if any(sentence.strip() and sentence.strip() in text for text in own):
                continue
            if sentence in others:
                continue
            if any(states_value(old, sentence) for old in olds) and sentence not in found:
                found.append(sentence)
    return found


def _words(text: str, values: Sequence[str]) -> set[str]:
    """`terms` of a text without the words of the values (the number and its unit, in any
    of the forms a KB writes it: "14 days", "two weeks")."""
    for value in values:
        for word in terms(value):
            text = re.sub(rf"\b{re.escape(word)}\w*", " ", text, flags=re.I)
    text = re.sub(r"\d+(?:[.,]\d+)?", " ", text)
    measures = {stem(w) for w in ("day", "days", "week", "weeks", "fortnight", "month", "months")}
    measures |= {stem(w) for w in ("hour", "hours", "minute", "minutes", "year", "years")}
    numbers = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    # the words framing a value ("within 5 days", "up to 5 days") say nothing of its rule
    framing = {stem(w) for w in ("within", "after", "before", "until", "under", "over", "least")}
    return {
        word
        for word in terms(text)
        if word not in measures and word not in numbers and word not in framing
    }


def _moved_words(move: RuleMove) -> set[str]:
    return _words(f"{move.old_sentence} {move.new_sentence}", [move.old, move.new])


_CODE_SPAN = re.compile(r"`[^`\n]{0,200}`")
_OTHER_MEASURE = re.compile(r"^\s*%|^\s*per ?cent\b", re.I)
_MONEY_BEFORE = re.compile(r"[£$€¥]\s*$")


def _states_kept_value(old: str, other: str) -> bool:
    """Whether a kept prompt sentence states a moved value's old value in its own measure: a
    bare count ("up to 10 people") is not stated by a share or an amount of money with the same
    digits ("10% off in the shop", "a £10 fee"), another rule's number."""
    if not states_value(old, other):
        return False
    if not re.fullmatch(r"\d+", old.strip()):
        return True
    digits = list(re.finditer(rf"(?<![\d.,]){re.escape(old.strip())}(?![\d.,]\d)", other))
    return not digits or any(
        not _OTHER_MEASURE.match(other[found.end() :])
        and not _MONEY_BEFORE.search(other[: found.start()])
        for found in digits
    )


def states_kept_rule(moves: Sequence[RuleMove], kept: Sequence[str], sentence: str) -> bool:
    """Whether a KB sentence stating a moved value's old value says a rule the new prompt
    still states unchanged (`kept`, `kept_rules`): a kept sentence stating that value shares
    at least `_MIN_SHARED` of its words, and more than the moved rule's sentences do (the
    one most like it, when two prompt sentences moved the value)."""
    stating = [
        move
        for move in moves
        if move.kind == "value" and move.old and states_value(move.old, sentence)
    ]
    own = max((len(_words(sentence, [m.old, m.new]) & _moved_words(m)) for m in stating), default=0)
    for move in stating:
        said = _words(sentence, [move.old, move.new])
        for other in kept:
            if not _states_kept_value(move.old, other) or rate_apart(move, sentence, other):
                continue
            # a tool's name (`cancel_order`) is how the agent does it, not the rule's words
            shared = len(said & _words(_CODE_SPAN.sub(" ", other), [move.old]))
            if shared >= _MIN_SHARED and shared > own:
                return True
    return False


_EITHER_CASE = re.compile(r"\bwhether (?:you|it|they|we)\b[^,.;:!?]{0,80}\bor\b", re.I)
"""A claim for both of two cases ("whether we've priced it from photos or come out to see
it"): the changed case is one of them, so it states the moved rule too."""


def _other_rules(moves: Sequence[RuleMove], kept: Sequence[str]) -> list[str]:
    """`kept` without a moved rule's own old sentence, kept for the other cases ("Every hire
    includes 2 …" beside "Brass hires include 1 … instead"): it names no other case."""
    own = {" ".join(move.old_sentence.split()) for move in moves}
    return [sentence for sentence in kept if " ".join(sentence.split()) not in own]


def _sides(
    moves: Sequence[RuleMove], kept: Sequence[str], case_words: frozenset[str]
) -> tuple[set[str], set[str]]:
    """(the words only the kept prompt sentences have, those only the moved rule or the words
    of its case have), without the values and their measures."""
    values = [value for move in moves if move.kind == "value" for value in (move.old, move.new)]
    moved = set(case_words)
    for move in moves:
        if move.kind == "value" and move.old:
            moved |= _moved_words(move)
    kept_words: set[str] = set()
    for other in kept:
        kept_words |= _words(_CODE_SPAN.sub(" ", other), values)
    return kept_words - moved, moved - kept_words


def kept_case_words(
    moves: Sequence[RuleMove], kept: Sequence[str], case_words: frozenset[str]
) -> set[str]:
    """The words that name the cases keeping a moved value's old value: those of the kept
    prompt sentences (`kept_rules`) that neither the moved rule nor its case (`case_words`)
    says ("photos" of "Pieces we can judge from photos: … within 2 working days")."""
    return _sides(moves, _other_rules(moves, kept), case_words)[0]


def _leaning(
    moves: Sequence[RuleMove], kept: Sequence[str], said: str, case_words: frozenset[str]
) -> tuple[int, int]:
    """(the words of `said` only kept prompt sentences have, those only the moved rule or its
    case has): which of the two a sentence read with its context is about."""
    kept_only, moved_only = _sides(moves, kept, case_words)
    values = [value for move in moves if move.kind == "value" for value in (move.old, move.new)]
    words = _words(said, values)
    return len(words & kept_only), len(words & moved_only)


def _read_by_case(
    moves: Sequence[RuleMove],
    kept: Sequence[str],
    unit: Unit,
    context: Callable[[], str],
    case_words: frozenset[str],
) -> bool | None:
    """Whether a unit says a kept rule, read with what it is said under (`context`, read only
    when needed: the earlier sentences of its paragraph, its heading or the item's title; none
    for a table row, its own case) and the words of the change's case (`case_words`: "home
    visit" of a `home_visit` flag); None when they do not tell. Context naming the changed
    case more than the kept rules' ("The visit is £35 …" before "… your estimate within two
    working days") makes it the moved rule; naming the kept rules' case alone ("Thanks for the
    photos …"), a sentence sharing a word with one of them and no more with the moved rule
    says the kept rule."""
    kept = _other_rules(moves, kept)
    if (
        not kept
        or not case_words
        or not any(
            move.kind == "value" and move.old and states_value(move.old, unit.text)
            for move in moves
        )
    ):
        return None
    if _EITHER_CASE.search(unit.text):
        return False
    said = unit.text if _LISTED.match(unit.raw) else f"{unit.text} {context()}"
    kept_side, moved_side = _leaning(moves, kept, said, case_words)
    if moved_side > kept_side:
        return False
    if not kept_side or moved_side:
        return None
    for move in moves:
        if move.kind != "value" or not move.old or not states_value(move.old, unit.text):
            continue
        own = _words(unit.text, [move.old, move.new])
        shared = max(
            (
                len(own & _words(_CODE_SPAN.sub(" ", other), [move.old]))
                for other in kept
                if _states_kept_value(move.old, other)
            ),
            default=0,
        )
        if shared and shared >= len(own & _moved_words(move)):
            return True
    return None


def kept_units(
    moves: Sequence[RuleMove],
    kept: Sequence[str],
    item_units: Sequence[Unit],
    paragraphs: Sequence[Sequence[int]],
    contexts: Sequence[str] = (),
    case_words: frozenset[str] = frozenset(),
) -> set[int]:
    """The indexes of an item's units that say a kept rule (`states_kept_rule`), and of the
    unit right after one in its paragraph (`paragraphs[i]`: the other units of unit i's
    paragraph) that states the same old value in a sentence of running text, naming no more
    of the moved rule's words than of the kept one's: "After 14 days the deposit covers the
    work already started." goes on with the deposit rule said before it. A table row or a
    list item is its own case ("| Full Overhaul | … | 5 working days |" after the row of a
    service that keeps 5 working days), never read on from the one above. With the units'
    `contexts` and the change's `case_words`, a unit is read by case first (`_read_by_case`)."""
    if not kept:
        return set()
    texts = [unit.text for unit in item_units]
    found = set()
    moved_case: set[int] = set()
    for index, unit in enumerate(item_units):
        by_case = (
            _read_by_case(moves, kept, unit, partial(contexts.__getitem__, index), case_words)
            if index < len(contexts)
            else None
        )
        if by_case or (by_case is None and states_kept_rule(moves, kept, texts[index])):
            found.add(index)
        elif by_case is False:
            moved_case.add(index)
    for index in sorted(found):
        after = index + 1
        if after not in paragraphs[index] or _LISTED.match(item_units[after].raw):
            continue
        if after in moved_case:
            continue
        for move in moves:
            if move.kind != "value" or not move.old:
                continue
            if not (states_value(move.old, texts[index]) and states_value(move.old, texts[after])):
                continue
            said = _words(texts[after], [move.old, move.new])
            before = _words(texts[index], [move.old, move.new])
            if len(said & _moved_words(move)) <= len(said & before):
                found.add(after)
                break
    return found
