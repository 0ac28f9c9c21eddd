"""A day of the year with no year ("18 December") in every shape a KB writes it.

A prompt's "mainland UK 18 December" is the same date as a table's "| 18 Dec |", a macro's
"by December 18th", "the 18th of December", or an article's "order by the 18th" where the
sentence names no month at all (the day of the month the rule is about). Each is read as
stating the date, and a moved date is written back in the shape the KB used ("18 Dec" →
"20 Dec", "the 18th" → "the 20th"). A bare number ("18 brownies") never is a date, nor is a
bare ordinal followed by a noun it ranks ("the 18th birthday") or in a text that names
another month ("the 18th of each month" aside, the month is then that text's own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.calendardates import _MONTH_NAMES as _MONTHS
from behaviordiff.detect.calendardates import _suffix

__all__ = [
    "DAY_MONTH",
    "ORDINAL_DAY",
    "DayMonth",
    "day_month_statements",
    "day_month_written_like",
    "read_day_month",
]

_MONTH_WORD = "(?:" + "|".join(_MONTHS) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
_DAY = r"[0-3]?\d"
_SUFFIX = r"(?:st|nd|rd|th)"

DAY_MONTH = re.compile(
    rf"(?<![\w£$€.,-])(?:(?P<d1>{_DAY})(?P<s1>{_SUFFIX})?(?P<of>\s+of)?\s+(?P<m1>{_MONTH_WORD})"
    rf"|(?P<m2>{_MONTH_WORD})\s+(?:the\s+)?(?P<d2>{_DAY})(?P<s2>{_SUFFIX})?)"
    r"(?![\w-])(?!,?\s+\d{4})",
    re.I,
)
"""A day and a month, either way round, the month whole or cut short ("18 Dec", "Dec. 18th",
"18th of December", "December the 18th"); never one with a year after it (a full date is
`calendardates`'), nor a day inside an amount."""

ORDINAL_DAY = re.compile(
    rf"\b(?P<the>the\s+)(?P<d>{_DAY})(?P<s>{_SUFFIX})(?=\s*(?:[,.;:!?)]|$|\s+(?:to|and|or|at|if|"
    r"then|so|for|in|when|before|latest|we|you|it|they|but|as|is|will|please)\b))",
    re.I,
)
"""A bare day of the month, "the 18th", where what follows is no noun it ranks (the end of a
clause or a small word): "order by the 18th, then …", never "the 18th birthday"."""

_ANY_MONTH = re.compile(rf"(?<![\w-]){_MONTH_WORD}(?![\w-])", re.I)
_MAY_VERB = re.compile(r"\bmay\b(?!\s+\d)", re.I)


@dataclass(frozen=True)
class DayMonth:
    day: int
    month: int
    """1 to 12."""


def _month(word: str) -> int | None:
    key = word.lower().rstrip(".")[:3]
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(key):
            return number
    return None


def _read(found: re.Match[str]) -> DayMonth | None:
    day = found.group("d1") or found.group("d2")
    word = found.group("m1") or found.group("m2")
    if not word[:1].isupper():
        # a month is written with its capital: "3 may take", "1 march" are a number and a verb
        return None
    month = _month(word)
    if month is None or not day or not 1 <= int(day) <= 31:
        return None
    return DayMonth(int(day), month)


def read_day_month(value: str) -> DayMonth | None:
    """The day and month a value states whole ("18 December", "Dec 18th"); None for anything
    else (a full date with its year, a number, a date inside a longer text)."""
    found = DAY_MONTH.fullmatch(value.strip())
    return _read(found) if found is not None else None


def _months_named(text: str) -> set[int]:
    """The months `text` names, the verb "may" aside ("you may order")."""
    named = set()
    for found in _ANY_MONTH.finditer(text):
        word = found.group(0)
        if word.lower().startswith("may") and _MAY_VERB.match(text, found.start()):
            continue
        if len(word.rstrip(".")) == 3 and word[:1].islower() and word.lower() in {"mar", "may"}:
            continue  # "mar", "may" in lower case: words, not months
        month = _month(word)
        if month is not None:
            named.add(month)
    return named


def day_month_statements(value: str, text: str, *, bare: bool = False) -> list[re.Match[str]]:
    """Where `text` states the date `value` in any of its shapes with its month. `bare`: a
    bare "the 18th" too, when the text names no month but the value's own; off by default, as
    a day of the month alone is as likely any monthly day ("fees are taken on the 12th") as
    the moved date, and only a caller that knows the sentence is about the date's subject may
    read it so."""
    wanted = read_day_month(value)
    if wanted is None:
        return []
    found = [each for each in DAY_MONTH.finditer(text) if _read(each) == wanted]
    if bare and _months_named(text) <= {wanted.month}:
        taken = [(each.start(), each.end()) for each in found]
        found += [
            each
            for each in ORDINAL_DAY.finditer(text)
            if int(each.group("d")) == wanted.day
            and not any(s <= each.start() < e for s, e in taken)
        ]
    return sorted(found, key=lambda each: each.start())


def _month_like(month: int, like: str) -> str:
    """Month number `month` written as `like` writes its month: whole or cut short, with its
    dot and its capitals."""
    name = _MONTHS[month - 1]
    bare = like.rstrip(".")
    dot = like[len(bare) :]
    if len(bare) <= 4 and bare.lower() != _MONTHS[(_month(bare) or 1) - 1]:
        name = "sept" if name == "september" and bare.lower() == "sept" else name[:3]
    if bare.isupper() and len(bare) > 1:
        return name.upper() + dot
    if bare[:1].isupper():
        return name.capitalize() + dot
    return name + dot


def day_month_written_like(new: str, found: re.Match[str]) -> str | None:
    """The date `new` written in the shape of `found` (a `DAY_MONTH` or `ORDINAL_DAY` match);
    None when `new` is no day and month."""
    date = read_day_month(new)
    if date is None:
        return None
    if found.re is ORDINAL_DAY:
        return f"{found.group('the')}{date.day}{_suffix(date.day)}"
    text = found.group(0)
    if found.group("d1"):
        suffix = _suffix(date.day) if found.group("s1") else ""
        month = _month_like(date.month, found.group("m1"))
        gap = text[found.end("d1") - found.start() : found.start("m1") - found.start()]
        gap = gap.replace(found.group("s1") or "", "", 1) if found.group("s1") else gap
        return f"{date.day}{suffix}{gap}{month}"
    suffix = _suffix(date.day) if found.group("s2") else ""
    month = _month_like(date.month, found.group("m2"))
    gap = text[found.end("m2") - found.start() : found.start("d2") - found.start()]
    return f"{month}{gap}{date.day}{suffix}"
