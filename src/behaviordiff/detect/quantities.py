"""Amounts written in words or in digits: "a fortnight", "two weeks", "48 hours", "half an
hour", "a day and a half", "a dozen", "twice".

A prompt or a knowledge base may state a rule's number either way ("at least a week before
your test", "7 days' notice"); both are one amount. Detection reads the numbers a prompt states
with this (the condition takes the prompt's 14 from "a fortnight", with its operator), and
drafting finds the KB sentences that state an old amount in any of its forms, then writes the
new amount the way each sentence wrote the old one: words stay words ("a week's notice" →
"a fortnight's notice"), digits stay digits in the sentence's own unit ("7 days" → "14 days").

Durations of minutes, hours, days, weeks and fortnights are one measure, months and years
another (a month is not a fixed number of days), working days a third; "twice" and "3 times"
count occurrences, "half" alone is 50%, and "a dozen" is a plain count.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from behaviordiff.detect.countwords import (
    COUPLE,
    DOZEN_HALF,
    PAIR,
    dozen_multiplier,
    in_dozens,
    is_dozens,
    word_count,
)

__all__ = [
    "Quantity",
    "divides_rate",
    "equal_amount",
    "find_quantities",
    "phone_numbers",
    "quantity_at",
    "quantity_matches",
    "read_quantity",
    "same_amount",
    "written_like",
]

CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
"""Numbers written as one word (and the tens that take a unit word: "twenty-four")."""
ORDINALS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth", "twentieth"),
)
"""Ordinals in words, the first at index 0."""
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS_1_9 = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

_UNITS: dict[str, tuple[str, float]] = {
    "minute": ("time", 1),
    "min": ("time", 1),
    "hour": ("time", 60),
    "hr": ("time", 60),
    "day": ("time", 1440),
    "week": ("time", 10080),
    "fortnight": ("time", 20160),
    "month": ("calendar", 1),
    "year": ("calendar", 12),
    "yr": ("calendar", 12),
    "working day": ("working", 1),
    "business day": ("working", 1),
}
"""Unit word (singular) → (measure, size in that measure's smallest unit)."""
_WHOLE_UNITS = ("fortnight", "week", "day", "hour", "year", "month")
"""The units an amount may be written in when another text's unit gives no whole count,
largest of each measure first."""
_TIMES = {"once": 1, "twice": 2, "thrice": 3}

_WORD_COUNT = (
    r"(?:(?:" + "|".join(_TENS) + r")[\s-](?:" + "|".join(_UNITS_1_9) + r")"
    r"|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r")"
)
_UNIT = (
    r"(?P<unit>working\s+day|business\s+day|minute|min|hour|hr|day|week|fortnight|month|year|yr)"
)
_PLURAL = r"(?P<plural>s)?"
_POSSESSIVE = r"(?P<poss>['’]s\b|(?<=s)['’](?!\w))?"
_RATE_BEFORE = re.compile(
    r"(?:\b(?:once|twice|thrice|times|per|minutes?|hours?|days?|nights?|lessons?|sessions?)"
    r"|[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?%?)\s+$",
    re.I,
)
"""Before "a week", a rate ("twice a week", "$10 a month", "three days a week"), not an
amount of time."""

