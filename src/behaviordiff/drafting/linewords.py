"""A line on a count said in words as the group or the day it draws: "under-fives" (the group
below 5, as "Under-14s" is in digits), "from their fifth birthday" (the age of 5 said as the
birthday it starts on, "5th birthday" in digits).  Either states the bare count the line is
drawn at, as much as "under five" does, so a moved line (5 → 3) reads them as its old value and
writes the new one in the same form ("under-threes", "third birthday"). The last count below a
line said inclusively ("aged six and under", "10 or fewer", "up to and including ten") states
the line above it (5, 11) and is written the same way ("two and under" for a line moved to 3).
An ordinal anywhere else ("a second time", "third party") is no line: only the birthday an age
starts on is read so.
"""

from __future__ import annotations

import re

from behaviordiff.detect.quantities import CARDINALS, ORDINALS


def _plural(word: str) -> str:
    """A count word as the group it names: "five" → "fives", "six" → "sixes", "twenty" →
    "twenties"."""
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("x", "s")) else "s")


_GROUPS = {
    _plural(word): count
    for word, count in CARDINALS.items()
    if count <= 20 or (count < 100 and count % 10 == 0)
}
"""The groups a line draws in words, up to twenty and the tens ("over sixties"), by count."""

_LAST = {word: count for word, count in CARDINALS.items() if count <= 100}
"""Counts in words that may be the last one below a line ("six and under")."""

LINE_WORDS = re.compile(
    r"(?:(?<=\b(?i:under)[\s-])|(?<=\b(?i:over)[\s-]))(?P<group>"
    + "|".join(sorted(_GROUPS, key=len, reverse=True))
    + r")\b"
    r"|(?<![\w-])(?:(?P<ordinal>" + "|".join(ORDINALS) + r")|(?P<digits>\d{1,3})(?:st|nd|rd|th))"
    r"(?=\s+birthday\b)"
    r"|(?<![\w$£€.,-])(?=[\w-]{1,12}\s+(?:and|or)\s)(?P<last>\d{1,3}|"
    + "|".join(sorted(_LAST, key=len, reverse=True))
    + r")"
    r"(?=\s+(?:and|or)\s+(?:under|younger|below|less|fewer)\b)"
    r"|(?<=g\s)(?<=\b(?i:up to and including)\s)(?P<upto>\d{1,3}|"
    + "|".join(sorted(_LAST, key=len, reverse=True))
    + r")\b(?![.,]?\d|\s*(?:%|per\s*cent|percent|am|pm|o'clock))"
    r"|(?<=[\s–—-])(?:(?<=\b0[–—-])|(?<=\b0\s[–—-]\s)|(?<=\b0\sto\s)|(?<=\b(?i:zero)\sto\s))"
    r"(?P<band>\d{1,3}|" + "|".join(sorted(_LAST, key=len, reverse=True)) + r")\b"
    r"(?![.,:]?\d|\s*(?:%|per\s*cent|percent|am|pm|o'clock|[-–—]))"
    r"|(?<![\w-])(?P<figures>double|triple)\s+figures\b",
    re.I,
)
"""A count said as the group a line draws ("under-fives", "over sixties", never "Thunder
fives"), as the birthday an age starts on ("fifth birthday", "5th birthday"), or as the last
one below the line, inclusively ("aged six and under", "4 or younger", "10 or fewer", "up
to and including ten", a band from nought "0–4": the line under 5, under 11), or as the
figures a count reaches ("once your party reaches double figures": 10); never a price ("£4 or
less")."""


def is_last_below(found: re.Match[str]) -> bool:
    """Whether a `LINE_WORDS` match says the last count below a line ("four and under",
    "0–4"): it states the line only where the prompt draws it from below
    (`rules.line_statements`)."""
    return bool(found.group("last") or found.group("upto") or found.group("band"))


def line_count(found: re.Match[str]) -> int:
    """The count a `LINE_WORDS` match states."""
    if found.group("group"):
        return _GROUPS[found.group("group").lower()]
    if found.group("figures"):
        return 10 if found.group("figures").lower() == "double" else 100
    if found.group("ordinal"):
        return ORDINALS.index(found.group("ordinal").lower()) + 1
    last = found.group("last") or found.group("upto") or found.group("band")
    if last:
        # "six and under" is the line under 7
        return (int(last) if last.isdigit() else _LAST[last.lower()]) + 1
    return int(found.group("digits"))


def _ordinal_digits(count: int) -> str:
    if 10 <= count % 100 <= 20:
        return f"{count}th"
    return f"{count}" + {1: "st", 2: "nd", 3: "rd"}.get(count % 10, "th")


def line_written(found: re.Match[str], count: int) -> str | None:
    """`count` in the form of the `LINE_WORDS` match `found` ("fives" → "threes" of
    "under-threes", "sixes", "twenties"; "fifth" → "third", "5th" → "3rd"), cased like it;
    None when the form cannot take it (no word for it)."""
    if found.group("digits"):
        return _ordinal_digits(count)
    if found.group("figures"):
        # "reaches double figures" → "reaches six": the count itself, spelled
        if count in (10, 100):
            return ("double" if count == 10 else "triple") + " figures"
        word = next((w for w, n in _LAST.items() if n == count and "-" not in w), None)
        return word if word is not None and count < 10 else None
    last = found.group("last") or found.group("upto") or found.group("band")
    if last:
        # the line under 3 said as its last one below, as the old one was: "two and under"
        if count < 1:
            return None
        if last.isdigit():
            return str(count - 1)
        word = next((w for w, n in _LAST.items() if n == count - 1 and "-" not in w), None)
        if word is None:
            return None
        return word[:1].upper() + word[1:] if last[:1].isupper() else word
    if found.group("group"):
        written = next((group for group, n in _GROUPS.items() if n == count), None)
    else:
        written = ORDINALS[count - 1] if 1 <= count <= len(ORDINALS) else None
    if written is None:
        return None
    return written[:1].upper() + written[1:] if found.group(0)[:1].isupper() else written
