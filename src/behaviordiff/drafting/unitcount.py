"""A count with its unit, read in any of the shapes a KB writes it, and written back in the
same shape (issue 8: the old value read wherever and however the KB states it).

A prompt says "1 point for every whole £1" or "20 kg or less"; a KB says the same count
"a point for every pound", "one stamp per coffee", "1 pt / £1 spent", "20kg max", "twenty
kilos", "max. 20 kgs". The count may be digits, a number in words, or "a"/"an"/"one" for 1
when the unit follows; the unit may be attached or spaced, the prompt's word, its plural, a
known short form of it ("pt", "pts", "hr", "min"; never a look-alike word: "pint" is no
"point") or a spelling of the same measure ("kilo", "kilogram" for "kg"). Only the count and
unit the prompt's old sentence pairs are read: "100 points" or "£1" beside a moved "1 point"
are other amounts. The rewrite keeps the KB's shape: words stay words ("a point" → "two points"),
digits stay digits, a short form stays short ("1 pt" → "2 pts", "20kg" → "25kg").
"""

from __future__ import annotations

import re
from functools import lru_cache

from behaviordiff.detect.quantities import number_words
from behaviordiff.detect.wordamounts import spoken_number

_MAX_SCAN = 100_000

_SAME_MEASURE = (
    ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"),
    ("g", "gram", "grams", "gramme", "grammes"),
    ("mg", "milligram", "milligrams"),
    ("cm", "cms", "centimetre", "centimetres", "centimeter", "centimeters"),
    ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    ("m", "metre", "metres", "meter", "meters"),
    ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    ("l", "litre", "litres", "liter", "liters"),
    ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    ("lb", "lbs"),
    ("oz", "ounce", "ounces"),
    ("ft", "foot", "feet"),
    ("in", "inch", "inches"),
    ("mi", "mile", "miles"),
)
"""Spellings of one measure; the first is its symbol, which takes no plural "s"."""

_SYMBOLS = frozenset(group[0] for group in _SAME_MEASURE)
_NOT_UNITS = frozenset(
    [
        "or",
        "and",
        "to",
        "of",
        "off",
        "per",
        "for",
        "a",
        "an",
        "the",
        "on",
        "at",
        "by",
        "is",
        "am",
        "pm",
        "st",
        "nd",
        "rd",
        "th",
        "x",
    ]
)
"""Words after a count that are no unit of it ("20 or less", "4pm", "2nd")."""

_COUNT_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_SAID = re.compile(
    rf"(?<![\w.,£$€])(?:(?P<ucdigits>\d{{1,6}}(?:\.\d{{1,2}})?)(?P<ucnear>\s?)|"
    rf"(?P<ucwords>{_COUNT_WORD})(?P<ucfar>[\s-]))"
    r"(?P<ucunit>[A-Za-z]{1,14})(?P<ucdot>\.)?(?![\w'’])",
    re.I,
)
"""A count (digits, or words with "a"/"an" for 1) and the word right after it; whether that
word is the unit wanted is read after (`_unit_form`)."""


_RATE_AFTER = re.compile(r"\s*(?:/|per\b|for\s+(?:every|each|a|an)\b|each\b|a\s+(?!lot\b))", re.I)
"""What follows a count said with "a"/"an" when it is a rate: "/", "per", "for every"."""


def _singular(word: str) -> str:
    word = word.lower()
    if word in _SYMBOLS or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _measure(unit: str) -> tuple[str, ...] | None:
    lower = unit.lower()
    return next((group for group in _SAME_MEASURE if lower in group), None)


_SHORT_FORMS = {
    "point": ("pt", "pts"),
    "piece": ("pc", "pcs"),
    "passenger": ("pax",),
    "person": ("pax",),
    "minute": ("min", "mins"),
    "hour": ("hr", "hrs"),
    "second": ("sec", "secs"),
    "week": ("wk", "wks"),
    "month": ("mo", "mos"),
    "year": ("yr", "yrs"),
    "number": ("no", "nos"),
}
"""The short forms a KB writes for a counted unit ("1 pt / £1 spent"), by the unit's word.
A known list, not a guess from the letters: "pint" is no "point", "set" no "seat"."""


def _unit_form(token: str, unit: str) -> bool:
    """Whether `token` is a way of writing `unit` (singular, lower case): the word itself or
    its plural, a spelling of the same measure, or a known short form of it ("pt", "pts" for
    "point"; "hrs" for "hour")."""
    lower = token.lower()
    if lower in _NOT_UNITS:
        return False
    measure = _measure(unit)
    if measure is not None:
        return lower in measure
    if _singular(lower) == unit or lower == unit:
        return True
    return lower in _SHORT_FORMS.get(unit, ())


def _count_value(found: re.Match[str], written: str = "") -> float | None:
    digits = found.group("ucdigits")
    if digits is not None:
        # digits as the prompt writes them ("30.0 kg" is left to `equalvalue`, not "30 kg")
        return float(digits) if not written or digits == written else None
    words = found.group("ucwords").lower()
    if words in ("a", "an"):
        return 1.0
    return spoken_number(words.replace("-", " "))