_PATTERN = re.compile(
    r"(?<![\w.$€£])(?:"
    # "half an hour", "half a day"
    r"(?P<half>half)\s+(?P<half_article>an?)\s+" + _UNIT + _PLURAL + r"\b"
    # "an hour and a half", "a day and a half"
    # "a full day", "a whole week": the same amount
    r"|(?P<article>an?|one)\s+(?:(?:full|whole)\s+)?"
    + _UNIT.replace("unit", "unit2")
    + r"(?P<plural2>s)?"
    r"(?P<and_half>\s+and\s+a\s+half)?\b"
    # "two and a half days", "2.5 days", "48 hours", "7-day", "twenty-four hours"
    r"|(?P<count>\d+(?:\.\d+)?|" + COUPLE + r"|" + _WORD_COUNT + r")"
    r"(?P<count_half>\s+and\s+a\s+half)?(?P<sep>[\s-])"
    # "two clear days' notice": the same amount
    r"(?:clear\s+)?" + _UNIT.replace("unit", "unit3") + r"(?P<plural3>s)?\b"
    # "a dozen", "two dozen", "half a dozen"
    r"|(?P<dozen_count>" + DOZEN_HALF + r"|" + COUPLE + r"|an?|\d+|" + _WORD_COUNT + r")"
    r"\s+dozen\b"
    # "twice", "three times"
    r"|(?P<times_word>once|twice|thrice)\b"
    r"|(?P<times_count>\d+(?:\.\d+)?|" + _WORD_COUNT + r")\s+times\b"
    # "a couple of", "a pair of": 2
    r"|(?P<pair_count>" + PAIR + r")(?=\s+of\b)"
    # "half the fee", "half of your deposit": 50%
    r"|(?P<half_share>half)(?=\s+(?:of\s+)?(?:the|your|their|its|our|his|her|this|that)\b)"
    r")" + _POSSESSIVE,
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """One amount as a text writes it."""

    start: int
    end: int
    """Its span in the text, a possessive ("a week's") included."""
    text: str
    """As written, possessive included: "a fortnight", "48 hours", "a week's"."""
    count: float
    """The number written: 1 for "a week", 2 for "twice", 0.5 for "half an hour"."""
    unit: str
    """The unit word, singular and lower case ("week", "working day"); "times" for "twice",
    "%" for "half the fee", "" for a plain count ("a dozen")."""
    worded: bool
    """The number is written in words ("a", "two", "half", "twice"), not digits."""
    possessive: str = ""
    """"'s" or "'" as written after it ("a week's notice", "two weeks' notice")."""
    hyphen: bool = False
    """Written as an adjective: "7-day", "two-week"."""

    @property
    def measure(self) -> str:
        """What it measures: "time", "calendar" (months, years), "working" (working days),
        "times", "%" or "" (a plain count)."""
        if self.unit in _UNITS:
            return _UNITS[self.unit][0]
        return self.unit

    @property
    def amount(self) -> float:
        """The amount in its measure's smallest unit: minutes, months, working days, times,
        percent or a plain count."""
        size = _UNITS[self.unit][1] if self.unit in _UNITS else 1.0
        return self.count * size

    def in_unit(self, unit: str) -> float | None:
        """The amount in `unit` ("day", "days", "hours"), or None when that unit measures
        something else."""
        singular = unit.lower().removesuffix("s") if unit.lower() not in ("times",) else unit
        if singular not in _UNITS or _UNITS[singular][0] != self.measure:
            return None
        return self.amount / _UNITS[singular][1]

    @property
    def plain(self) -> str:
        """The amount as the text writes it, without a possessive ("a week" for "a week's")."""
        return self.text[: len(self.text) - len(self.possessive)]


def _word_number(word: str) -> float | None:
    word = re.sub(r"[\s-]+", " ", word.lower()).strip()
    if word in ("a", "an", "one"):
        return 1.0
    if word in CARDINALS:
        return float(CARDINALS[word])
    parts = word.split(" ")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS_1_9:
        return float(CARDINALS[parts[0]] + CARDINALS[parts[1]])
    try:
        return float(word)
    except ValueError:
        return None


def _unit(word: str | None) -> str:
    return re.sub(r"\s+", " ", (word or "").lower())


def _read(groups: dict[str, str | None]) -> tuple[float, str, bool] | None:
    """(count, unit, worded) of one match of `_PATTERN`."""
    if groups["half"]:
        return 0.5, _unit(groups["unit"]), True
    if groups["article"]:
        if groups["plural2"] and not groups["and_half"]:
            return None  # "a days": not an amount
        return (1.5 if groups["and_half"] else 1.0), _unit(groups["unit2"]), True
    if groups["times_word"]:
        return float(_TIMES[groups["times_word"].lower()]), "times", True
    if groups["half_share"]:
        return 50.0, "%", True
    for key, unit in (
        ("count", _unit(groups["unit3"])),
        ("dozen_count", ""),
        ("times_count", "times"),
        ("pair_count", ""),
    ):
        written = groups[key]
        if not written:
            continue
        count = word_count(written) or _word_number(written)
        if key == "dozen_count":
            count = dozen_multiplier(written) or count
        if count is None:
            return None
        if key == "count" and groups["count_half"]:
            count += 0.5
        if key == "dozen_count":
            count *= 12
        return count, unit, not written[:1].isdigit()
    return None


def _from_match(found: re.Match[str]) -> Quantity | None:
    groups = found.groupdict()
    read = _read(groups)
    if read is None:
        return None
    count, unit, worded = read
    return Quantity(
        found.start(),
        found.end(),
        found.group(0),
        count,
        unit,
        worded,
        groups["poss"] or "",
        groups["sep"] == "-",
    )


def divides_rate(text: str, start: int) -> bool:
    """Whether the "a week" (or "an hour") at `start` of `text` divides a rate, read from the
    words before it ("twice a week", "£9 an hour", "three days a week"): a unit things are
    counted or priced per, not an amount of time."""
    return _RATE_BEFORE.search(text[max(0, start - 40) : start]) is not None


def _scan(text: str) -> list[tuple[re.Match[str], Quantity]]:
    found: list[tuple[re.Match[str], Quantity]] = []
    for match in _PATTERN.finditer(text):
        quantity = _from_match(match)
        if quantity is None:
            continue
        if match.group("article") and divides_rate(text, match.start()):
            continue
        found.append((match, quantity))
    return found


def quantity_matches(text: str) -> list[re.Match[str]]:
    """Where `text` states an amount (see `find_quantities`), as matches: `quantity_at`
    reads each."""
    return [match for match, _ in _scan(text)]


def quantity_at(found: re.Match[str]) -> Quantity | None:
    """The amount a match of `quantity_matches` states; None for any other match."""
    return _from_match(found) if found.re is _PATTERN else None


def find_quantities(text: str) -> list[Quantity]:
    """Every amount `text` states with a unit (or as "twice", "half the", "a dozen"), in
    order; "a week" after a rate's count ("twice a week", "$10 a month") is left out."""
    return [quantity for _, quantity in _scan(text)]


_PHONE = re.compile(r"(?<![\w.+])(?:\+\d{1,14}|0\d{1,11})(?:[ -]\d{2,6}){0,5}(?!\w|[.,]\d)")
_PHONE_DIGITS = 9


def phone_numbers(text: str) -> list[tuple[int, int]]:
    """Where `text` states a phone number ("01768 400 210", "+44 20 7946 0958"): a run of digit
    groups that starts with 0 or +, split by spaces or hyphens, 9 digits or more in all. Its
    groups are no amounts: "call 0161 496 0732" states no 161, 496 or 732."""
    return [
        match.span()
        for match in _PHONE.finditer(text)
        if sum(character.isdigit() for character in match.group(0)) >= _PHONE_DIGITS
    ]


def read_quantity(text: str) -> Quantity | None:
    """`text` as one amount ("a fortnight", "14 days"), or None when it is not exactly one."""
    stripped = text.strip()
    found = find_quantities(stripped)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        return None
    return found[0]


def same_amount(first: Quantity, second: Quantity) -> bool:
    """Whether two amounts are equal ("a fortnight" and "14 days")."""
    return first.measure == second.measure and abs(first.amount - second.amount) < 1e-9


# amounts said in another measure --------------------------------------------------------------

_SPOKEN_EQUALS: tuple[tuple[str, str, float, bool], ...] = (
    ("hour", "working day", 24, False),
    ("day", "year", 365, True),
    ("week", "year", 52, True),
    ("day", "month", 30, True),
)
"""(small unit, large unit of another measure, how many small units people say one large one
is, whether a text in the small unit may take a new amount converted into it) for the amounts
a text says in another measure than a rule's: 3 working days as "72 hours", 30 days as "a
month", 12 months as "365 days" or "52 weeks". Only an amount written in the small unit itself
counts ("72 hours", never "3 days" read as hours: days of working days are `workweeks`'). Hours
never take working days ("120 hours" is no statement of 5 working days): the new amount is
written in its own unit there (`drafting.remeasured`)."""
_UNIT_ALIASES = {"hr": "hour", "min": "minute", "yr": "year", "business day": "working day"}


def _base_unit(quantity: Quantity) -> str:
    return _UNIT_ALIASES.get(quantity.unit, quantity.unit)


def _spoken_counts(quantity: Quantity, unit: str, rewriting: bool = False) -> list[float]:
    """How many `unit` (of another measure) people say `quantity` is, by `_SPOKEN_EQUALS`
    (`rewriting`: only the sayings a text may take a new amount in), the largest unit's first
    ("2 years" are 730 days, before 24 months of 30); empty where no such saying joins the
    two."""
    counts = []
    unit = _UNIT_ALIASES.get(unit, unit)
    for small, large, per, rewrites in _SPOKEN_EQUALS:
        if rewriting and not rewrites:
            continue
        if _base_unit(quantity) == small and _UNITS[large][0] != quantity.measure:
            if unit == large:
                counts.append(quantity.count / per)
        elif unit == small and quantity.measure == _UNITS[large][0] != _UNITS[small][0]:
            larger = quantity.in_unit(large)
            if larger is not None and abs(larger - round(larger)) < 1e-9:
                counts.append(larger * per)
    return counts


def equal_amount(first: Quantity, second: Quantity) -> bool:
    """Whether two amounts are the same value as people say it: equal (`same_amount`), or
    one said in the other's measure as people do (`_SPOKEN_EQUALS`: "within 72 hours" for 3
    working days, "a month" for 30 days, "52 weeks" for a year)."""
    if same_amount(first, second):
        return True
    if first.measure == second.measure or second.unit not in _UNITS:
        return False
    return any(abs(count - second.count) < 1e-9 for count in _spoken_counts(first, second.unit))


def spoken_in_unit(new: Quantity, like: Quantity) -> float | None:
    """`new` as a whole count of `like`'s unit where `like` measures something else and a
    text in its unit may take the new amount (`_SPOKEN_EQUALS`: 60 days for "a month" → 2;
    never working days in hours); None otherwise."""
    if new.measure == like.measure or like.unit not in _UNITS:
        return None
    for count in _spoken_counts(new, like.unit, rewriting=True):
        if count >= 1 and abs(count - round(count)) < 1e-9:
            return float(round(count))
    return None


# writing an amount the way a text writes another -------------------------------------------

_WORDS_OF = {value: word for word, value in CARDINALS.items()}


def count_words(count: float) -> str | None:
    """A whole count in words: "two", "fourteen", "twenty-four"; None past 100 or not whole."""
    if not float(count).is_integer() or count < 1:
        return None
    number = int(count)
    if number in _WORDS_OF:
        return _WORDS_OF[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return f"{_WORDS_OF[tens * 10]}-{_WORDS_OF[ones]}"
    return None


def number_words(count: float, *, joined: bool = True, article: bool = False) -> str | None:
    """A whole count below a thousand in words: "four", "twenty-four", "one hundred", "two
    hundred and fifty" (without "and" when not `joined`, as a KB that writes "one hundred
    twenty" does; "a hundred" for `article`); None past 999 or not whole. The one writer of
    numbers in words that `count_words` (below a hundred), `digitgloss` and `wordamounts`
    share."""
    if not float(count).is_integer() or not 1 <= count < 1000:
        return None
    number = int(count)
    if number < 100:
        return count_words(number)
    hundreds, rest = divmod(number, 100)
    head = f"{'a' if article and hundreds == 1 else count_words(hundreds)} hundred"
    if not rest:
        return head
    tail = count_words(rest)
    return f"{head} {'and ' if joined else ''}{tail}" if tail else None


def _digits(count: float) -> str:
    return str(int(count)) if float(count).is_integer() else f"{count:g}"


def _sized(count: float, unit: str, like: Quantity) -> str | None:
    """`count` `unit` written in `like`'s style: words or digits, hyphenated or not, the
    possessive kept ("a week's" → "two weeks'")."""
    one = count == 1
    if like.worded:
        if one:
            article = like.plain.split()[0].split("-")[0]
            if article.lower() not in ("a", "an", "one"):
                # a count spelled ("three working days") is spelled again: "one working day"
                spelled = article.lower() in CARDINALS
                article = "one" if like.hyphen or spelled else "a"
            if article.lower() in ("a", "an"):
                article = "an" if unit.startswith(("hour", "hr")) else "a"
            number = article
        else:
            words = count_words(count)
            if words is None:
                return None
            number = words
    else:
        number = _digits(count)
    sep = "-" if like.hyphen else " "
    plural = "" if one or like.hyphen else "s"
    written = f"{number}{sep}{unit}{plural}"
    if like.possessive:
        written += "'" if plural else "'s"
        if "’" in like.possessive:
            written = written[:-2] + "’s" if not plural else written[:-1] + "’"
    return _cased(written, like)


def _cased(written: str, like: Quantity) -> str:
    """`written` capitalized as `like` is: its first letter, or every word where the unit is
    capitalized too ("A Week's Notice" → "Two Weeks' Notice")."""
    words = like.plain.split()
    if len(words) > 1 and words[-1][:1].isupper():
        return " ".join(word[:1].upper() + word[1:] for word in written.split(" "))
    if like.plain[:1].isupper():
        return written[:1].upper() + written[1:]
    return written


def _as_written(new: Quantity, like: Quantity) -> str:
    """`new` as its own text writes it, with `like`'s capital and possessive."""
    written = new.plain
    if like.possessive:
        if written.lower().endswith("s") and not written.lower().endswith(("ss",)):
            written += "’" if "’" in like.possessive else "'"
        else:
            written += like.possessive if like.possessive.endswith("s") else "'s"
    if written[:1].isupper() and not new.plain.isupper():
        written = written[:1].lower() + written[1:]
    return _cased(written, like)


def written_like(new: Quantity, like: Quantity) -> str | None:
    """The amount `new` written the way a text wrote `like` (an old amount of the same
    measure): in `like`'s unit when that gives a whole count ("a week" with 14 days: "two
    weeks"; "7 days" with a fortnight: "14 days"; "24 months" with 3 years: "36 months"),
    else in `new`'s own unit; words where `like` has words, digits where it has digits. When
    both are in words (neither hyphenated) `new`'s own wording is kept: "a week's notice" →
    "a fortnight's notice". None when the two measure different things or `new` cannot be
    written in `like`'s style. Of another measure that people say in `like`'s unit (60 days
    for "a month": `spoken_in_unit`), in `like`'s unit ("two months")."""
    if new.measure != like.measure:
        spoken = spoken_in_unit(new, like)
        if spoken is None:
            return None
        return _sized(spoken, like.unit, like)
    if like.unit not in _UNITS:
        if like.worded:
            words = count_words(new.count) if new.unit != "%" else None
            if like.unit == "times" and new.count in (1, 2) and like.plain.lower() in _TIMES:
                return "once" if new.count == 1 else "twice"
            dozens = in_dozens(new.count, like.plain) if is_dozens(like.plain) else None
            if dozens is not None and like.unit == "":
                return dozens  # "a dozen" → "two dozen", never "24"
            if new.worded:
                return _as_written(new, like)
            if like.unit == "times" and words:
                return f"{words} times"
            return None
        if like.unit == "times":
            return f"{_digits(new.count)} times"
        return _digits(new.count)
    same_style = new.worded == like.worded and not like.hyphen and not new.hyphen
    if same_style and (new.worded or new.unit == like.unit):
        return _as_written(new, like)
    count = new.amount / _UNITS[like.unit][1]
    if abs(count - round(count)) < 1e-9 and count >= 1:
        written = _sized(round(count), like.unit, like)
        if written is not None:
            return written
    for unit in _WHOLE_UNITS:
        # `like`'s unit gives no whole count: the largest unit of the measure that does, so
        # a text that writes "a fortnight's notice" writes 7 days as "a week's", not "seven
        # days'"; `new`'s own unit when none is larger
        size = _UNITS[unit]
        if size[0] != new.measure or size[1] <= _UNITS.get(new.unit, ("", math.inf))[1]:
            continue
        count = new.amount / size[1]
        if abs(count - round(count)) < 1e-9 and count >= 1:
            written = _sized(round(count), unit, like)
            if written is not None:
                return written
    return _sized(new.count, new.unit, like)
