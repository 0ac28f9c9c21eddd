"""The first one over a count limit, said as an ordinal beside the count: "Once you've got
three swims in the diary for the week, the booking page won't let you add a fourth." A limit
of 3 that becomes 5 makes "three" "five" and the "fourth" one past it the "sixth"; left alone,
the sentence says the fourth swim still cannot be added.

Only the ordinal one past the old count, after the count in the same sentence, moves, written
as the sentence writes it ("fourth" → "sixth", "4th" → "6th"); a date ("the 4th of June", "May
4th") is no count and stays. Pure text: `rules.rewrite_sentence` calls it on a rewrite that
moved a whole count.
"""

from __future__ import annotations

import re

from behaviordiff.detect.quantities import ORDINALS, count_words

_CARDINAL = {word: n for n in range(1, 21) if (word := count_words(n))}
_COUNT = re.compile(r"^\s*(?P<n>\d{1,3}|[A-Za-z]+)\b(?:\s+[A-Za-z][\w'’-]*){0,2}\s*$")
"""A move's value that is a plain count: "3", "three", "3 swims", "five lessons"."""
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.I)
_DATE_AFTER = re.compile(rf"^\s*(?:of\s+)?(?:{_MONTHS})\b", re.I)


def whole_count(value: str) -> int | None:
    """The count a move's value states when it is a plain count ("3", "five lessons"); None
    for money, a share, a time or anything else."""
    found = _COUNT.match(value)
    if found is None:
        return None
    number = found["n"].lower()
    if number.isdigit():
        return int(number)
    return _CARDINAL.get(number)


def _ordinal(value: int, like: str) -> str:
    if like[0].isdigit():
        suffix = "th"
        if value % 100 not in (11, 12, 13):
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    word = ORDINALS[value - 1] if value <= len(ORDINALS) else f"{value}th"
    return word.capitalize() if like[0].isupper() else word


def _ordinal_pattern(value: int) -> re.Pattern[str]:
    words = [re.escape(ORDINALS[value - 1])] if value <= len(ORDINALS) else []
    return re.compile(
        r"(?<![\w-])(?:" + "|".join([*words, rf"{value}(?:st|nd|rd|th)"]) + r")\b", re.I
    )


def moved_next_ordinal(old_raw: str, written: str, old: str, new: str) -> str:
    """`written` (the rewrite of `old_raw` moving the count `old` to `new`) with the ordinal
    one past the old count, which `old_raw` states after it, one past the new count; `written`
    unchanged when there is none, or when either value is no plain count."""
    before, after = whole_count(old), whole_count(new)
    if before is None or after is None or before == after or max(before, after) >= 99:
        return written
    pattern = _ordinal_pattern(before + 1)
    if not pattern.search(old_raw):
        return written
    count_at = _count_position(written, after)
    if count_at is None:
        return written

    def swap(found: re.Match[str]) -> str:
        if found.start() < count_at:
            return found.group(0)
        if _DATE_BEFORE.search(written[: found.start()]) or _DATE_AFTER.match(
            written[found.end() :]
        ):
            return found.group(0)
        return _ordinal(after + 1, found.group(0))

    return pattern.sub(swap, written)


def _count_position(text: str, count: int) -> int | None:
    """Where `text` first states the count (as a figure or in words)."""
    words = [re.escape(word) for word, n in _CARDINAL.items() if n == count]
    found = re.search(
        r"(?<![\w.,])(?:" + "|".join([str(count), *words]) + r")(?![\w.,]\d|\w)", text, re.I
    )
    return found.start() if found else None