_PROMPT_COUNT = re.compile(
    r"(?<![\w.,£$€])(?P<n>\d{1,6}(?:\.\d{1,2})?)\s?(?P<unit>[A-Za-z]{1,14})\b(?!['’])"
)


@lru_cache(maxsize=256)
def counted_unit(
    old: str, new: str, old_sentence: str, new_sentence: str
) -> tuple[float, float, str] | None:
    """(old count, new count, unit in the singular) of a move of a counted amount: "1 point" →
    "2 points", or a bare "20" → "25" the prompt's sentences both put a unit after ("20 kg or
    less" → "25 kg or less"); None for any other value (a time, money, a share, a bare count)."""
    pairs = []
    for value, sentence in ((old, old_sentence), (new, new_sentence)):
        found = _PROMPT_COUNT.fullmatch(value.strip())
        if found is None and re.fullmatch(r"\d{1,6}(?:\.\d{1,2})?", value.strip()):
            found = next(
                (
                    each
                    for each in _PROMPT_COUNT.finditer(sentence[:_MAX_SCAN])
                    if each.group("n") == value.strip()
                ),
                None,
            )
        if found is None or found.group("unit").lower() in _NOT_UNITS:
            return None
        pairs.append((float(found.group("n")), _singular(found.group("unit"))))
    (old_count, old_unit), (new_count, new_unit) = pairs
    if old_unit != new_unit or old_count == new_count:
        return None
    if old_unit in ("minute", "hour", "day", "night", "week", "month", "year", "percent"):
        return None  # times and shares have readers of their own
    return old_count, new_count, old_unit


def unit_statements(
    old: str, new: str, old_sentence: str, new_sentence: str, text: str
) -> list[re.Match[str]]:
    """Where `text` states the old count with its unit, in any of the shapes it may take."""
    counted = counted_unit(old, new, old_sentence, new_sentence)
    if counted is None:
        return []
    count, _, unit = counted
    return [
        found
        for found in _SAID.finditer(text[:_MAX_SCAN])
        if _count_value(found, _written_count(old, old_sentence)) == count
        and _unit_form(found.group("ucunit"), unit)
        # "a" / "an" says one only before the unit's own word ("a point", never "a pt") as a
        # rate ("a point for every pound", "a mile per dollar"): "a stamp limit" and "a point
        # of contact" count nothing
        and not (
            (found.group("ucwords") or "").lower() in ("a", "an")
            and (
                (_singular(found.group("ucunit")) != unit and _measure(unit) is None)
                or not _RATE_AFTER.match(text, found.end())
            )
        )
    ]


def _written_count(old: str, old_sentence: str) -> str:
    """The old count's digits as the prompt writes them ("1" of "1 point", "30.0" of "30.0
    kg")."""
    found = _PROMPT_COUNT.fullmatch(old.strip())
    return found.group("n") if found else old.strip()


def is_unit_statement(found: re.Match[str]) -> bool:
    return found.re is _SAID


def _number(count: float) -> str:
    return str(int(count)) if count.is_integer() else f"{count:g}"


def unit_written(
    old: str, new: str, old_sentence: str, new_sentence: str, found: re.Match[str]
) -> str | None:
    """The new count with its unit in the shape `found` said the old one: "a point" → "two
    points", "1 pt" → "2 pts", "20kg" → "25kg", "twenty kilos" → "twenty-five kilos"; None
    where the shape cannot say it (a count in words with no words for the new one)."""
    counted = counted_unit(old, new, old_sentence, new_sentence)
    if counted is None:
        return None
    old_count, new_count, _ = counted
    said_unit = found.group("ucunit")
    words = found.group("ucwords")
    if words is not None:
        if new_count == 1 and words.lower() in ("a", "an"):
            count_text = words
        else:
            count_text = number_words(new_count) or ""
            if not count_text:
                return None
            if words[:1].isupper():
                count_text = count_text[:1].upper() + count_text[1:]
        sep = found.group("ucfar")
    else:
        count_text = _number(new_count)
        sep = found.group("ucnear")
    unit = said_unit
    lower = said_unit.lower()
    plural = new_count != 1
    if lower not in _SYMBOLS:
        if old_count == 1 and plural:
            unit = _plural(said_unit)
        elif old_count != 1 and not plural:
            unit = _singular_like(said_unit)
    return f"{count_text}{sep}{unit}{found.group('ucdot') or ''}"


def _plural(word: str) -> str:
    lower = word.lower()
    if lower == "foot":
        return "feet"
    if lower.endswith("s"):
        return word
    if lower.endswith(("ch", "sh", "x")):
        return word + "es"
    if lower.endswith("y") and len(lower) > 3 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _singular_like(word: str) -> str:
    lower = word.lower()
    if lower == "feet":
        return "foot"
    single = _singular(lower)
    if single == lower and lower.endswith("s") and len(lower) > 2:
        single = lower[:-1]  # a short form's plural: "pts" → "pt"
    return word[: len(single)] if word.lower().startswith(single) else single
