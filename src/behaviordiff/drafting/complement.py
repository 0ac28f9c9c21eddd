"""A limit's other side: "a maximum of 10 guests, so for groups of 11 or more …". When a prompt
moves a whole-number upper limit ("up to 10" → "up to 8", "more than 10" → "more than 8"), the
first count past it ("11 or more", "11 guests or more", "11+", "eleven or more") moves with it
("9 or more", "nine or more"), or the KB would still send 9 and 10 nowhere.

Pure text helpers for `rules.rewrite_sentence`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from behaviordiff.detect.quantities import count_words

_UPPER = re.compile(
    r"\b(?:up to|at most|no more than|not more than|maximum(?: of)?|max(?:imum)?\.?|"
    r"more than|over|above|beyond|larger than|bigger than|exceeds?|exceeding)"
    r"(?:\s+|-)(?:\*\*|__)?$",
    re.I,
)


def _whole(value: str) -> int | None:
    return int(value) if re.fullmatch(r"\d{1,4}", value.strip()) else None


def upper_limit(sentence: str, value: str) -> bool:
    """Whether `sentence` states the whole number `value` as an upper limit ("up to 10
    people", "a maximum of 10", "more than 10 guests")."""
    number = _whole(value)
    if number is None:
        return False
    return any(
        _UPPER.search(sentence[: found.start()])
        for found in re.finditer(rf"(?<![\d.,£$€]){number}(?![\d.,%])", sentence)
    )


def next_count(value: str) -> str | None:
    """The first whole count past `value` ("11" for "10"), or None."""
    number = _whole(value)
    return None if number is None else str(number + 1)


_OR_MORE = r"(?:\s+[A-Za-z][\w'’-]*){0,2}\s+or more\b"
"""What follows the first count past a limit said as the start of what lies beyond it: "or
more", with up to two words of what it counts between ("11 guests or more")."""


def _complement_pattern(past: str) -> re.Pattern[str]:
    """The first count past a limit said as the start of what lies beyond it: "11 or more",
    "11 guests or more", "11+"."""
    return re.compile(rf"(?<![\d.,£$€]){past}(?={_OR_MORE}|\+(?!\d))", re.I)


def _worded_pattern(past: str) -> re.Pattern[str] | None:
    """The first count past a limit in words, said as the start of what lies beyond it:
    "eleven or more", "Twenty-one guests or more"; None when the count has no words."""
    words = count_words(int(past))
    if words is None:
        return None
    spelled = r"[\s-]".join(re.escape(part) for part in words.split("-"))
    return re.compile(rf"(?<![\w-]){spelled}(?={_OR_MORE})", re.I)


def _worded(past_old: str, past_new: str) -> tuple[re.Pattern[str], str] | None:
    """The worded first count past the old limit and the new one's words, or None when
    either has none."""
    pattern = _worded_pattern(past_old)
    words = count_words(int(past_new))
    return None if pattern is None or words is None else (pattern, words)


def _cased_like(words: str, like: str) -> str:
    return words[:1].upper() + words[1:] if like[:1].isupper() else words


def _complements(past_old: str, past_new: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the first count past the old limit, in figures or words."""
    found = list(_complement_pattern(past_old).finditer(text))
    worded = _worded(past_old, past_new)
    if worded is not None:
        found += worded[0].finditer(text)
    return found


def states_complement(old: str, new: str, old_sentence: str, text: str) -> bool:
    """Whether `text` states the first count past an old upper limit that moved ("11 guests
    or more" when "up to 10" became "up to 8"): the other side of the limit, said alone."""
    past_old, past_new = next_count(old), next_count(new)
    if past_old is None or past_new is None or past_old == past_new:
        return False
    return upper_limit(old_sentence, old) and bool(_complements(past_old, past_new, text))


def move_complement(text: str, old: str, new: str, old_sentence: str) -> str:
    """`text` with the first count past an old upper limit, said as the start of what lies
    beyond it ("11 or more", "groups of 11 guests or more", "11+"), moved past the new one
    ("9 or more"). Unchanged when the prompt's old sentence does not state `old` as an upper
    limit, or the values are not whole counts."""
    past_old, past_new = next_count(old), next_count(new)
    if past_old is None or past_new is None or not upper_limit(old_sentence, old):
        return text
    text = _complement_pattern(past_old).sub(past_new, text)
    worded = _worded(past_old, past_new)
    if worded is None:
        return text
    pattern, words = worded
    return pattern.sub(lambda found: _cased_like(words, found.group(0)), text)


def without_worded_complement(text: str, old: str, new: str, old_sentence: str) -> str:
    """`text` without the first count past a moved upper limit said in words ("eleven or
    more") blanked to the same length: a number in words that `move_complement` moves, so no
    other amount a new value would contradict."""
    past_old, past_new = next_count(old), next_count(new)
    if past_old is None or past_new is None or not upper_limit(old_sentence, old):
        return text
    worded = _worded(past_old, past_new)
    if worded is None:
        return text
    return worded[0].sub(lambda found: " " * len(found.group(0)), text)


class _Move(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def old(self) -> str: ...
    @property
    def new(self) -> str: ...
    @property
    def old_sentence(self) -> str: ...


def moved_complements(moves: Sequence[_Move]) -> list[str]:
    """The first count past each moved upper limit's new value ("9" for "up to 10" → "up to
    8"): the rule's own number, not one conversation's, when an edit writes "9 or more"."""
    return [
        past
        for move in moves
        if move.kind == "value"
        and upper_limit(move.old_sentence, move.old)
        and next_count(move.old) is not None
        and (past := next_count(move.new)) is not None
    ]


def complement_said(move: _Move, sentences: Sequence[str]) -> str | None:
    """What an edit says it did to a moved upper limit's other side that `sentences` state
    ("moves the limit's other side from “eleven or more” to “nine or more”"), or None when
    they state none."""
    past_old, past_new = next_count(move.old), next_count(move.new)
    if move.kind != "value" or past_old is None or past_new is None or past_old == past_new:
        return None
    if not upper_limit(move.old_sentence, move.old):
        return None
    for sentence in sentences:
        for found in _complements(past_old, past_new, sentence):
            said = f"{found.group(0)} or more"
            moved = move_complement(said, move.old, move.new, move.old_sentence)
            return f"moves the limit's other side from “{said}” to “{moved}”"
    return None


def complement_reason(move: _Move, text: str) -> str | None:
    """Why a KB sentence stating only a moved upper limit's other side is no longer true, or
    None when it states none."""
    if move.kind != "value" or not states_complement(move.old, move.new, move.old_sentence, text):
        return None
    return (
        f"states the old rule (its other side, {next_count(move.old)} or more); the new "
        f"limit is {move.new}, so it starts at {next_count(move.new)}"
    )


def complement_fact(move: _Move) -> str:
    """What a drafting model is told of a moved upper limit's other side, as the template
    moves it; empty when the move is no whole-number upper limit."""
    past_old, past_new = next_count(move.old), next_count(move.new)
    if move.kind != "value" or past_old is None or past_new is None:
        return ""
    if past_old == past_new or not upper_limit(move.old_sentence, move.old):
        return ""
    old_words, new_words = count_words(int(past_old)), count_words(int(past_new))
    worded = (
        f", in words where it is written in words (“{old_words} or more” now says "
        f"“{new_words} or more”)"
        if old_words and new_words
        else ""
    )
    return (
        f"; the limit's other side moves with it: a KB sentence or table row saying "
        f"“{past_old} or more” (or “{past_old} … or more” with what it counts between, or "
        f"“{past_old}+”) now says "
        f"“{past_new} or more”{worded}, and a range “1 to {move.old}” now ends at {move.new}; "
        f"a sentence of the same paragraph stating only the other side moves too, and the "
        f"edit's rationale says so"
    )
