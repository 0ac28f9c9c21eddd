"""A moved decimal a KB writes in another form of the same value: the prompt's "taller than 2.0
metres" as "over 2 metres", "heavier than 1.50 kg" as "over 1.5 kg". Equal in value, said of the
same unit (the word right after the number in the prompt) and on the same side of a line
("over", "more than", "taller than" against "under", "up to", "or less"), it states the old
rule as much as the prompt's own digits do. A number equal in value said of another unit ("2
hours" beside "2.0 metres"), or on the other side of the line, is something else.

A conversion the KB glosses the old value with ("2 metres (6 ft 7 in)", "2 metres / 6 ft 7
in") is that value in another unit: it goes stale with it, so the new value takes its place
alone (`conversion_span`). An amount in brackets of anything else ("2 bags (23 kg)", "30 days
(60 days for members)") is another fact, and stays.

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
_NOT_BELOW = re.compile(
    r"\b(?:no|not) (?:less|fewer|lower|shorter|smaller|lighter|younger|cheaper|narrower) than"
    r"\s+$",
    re.I,
)
"""A line denied from below ("no less than 2 metres", "not fewer than 3"): the upper side."""
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
    if _NOT_BELOW.search(before):
        return "above"
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
    rf"\s?(?P<unit>[A-Za-z]{{1,20}})(?P<gloss>\s?\(\s?(?:about\s|around\s|approx\.\s)?"
    rf"(?P<amount>{_CONVERSION})\s?\)|\s?/\s?(?P<slashed>{_CONVERSION})(?=[\s,.;:)|]|$))"
)
_AMOUNT_PART = re.compile(r"(\d{1,6}(?:\.\d{1,3})?)\s?([A-Za-z]{1,3})")
_SAID_AMOUNT = re.compile(r"(\d{1,9}(?:,\d{3}){0,3}(?:\.\d{1,9})?)\D{0,3}$")

_SIZES: dict[str, tuple[str, float]] = {
    **dict.fromkeys(["mm", "millimetre", "millimeter"], ("length", 0.001)),
    **dict.fromkeys(["cm", "centimetre", "centimeter"], ("length", 0.01)),
    **dict.fromkeys(["m", "metre", "meter"], ("length", 1.0)),
    **dict.fromkeys(["km", "kilometre", "kilometer"], ("length", 1000.0)),
    **dict.fromkeys(["in", "inch", "inche"], ("length", 0.0254)),
    **dict.fromkeys(["ft", "foot", "feet"], ("length", 0.3048)),
    **dict.fromkeys(["yd", "yard"], ("length", 0.9144)),
    **dict.fromkeys(["mi", "mile"], ("length", 1609.344)),
    **dict.fromkeys(["g", "gram", "gramme"], ("mass", 0.001)),
    **dict.fromkeys(["kg", "kilo", "kilogram", "kilogramme"], ("mass", 1.0)),
    **dict.fromkeys(["oz", "ounce"], ("mass", 0.028349523125)),
    **dict.fromkeys(["lb", "lbs", "pound"], ("mass", 0.45359237)),
    **dict.fromkeys(["st", "stone"], ("mass", 6.35029318)),
    **dict.fromkeys(["ml", "millilitre", "milliliter"], ("volume", 0.001)),
    **dict.fromkeys(["cl", "centilitre", "centiliter"], ("volume", 0.01)),
    **dict.fromkeys(["l", "litre", "liter"], ("volume", 1.0)),
    **dict.fromkeys(["min", "mins", "minute"], ("time", 1 / 60)),
    **dict.fromkeys(["h", "hr", "hrs", "hour"], ("time", 1.0)),
    **dict.fromkeys(["d", "day"], ("time", 24.0)),
    **dict.fromkeys(["wk", "wks", "week"], ("time", 168.0)),
}
"""Unit (singular, lower case, or its abbreviation) → (dimension, size in the dimension's
base unit): what a conversion to another system is checked against."""


def _size(unit: str) -> tuple[str, float] | None:
    word = unit.lower().rstrip(".")
    return _SIZES.get(word) or (_SIZES.get(word[:-1]) if word.endswith("s") else None)


def _converts(said: str, unit: str, gloss: str) -> bool | None:
    """Whether `gloss` ("6 ft 7 in") is the amount `said` ("2", "30 kg") of `unit` in other
    units of the same dimension, to the precision the gloss is written in (its last part
    rounded, within its half step, or cut short, within a whole step below: "110 kg (17 st 4
    lb)" for 17 st 4.5 lb): a conversion of that value; None when the gloss measures
    something else, or its units or the said amount are unknown."""
    amount, size = _SAID_AMOUNT.search(said), _size(unit)
    parts = _AMOUNT_PART.findall(gloss)
    if amount is None or size is None or not parts:
        return None
    value = float(amount.group(1).replace(",", "")) * size[1]
    total, step = 0.0, 0.0
    for number, part_unit in parts:
        part = _size(part_unit)
        if part is None or part[0] != size[0]:
            return None
        total += float(number) * part[1]
        step = 0.5 * 10 ** -len(number.partition(".")[2]) * part[1]
    rounded = abs(total - value) <= step + 1e-9 * value
    return rounded or total <= value < total + 2 * step


def _gloss_of(text: str, end: int, said: str) -> tuple[re.Match[str] | None, bool | None]:
    found = _CONVERTED.match(text, end)
    if found is None or not said:
        return found, True
    gloss = found.group("amount") or found.group("slashed") or ""
    return found, _converts(said, found.group("unit"), gloss)


def conversion_span(text: str, end: int, said: str = "") -> tuple[int, int] | None:
    """(start, end) of the conversion glossing the number `said` that ends at `end`, right
    after its unit ("2 metres (6 ft 7 in)", "2 metres / 6 ft 7 in"); None when there is none,
    or the amount there is not `said` in other units ("2 bags (23 kg)"). With no `said`, any
    such amount (a decimal's equal statement, `is_equal_statement`, is glossed by its own
    conversion)."""
    found, converts = _gloss_of(text, end, said)
    return found.span("gloss") if found is not None and converts else None


def glossed_otherwise(text: str, end: int, said: str) -> bool:
    """Whether the number `said` that ends at `end` is glossed right after its unit with
    another amount of its own dimension ("3 miles (9 km)"): no conversion of it, so no
    conversion of the new value either; a writer restates it."""
    found, converts = _gloss_of(text, end, said)
    return found is not None and converts is False


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
