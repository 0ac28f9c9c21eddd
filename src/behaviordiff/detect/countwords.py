"""Counts written with a quantity word: "a dozen", "half a dozen", "two dozen", "a couple of
days", "a pair of".

A limit may be stated this way ("orders of a dozen or more") on both sides of a move; each is
read as the number it means ("half a dozen" is 6, never the 12 of the "a dozen" inside it),
and a new count is written back in the same kind of words where the text used them ("a
dozen" → "two dozen" for 24, never "24" into a sentence that counts in dozens).
`quantities` reads and writes amounts with these helpers.
"""

from __future__ import annotations

import re

__all__ = [
    "COUPLE",
    "DOZEN_HALF",
    "PAIR",
    "dozen_multiplier",
    "in_dozens",
    "is_dozens",
    "word_count",
]

DOZEN_HALF = r"half\s+an?"
"""The words before "dozen" that make half of one ("half a dozen")."""
PAIR = r"a\s+(?:couple|pair)"
"""Two, said as a couple or a pair ("a couple of days", "a pair of tickets")."""
COUPLE = PAIR + r"\s+of"
"""Two of a unit that follows ("a couple of weeks")."""

_HALF = re.compile(rf"^{DOZEN_HALF}$", re.I)
_PAIR = re.compile(rf"^{PAIR}(?:\s+of)?$", re.I)
_DOZEN = re.compile(r"\bdozens?\b", re.I)
_IN_WORDS = {1: "a", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
_IN_WORDS |= {8: "eight", 9: "nine", 10: "ten"}


def dozen_multiplier(written: str) -> float | None:
    """How many dozens the words before "dozen" count where they are not a plain number:
    0.5 for "half a"; None for anything else (the caller reads "a", "two", "3")."""
    return 0.5 if _HALF.match(written.strip()) else None


def word_count(written: str) -> float | None:
    """The count a quantity word says: 2 for "a couple (of)" or "a pair (of)"; None for
    anything else (the caller reads "a", "two", "3")."""
    return 2.0 if _PAIR.match(written.strip()) else None


def is_dozens(written: str) -> bool:
    """Whether an amount as a text wrote it counts in dozens ("a dozen", "Half a dozen")."""
    return _DOZEN.search(written) is not None


def in_dozens(count: float, like: str) -> str | None:
    """`count` written in dozens the way `like` ("a dozen", "A dozen") writes one: 24 is
    "two dozen", 6 "half a dozen", 12 "a dozen"; None when `count` is not a whole number of
    dozens (or half of one), or past ten dozen, so the text needs a writer."""
    dozens = count / 12
    if dozens == 0.5:
        written = "half a dozen"
    elif dozens.is_integer() and int(dozens) in _IN_WORDS:
        written = f"{_IN_WORDS[int(dozens)]} dozen"
    else:
        return None
    return written[:1].upper() + written[1:] if like[:1].isupper() else written
