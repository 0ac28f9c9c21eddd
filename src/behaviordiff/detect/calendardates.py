"""Calendar dates as ordered values: "2026-11-01", "1 November 2026", "November 1, 2026".

A variable whose values are ISO dates (`ordered_on: '2026-10-31'`) is ordered like a number:
conditions bound it by its day number (`ordered_on >= 2026-11-01`), never one category per
date. The dates a prompt states are its thresholds, with the comparison their words make:
"from 1 November 2026" is `>=`, "before 1 November 2026" `<`, "on or before 2026-10-31" `<=`,
"after 31 October 2026" `>`. Drafting writes such a bound the way a text writes its dates
("1 November 2026" like "3 March 2025", "November 1, 2026" like "March 3, 2025").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "StatedDate",
    "date_ops",
    "date_values",
    "day_number",
    "find_dates",
    "iso_day",
    "written_day",
]

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH = r"(?P<{}>" + "|".join(name.capitalize() for name in _MONTH_NAMES) + ")"
_ISO = r"(?P<iso>\d{4}-[01]\d-[0-3]\d)(?![\d-])"
_DMY = (
    r"(?P<d1>[0-3]?\d)(?P<th1>st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format("m1")
    + r",?\s+(?P<y1>\d{4})"
)
_MDY = _MONTH.format("m2") + r"\s+(?P<d2>[0-3]?\d)(?P<th2>st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
_PATTERN = re.compile(rf"(?<![\w-])(?:{_ISO}|{_DMY}|{_MDY})(?!\d)")
"""A full date: ISO, day-month-year ("1 November 2026", "1st of November, 2026") or
month-day-year ("November 1, 2026"); month names capitalised, as dates are written."""

_BEFORE_OPS = (
    (
        re.compile(
            r"\bon or after\s*$|\b(?:from|since|as of|starting|beginning|effective)\s*(?:on\s*)?$",
            re.I,
        ),
        ">=",
    ),
    (re.compile(r"\bon or before\s*$|\b(?:until|till|up to|no later than|by)\s*$", re.I), "<="),
    (re.compile(r"\b(?<!\bor )(?:before|prior to|earlier than)\s*$", re.I), "<"),
    (re.compile(r"\b(?<!\bor )(?:after|later than)\s*$", re.I), ">"),
)
"""The comparison the words before a date make: "from 1 November" starts at it, "before"
ends short of it, "on or before" and "until" include it, "after" starts past it."""
_AFTER_OPS = (
    (re.compile(r"^\s*(?:or|and) (?:later|after)\b|^\s*on ?wards?\b", re.I), ">="),
    (re.compile(r"^\s*(?:or|and) (?:earlier|before)\b", re.I), "<="),
)
"""After a date: "2026-11-01 or later", "from 1 November onwards", "31 October or earlier"."""


@dataclass(frozen=True)
class StatedDate:
    """One full date as a text writes it."""

    start: int
    end: int
    text: str
    day: int
    """Its day number (`date.toordinal`)."""
    style: str
    """"iso", "dmy" ("1 November 2026") or "mdy" ("November 1, 2026")."""
    suffix: bool = False
    """Written with an ordinal suffix ("1st November 2026")."""


def find_dates(text: str) -> list[StatedDate]:
    """The full dates `text` states, in order."""
    found: list[StatedDate] = []
    for match in _PATTERN.finditer(text or ""):
        try:
            if match.group("iso"):
                day, style, suffix = date.fromisoformat(match.group("iso")), "iso", False
            elif match.group("m1"):
                month = _MONTH_NAMES.index(match.group("m1").lower()) + 1
                day = date(int(match.group("y1")), month, int(match.group("d1")))
                style, suffix = "dmy", bool(match.group("th1"))
            else:
                month = _MONTH_NAMES.index(match.group("m2").lower()) + 1
                day = date(int(match.group("y2")), month, int(match.group("d2")))
                style, suffix = "mdy", bool(match.group("th2"))
        except ValueError:
            continue
        found.append(
            StatedDate(match.start(), match.end(), match.group(0), day.toordinal(), style, suffix)
        )
    return found


def date_ops(text: str, stated: StatedDate) -> frozenset[str]:
    """The comparison the words around `stated` make with it ("from 1 November 2026" is
    `>=`); empty when they compare nothing ("opens on 2 November 2026")."""
    before = text[max(0, stated.start - 24) : stated.start]
    after = text[stated.end : stated.end + 16]
    ops = {op for pattern, op in _BEFORE_OPS if pattern.search(before)}
    ops |= {op for pattern, op in _AFTER_OPS if pattern.search(after)}
    return frozenset(ops)


_ISO_VALUE = re.compile(r"\s*\d{4}-[01]\d-[0-3]\d\s*")


def iso_day(value: Any) -> int | None:
    """The day number of a variable's value when it is a date ("2026-10-31", or a `date`
    a YAML file read unquoted); None for anything else (a timestamp, a number, a word)."""
    if isinstance(value, date):
        return value.toordinal()
    if isinstance(value, str) and _ISO_VALUE.fullmatch(value):
        try:
            return date.fromisoformat(value.strip()).toordinal()
        except ValueError:
            return None
    return None


def date_values(values: Iterable[Any]) -> list[int | None] | None:
    """Each value's day number when every value given is a date (and one at least is);
    None when any is something else: a variable of dates is ordered, any other stays as it
    is."""
    days: list[int | None] = []
    for value in values:
        if value is None:
            days.append(None)
            continue
        day = iso_day(value)
        if day is None:
            return None
        days.append(day)
    return days if any(day is not None for day in days) else None


def day_number(shown: str) -> int | None:
    """The day number of an ISO date as a condition shows it."""
    return iso_day(shown)


def written_day(day: int, like: StatedDate | None = None) -> str:
    """The day `day` written the way `like` writes its date ("1 November 2026" like
    "3 March 2025", "November 1, 2026" like "March 3, 2025", "2026-11-01" like an ISO date);
    day, month and year in words where no date is given to copy."""
    shown = date.fromordinal(day)
    month = _MONTH_NAMES[shown.month - 1].capitalize()
    style = like.style if like is not None else "dmy"
    number = (
        f"{shown.day}{_suffix(shown.day)}" if like is not None and like.suffix else str(shown.day)
    )
    if style == "iso":
        return shown.isoformat()
    if style == "mdy":
        return f"{month} {number}, {shown.year}"
    return f"{number} {month} {shown.year}"


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


_DATED_SUBJECT = re.compile(
    r"\b(?P<noun>[A-Za-z]{3,}s)\s+(?P<verb>[a-z]{2,}ed|made|paid|sent|bought|sold|taken|"
    r"given|done|begun|won|held|written)\s+"
    r"(?:on or after|on or before|before|after|from|since|until|by|on)\s+$"
)


def dated_subject(texts: Iterable[str]) -> str:
    """What a text's dates are dates of, in its own words: "orders placed" of "Orders placed
    before 1 November 2026 keep …", "bookings made" of "bookings made from 3 March 2025";
    "" when no sentence names the thing and its verb right before a date it compares with."""
    for text in texts:
        for stated in find_dates(text or ""):
            found = _DATED_SUBJECT.search(text[max(0, stated.start - 60) : stated.start])
            if found is not None:
                return f"{found.group('noun').lower()} {found.group('verb')}"
    return ""
