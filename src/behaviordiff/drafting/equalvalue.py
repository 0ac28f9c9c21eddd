"""A moved decimal a KB writes in another form of the same value: the prompt's "taller than 2.0
metres" as "over 2 metres", "heavier than 1.50 kg" as "over 1.5 kg". Equal in value, said of the
same unit (the word right after the number in the prompt) and on the same side of a line
("over", "more than", "taller than" against "under", "up to", "or less"), it states the old
rule as much as the prompt's own digits do. A number equal in value said of another unit ("2
hours" beside "2.0 metres"), or on the other side of the line, is something else.

A conversion the KB glosses the old value with ("2 metres (6 ft 7 in)", "2 metres / 6 ft 7
in") is that value in another unit: it goes stale with it, so the new value takes its place
alone (`conversion_span`).

Pure text helpers for `rules.old_statements` and `rules.rewrite_sentence`.
"""

from __future__ import annotations

import re

from behaviordiff.drafting.text import stem

_DECIMAL = re.compile(r"\d{1,9}\.\d{1,9}")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,9}(?:\.\d{1,9})?(?![\w.]?\d)")
_UNIT = re.compile(r"\s?([A-Za-z]{1,20})\b")
_ABOVE = re.compile(
    r"\b(?:over|above|beyond|exceeding|at least|more than|(?!(?:oth|rath)er\b)[a-z]{2,15}er than)"
    r"\s+$",
    re.I,
)
_BELOW = re.compile(
    r"\b(?:under|below|up to|at most|(?:no|not) more than|less than|fewer than|smaller than"
    r"|shorter than|lower than|younger than|lighter than|narrower than|cheaper than)\s+$",
    re.I,
)
_ABOVE_AFTER = re.compile(r"^\s?[A-Za-z]{1,20}(?: [a-z]{1,15})? (?:or|and) (?:more|over|above)\b")
_BELOW_AFTER = re.compile(
    r"^\s?[A-Za-z]{1,20}(?: [a-z]{1,15})? or (?:less|fewer|under|below|lower)\b"
)
"""The side said after the number and its unit: "2 metres tall or under", "18 kg or more"."""


def _side(text: str, start: int, end: int) -> str:
    """Which side of a line the number at `start`..`end` of `text` draws: "above", "below",
    or "" for none said."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 40]
    if _BELOW.search(before) or _BELOW_AFTER.match(after):
        return "below"
    if _ABOVE.search(before) or _ABOVE_AFTER.match(after):
        return "above"
    return ""


def _unit_after(text: str, end: int) -> str:
    found = _UNIT.match(text, end)
    return stem(found.group(1).lower()) if found else ""


def equal_statements(old: str, old_sentence: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the decimal `old` of `old_sentence` in another form of the same
    value ("2" for "2.0"), of the same unit and on the same side of a line; empty for any
    other value (the prompt's own form is `where_stated`'s)."""
    if not _DECIMAL.fullmatch(old):
        return []
    place = next((m for m in _NUMBER.finditer(old_sentence) if m.group(0) == old), None)
    if place is None:
        return []
    unit = _unit_after(old_sentence, place.end())
    if not unit:
        return []
    side = _side(old_sentence, place.start(), place.end())
    value = float(old)
    return [
        found
        for found in _NUMBER.finditer(text)
        if found.group(0) != old
        and float(found.group(0)) == value
        and _unit_after(text, found.end()) == unit
        and _side(text, found.start(), found.end()) == side
    ]


_PART = r"\d{1,6}(?:\.\d{1,3})?\s?[A-Za-z]{1,3}\.?"
_CONVERSION = rf"{_PART}(?:\s{_PART}){{0,2}}"
"""An amount in units of at most three letters, in up to three parts: "6 ft 7 in", "2.2 lb",
"30 cm": how a conversion to another system is written (a count of "rooms" is no unit)."""
_CONVERTED = re.compile(
    rf"\s?[A-Za-z]{{1,20}}(?P<gloss>\s?\(\s?(?:about\s|around\s|approx\.\s)?{_CONVERSION}\s?\)"
    rf"|\s?/\s?{_CONVERSION}(?=[\s,.;:)|]|$))"
)


def conversion_span(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the conversion glossing the number that ends at `end`, right after its
    unit ("2 metres (6 ft 7 in)", "2 metres / 6 ft 7 in"); None when there is none."""
    found = _CONVERTED.match(text, end)
    return found.span("gloss") if found else None


def is_equal_statement(found: re.Match[str]) -> bool:
    """Whether `found` is a match of `equal_statements`."""
    return found.re is _NUMBER


def written_as(new: str, found: re.Match[str]) -> str:
    """The new decimal `new` with as many decimals as the KB's number at `found` has, where
    that loses nothing ("25.0" for "30" → "25"; "1.9" stays "1.9")."""
    if not _DECIMAL.fullmatch(new) and not new.isdigit():
        return new
    said = found.group(0)
    places = len(said.partition(".")[2])
    value = float(new)
    shown = f"{value:.{places}f}"
    return shown if float(shown) == value else new
