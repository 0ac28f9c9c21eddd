"""A share written both in words and as a percent ("a quarter of your fee (25%)"): when the
percent moves, the words move with it, or the sentence says two values."""

from __future__ import annotations

import re

_WORDS = {
    25.0: "a quarter",
    50.0: "half",
    75.0: "three quarters",
}
_SHARE = re.compile(
    r"\b(?P<words>(?:a|one)\s+quarter|three\s+quarters|(?:a\s+|one\s+)?half)"
    r"(?P<of>\s+of)?\b",
    re.I,
)
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s?%$")


def _percent(value: str) -> float | None:
    found = _PERCENT.match(value)
    return float(found.group(1)) if found else None


def _size(words: str) -> float | None:
    said = re.sub(r"\s+", " ", words.lower()).removeprefix("a ").removeprefix("one ")
    return {"quarter": 25.0, "three quarters": 75.0, "half": 50.0}.get(said)


def with_share_words(raw: str, old: str, new: str) -> str:
    """`raw` with each share word that says the old percent ("a quarter of", for 25%) said as
    the new one ("half of", for 50%), once the percent itself moved; unchanged when either
    value has no such word or the sentence writes none."""
    before, after = _percent(old), _percent(new)
    if before is None or after is None or before not in _WORDS or after not in _WORDS:
        return raw

    def moved(found: re.Match[str]) -> str:
        if _size(found.group("words")) != before:
            return found.group(0)
        words = _WORDS[after]
        if found.group("words")[:1].isupper():
            words = words[:1].upper() + words[1:]
        # "half the fee", but "a quarter of the fee"
        return words + (found.group("of") or ("" if after == 50.0 else " of"))

    return _SHARE.sub(moved, raw)
