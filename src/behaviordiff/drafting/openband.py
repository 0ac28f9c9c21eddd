"""A band whose open end the new prompt closes: "A delay of 2 hours or more: 50% of the ticket
price back." → "A delay of 2 to 3 hours: 50% of the ticket price back." (a new rule takes 4
hours or more). No value moved, so no move finds the old rule; yet a KB sentence giving the old
open band with the old rule's value ("You get half of your ticket price back if you arrive 2
hours or more late", "| 2 hours or more | 50% of the ticket |") states it for every case past
the new upper end.

A KB sentence states the old rule when it says the open band with the same number and unit,
in any form `where_stated` reads ("thirty minutes or more", "half an hour or more", "an hour or
longer" for 60 minutes), and at least one value the old sentence gave the
band (a share, a price, an amount), in any form. The band's lower side alone ("15 to 29
minutes: 25%") or the value alone on another topic ("50% of the adult fare") is no statement
of it. Read once per sentence, linear in its length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import where_stated

OPEN_BAND_REASON = "gives the band its old open end"
"""Starts the reason `open_band_reason` gives: no rule reason (no value moved for a rule writer
to put in its place), so the item is flagged for a writer unless another rule rewrites it."""

_OPEN = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?P<unit>[a-z]{1,12})\s+or\s+"
    r"(?:more|longer|over|above|later|higher|older)\b",
    re.I,
)
"""An open band: "30 minutes or more", "5 kg or over", "18 years or older"."""
_VALUES = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?\s?%")
"""The values a band's rule gives it: a price or a share."""
_MAX = 2000
"""How much of a sentence is read (a natural sentence is far shorter)."""


def _unit(word: str) -> str:
    return word.lower().removesuffix("s")


def _closed(number: str, unit: str, new: str) -> bool:
    """Whether `new` gives the band from `number` an upper end in the same unit ("30 to 59
    minutes", "30-59 minutes", "between 30 and 59 minutes") and no longer leaves it open."""
    if any(
        found.group("n") == number and _unit(found.group("unit")) == _unit(unit)
        for found in _OPEN.finditer(new[:_MAX])
    ):
        return False
    span = re.compile(
        rf"(?<![\w.]){re.escape(number)}\s?(?:{re.escape(unit)}s?\s+)?(?:to|-|–|and)\s?"
        rf"\d+(?:\.\d+)?\s?{re.escape(_unit(unit))}s?\b",
        re.I,
    )
    return span.search(new[:_MAX]) is not None


def _closed_bands(facts: ChangeFacts) -> Iterator[tuple[str, str, list[str], str]]:
    """(number, unit, the values the old sentence gave the band, the new sentence) of each
    open band a changed prompt sentence closed."""
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = str(rule.old)[:_MAX], str(rule.new)
        for found in _OPEN.finditer(old):
            number, unit = found.group("n"), found.group("unit")
            if not _closed(number, unit, new):
                continue
            values = [
                value.group(0)
                for value in _VALUES.finditer(old)
                if not (found.start() <= value.start() < found.end())
            ]
            if values:
                yield number, unit, values, new


_OR_MORE = re.compile(r"\s+or\s+(?:more|longer|over|above|later|higher|older)\b", re.I)
"""What leaves a band open after its lower end ("… or more")."""


def _says_open(number: str, unit: str, text: str) -> bool:
    """Whether `text` gives the open band from `number` `unit` in any form `where_stated`
    reads ("30 minutes or more", "thirty minutes or more", "half an hour or more", "an hour or
    longer" for 60 minutes)."""
    if any(
        found.group("n") == number and _unit(found.group("unit")) == _unit(unit)
        for found in _OPEN.finditer(text)
    ):
        return True
    return any(
        _OR_MORE.match(text, found.end()) for found in where_stated(f"{number} {unit}", text)
    )


def open_band_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old rule of a band whose open end the new prompt closed, or
    None: it gives the open band (same number, same unit) and a value the old rule gave it."""
    text = sentence[:_MAX]
    if " or " not in text.lower():
        return None
    for number, unit, values, new in _closed_bands(facts):
        if _says_open(number, unit, text) and any(where_stated(value, text) for value in values):
            return (
                f"{OPEN_BAND_REASON} ({number} {unit} or more), with its old value; the new "
                f"prompt says “{new}”"
            )
    return None
