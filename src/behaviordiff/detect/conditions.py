"""Conditions: what separates the probes where a change happens from the others.

Searches single predicates (a numeric threshold, a categorical value, a tag), conjunctions of
two and of three (two bounds on one variable make an interval: `10 < requested_discount <= 15`;
a category and an interval make "electronics bought 13 to 24 months ago"), scores each by how
cleanly it separates (share of changed probes matched minus share of others matched, with a
small price for each extra variable or threshold), and states the best with its counts:
"order_total > 50 and delay_hours > 48: 6 of 6 changed; 0 of 40 others".

Thresholds are the values the probes have, and the numbers the prompt diff states (15%, $200,
"2 years" as 24 for a variable in months): of two thresholds that separate the same probes, the
one the prompt states is taken, so a condition reads as the rule that causes it, with the
prompt's operator ("less than 24 hours" is `< 24`, not `<= 23`). The changed sentences come
first; then the other sentences of their sections (the rule an added exception qualifies);
then any sentence of the prompt that names the variable (a change made by the config alone).

A condition is stated only when chance would rarely separate that well. Fisher's exact test on
its table, Bonferroni-corrected for every candidate searched, decides on large suites; a small
suite (where that correction cannot be met even by a perfect split) is judged by permutation:
the same search over the same probes with the changed ones drawn at random, seeded by the probe
ids so the answer never varies. One or two changed probes among many features yield no
condition rather than a made-up one, unless they fill the band between a number the edit moved
and its new value (8 → 10 years): a hypothesis the diff states, corrected only for the few such.
"""

from __future__ import annotations

import math
import random
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from typing import Any

from behaviordiff.detect.calendardates import _MONTH_NAMES, date_ops, date_values, find_dates
from behaviordiff.detect.clocktimes import clock_ops, clock_variable, find_clock_times
from behaviordiff.detect.model import Atom, Condition, ProbeVerdict
from behaviordiff.detect.quantities import (
    CARDINALS,
    ORDINALS,
    Quantity,
    divides_rate,
    find_quantities,
    phone_numbers,
)
from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.detect.stats import fisher_exact
from behaviordiff.detect.wordamounts import DAY_NAMES

_MAX_THRESHOLDS = 64
_PAIR_POOL = 40
_TRIPLE_SEEDS = 20
_PERMUTATIONS = 39
_PERMUTATION_LIMIT = 300
"""Suites up to this many compared probes may be judged by permutation."""
SIGNIFICANCE = 0.05
"""Family-wise error rate for stated conditions, across all candidates searched."""
_NUMERIC_OPS = (">", "<=", ">=", "<")
_MAX_SET_VALUES = 8
"""Categorical variables with up to this many values are also tried two values at a time."""
_LOWER = (">", ">=")
_NOT_A_NAME = STOPWORDS | {"num", "number", "count", "total", "per", "since", "value", "amount"}
"""Words of a variable's name that say nothing of what it is (`days_since_purchase` is named
by "purchase", not by "since")."""


# numbers the prompt states ------------------------------------------------------------

_DURATION_UNITS = {
    "minute": "minutes",
    "min": "minutes",
    "hour": "hours",
    "hr": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "yr": "years",
}
_IN_DAYS = {
    "minutes": 1 / 1440,
    "hours": 1 / 24,
    "days": 1.0,
    "weeks": 7.0,
    "months": 30.0,
    "years": 365.0,
}
_WORD_NUMBERS = {"a": 1, "an": 1, **CARDINALS}
_STATED = re.compile(
    r"(?P<money>[$€£]\s?\d[\d,]*(?:\.\d+)?)"
    r"|(?<!\d)(?P<percent>\d+(?:\.\d+)?)\s?(?:%|percent\b)"
    r"|\b(?P<count>\d+(?:\.\d+)?|" + "|".join(_WORD_NUMBERS) + r")"
    r"(?:\s(?:or|and) (?:more|fewer|less|over|under))?[\s-]"
    r"(?P<unit>minute|min|hour|hr|day|week|month|year|yr)s?\b"
    r"|(?P<bare>(?<![\w.])\d+(?:\.\d+)?(?![\w%]|\.\w))",
    re.I,
)
_MONEY_NAME = re.compile(
    r"total|amount|price|fee|cost|value|spend|balance|refund|charge|fine|payment|deposit", re.I
)


@dataclass(frozen=True)
class Boundary:
    """A number a prompt states: 15 (%), 200 ($), 2 (years)."""

    value: float
    unit: str
    """"%", "$", a duration unit ("years"), "clock" for a time of day (17 for "5pm"), "date"
    for a calendar date (its day number: "1 November 2026"), or "" for a bare number."""
    context: bool = False
    """Stated beside the change (another sentence of a changed sentence's section), not by a
    changed sentence: preferred over the probes' own values, after the changed sentences',
    and only with a unit that is the variable's own (no bare numbers: "5-7 business days")
    unless the sentence compares with it ("2 or more")."""
    ops: frozenset[str] = field(default=frozenset(), compare=False)
    """The operators its wording gives ("$15 or higher" is `>=`, "below $40" is `<`), as the
    side the number itself falls on; empty when the text does not compare."""
    about: frozenset[str] = field(default=frozenset(), compare=False)
    """For a number in an unchanged sentence of the prompt (`variable_boundaries`): the words
    of that sentence. It bounds only a variable whose name it says ("if it was less than 2
    days late" for `days_late`), and comes after every number the changed sentences and
    their sections state."""
    words: frozenset[str] = field(default=frozenset(), compare=False)
    """For a number a changed sentence moved (`moved_bounds`): the words that sentence added
    or removed ("members" of "45 days for members"), the variables and values the edit names.
    A rule on a variable they do not name fits by chance where the moved band fits too."""
    scope: frozenset[str] = field(default=frozenset(), compare=False)
    """For a number a changed sentence moved (`moved_bounds`): every word of that sentence, old
    and new, those it keeps too. "Standard contract: two free fault callouts a year" moved to
    "one" keeps "standard" and "fault", yet they say whom and what the moved band is for."""
    ranged: frozenset[str] = field(default=frozenset(), compare=False)
    """The operators of `ops` only the end of a range of counts gives ("20" of "aged 18 to 20"
    is `<=`), no comparing word: where the next number is stated with one ("21 or over"), that
    one draws the line (`< 21`)."""
    kept: bool = field(default=False, compare=False)
    """For the old number of a move (`moved_bounds`): the new sentence still states it, with
    the same comparison, for someone else ("up to 20 people" -> "up to 20 people from Monday
    to Friday and up to 15 on Saturdays and Sundays"): past it nothing changed, so the band
    ends there."""
    names: frozenset[str] = field(default=frozenset(), compare=False)
    """For a bare number its sentence compares with ("if `age_days` is under 30"): the variable
    names that sentence spells (`age_days`, lowercased). Such a number bounds a variable with a
    unit of its own (days, months) only when the sentence names it so."""
    counted: frozenset[str] = field(default=frozenset(), compare=False)
    """For the old number of a move kept for the rest (`kept`) as a bare count: what it counts
    in both sentences (the words right after it, "guest passes" of "2 guest passes a month"
    restated as "Standard members get 2 guest passes a month"). Such a count bounds, at the
    move's new number, only a variable whose name says one of those words."""
    counts: frozenset[str] = field(default=frozenset(), compare=False)
    """For a number stated only as an ordinal that starts a band ("the third child and any
    more"): the noun the ordinal qualifies ("child"). It bounds only a variable whose name
    names that noun (`child_number`): "the 2nd floor and above" counts no booking's guests."""


_BEFORE_OPS = (
    (re.compile(r"\b(?:at least|no less than|not less than|minimum of|from)\s*$", re.I), ">="),
    # "the minimum stay is 3 nights", "the maximum party size is 12": the limit's own wording
    (re.compile(r"\bminimum(?: [a-z]+){0,2} (?:is|are)\s*$", re.I), ">="),
    (re.compile(r"\bmaximum(?: [a-z]+){0,2} (?:is|are)\s*$", re.I), "<="),
    (
        # "if they have already had one": one or more
        re.compile(
            r"\balready\s+(?:had|used|received|got|claimed|redeemed|taken|booked)\s*$", re.I
        ),
        ">=",
    ),
    (
        re.compile(
            r"\b(?:more than|over|above|greater than|exceeds?|exceeding|longer than)\s*$", re.I
        ),
        ">",
    ),
    (re.compile(r"\b(?:under|below|less than|fewer than|shorter than)\s*$", re.I), "<"),
    (
        re.compile(r"\b(?:up to|at most|no more than|not more than|maximum of|max)\s*$", re.I),
        "<=",
    ),
)
_NOT_A_BOUND = r"\b(?!\s+(?:than\b|[$€£]?\d))"
"""Not "or less" when a new bound follows ("4 hours and less than 12")."""
_AFTER_OPS = (
    (
        re.compile(
            r"^(?:\+|\s*(?:or|and) (?:more|higher|above|over|up|longer|older)" + _NOT_A_BOUND + ")",
            re.I,
        ),
        ">=",
    ),
    (
        re.compile(
            r"^\s*(?:or|and) (?:less|fewer|lower|under|below|shorter|younger)" + _NOT_A_BOUND,
            re.I,
        ),
        "<=",
    ),
)
_UNIT_THEN = re.compile(
    r"^\s*(?:minute|min|hour|hr|day|week|month|year|yr)s?"
    r"(?:\s(?:away|old|long|late|early|ahead|out|left|off|before|after|ago))?"
    r"(?=\s*(?:or|and)\s)",
    re.I,
)
"""A duration's unit, and the one word placing it, before a comparison ("3 hours away or
less", "5 days late or more"): the comparison reads past them."""
_MEASURE_WORD = re.compile(r"^\s[^\W\d_]{1,12}\b(?=\s*(?:or|and)\s)", re.I)
"""The word a bare number's unit is said in before the comparison ("110 kg or less", "4 bags
or more"): the comparison reads past it, as past a duration's unit."""


_WINDOW_OPS = (
    (
        re.compile(
            r"\b(?:within|inside(?: of)?|(?:with)?in the (?:first|last)|during the first)\s*$",
            re.I,
        ),
        "<=",
    ),
    (re.compile(r"\b(?:before|younger than|newer than)\s*$", re.I), "<"),
    (re.compile(r"\b(?:after|older than)\s*$", re.I), ">"),
)
"""Words that put a span or an age on one side of a number: "within 30 days" includes day
30, "before 30 days" does not, "after 30 days" starts past it. Read only before a number with
its unit: "within 5-7 business days" promises a delay, it compares nothing."""


_UNTIL = re.compile(r"\b(?:up to|until|till|no later than)\s*$", re.I)
_AHEAD = re.compile(
    r"^\s*(?:minute|min|hour|hr|day|week|month|year|yr)s?\s+"
    r"(?:before|prior to|ahead of|in advance)\b",
    re.I,
)
"""A deadline counted back from an event: "free up to 48 hours before departure" holds while
48 hours or more remain, so 48 starts the span (`>=`), where "up to 48 hours after" ends it."""


_SPAN_WORD = r"(?:minute|min|hour|hr|day|week|month|year|yr)s?\b"
_RANGE_FROM = re.compile(r"^\s*(?:to|through|thru|and|[-\u2013])\s*\d+(?![\d.])", re.I)
_RANGE_TO = re.compile(
    r"(?:\bbetween\s+\d+\s+and|\d\s*(?:to|through|thru)|\d\s*[-\u2013])\s*$", re.I
)
_RANGE_SPAN = re.compile(r"^(?:\s+\w+)?\s+" + _SPAN_WORD, re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
"""A range of counts the prompt states ("parties of 16 to 30 skaters", "between 3 and 5
guests", "ages 4-11"): both ends are in it, so the first number starts the band (`>= 16`)
and the second ends it (`<= 30`). Read only on bare counts: "5 to 7 business days" promises
a delay, it compares nothing."""
_CELL_OPEN = re.compile(r"\|\s*$")
_CELL_PAIR = re.compile(r"\|\s*\d+(?:\.\d+)?\s+and\s+$", re.I)
_CELL_CLOSE = re.compile(r"\s*\|")
"""A table cell that is two numbers joined by "and" ("| 14 and 15 |" in a column of "8 to
13" and "16 and over") states a band as "14 to 15" would: a row of a table of bands."""


def _range_ops(text: str, start: int, end: int) -> set[str]:
    """The side of a range of counts a bare number ends (`_RANGE_FROM`)."""
    before, after = text[max(0, start - 24) : start], text[end : end + 16]
    upper = _RANGE_FROM.match(after)
    if upper is not None:
        rest = text[end + upper.end() : end + upper.end() + 40]
        listed = after.lstrip()[:3].lower() == "and" and not _BETWEEN.search(before)
        if listed and not (_CELL_OPEN.search(before) and _CELL_CLOSE.match(rest)):
            return set()  # "3 and 4 guests" lists two numbers, it bounds nothing
        return set() if _RANGE_SPAN.match(rest) else {">="}
    if _RANGE_TO.search(before) and not _RANGE_SPAN.match(text[end : end + 40]):
        return {"<="}
    if _CELL_PAIR.search(before) and _CELL_CLOSE.match(after):
        return {"<="}
    return set()


def _stated_ops(text: str, start: int, end: int, *, unit: bool = True) -> frozenset[str]:
    """The comparison the words around a number make with it ("at least 2", "$15 or higher",
    "within 30 days"); `unit`: the number is stated with its unit ("30 days", "$15")."""
    return _ops_and_range(text, start, end, unit=unit)[0]


def _ops_and_range(
    text: str, start: int, end: int, *, unit: bool = True
) -> tuple[frozenset[str], frozenset[str]]:
    """`_stated_ops`, and those of them only a range's upper end gives (`Boundary.ranged`)."""
    before, after = text[max(0, start - 24) : start], text[end : end + 32]
    if _UNTIL.search(before) and _AHEAD.search(text[end : end + 32]):
        return frozenset({">="}), frozenset()
    ops = {op for pattern, op in _BEFORE_OPS if pattern.search(before)}
    ranged: set[str] = set()
    if unit:
        ops |= {op for pattern, op in _WINDOW_OPS if pattern.search(before)}
    elif not ops:
        ranged = _range_ops(text, start, end)
    measured = _UNIT_THEN.match(after) if unit else _MEASURE_WORD.match(after)
    if measured is not None:
        after = after[measured.end() :]
    compared = {op for pattern, op in _AFTER_OPS if pattern.search(after)}
    # only a range's upper end yields: its start is the band's own first value ("7 to 12"
    # beside "up to 6" starts at 7), as the next band's start is ("21 or over" of "18 to 20")
    return frozenset(ops | ranged | compared), frozenset(ranged - compared - {">="})


def _worded_key(quantity: Quantity) -> tuple[float, str] | None:
    """A quantity `quantities` reads as (value, unit) of a boundary: "a fortnight" is 2
    weeks, "half an hour" 0.5 hours, "twice" and "a dozen" bare counts, "half the fee" 50%."""
    if quantity.measure in ("time", "calendar"):
        if quantity.unit == "fortnight":
            return quantity.count * 2, "weeks"
        return quantity.count, _DURATION_UNITS[quantity.unit]
    if quantity.measure == "%":
        return quantity.count, "%"
    if quantity.measure in ("times", ""):
        return quantity.count, ""
    return None


_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPELLED = re.compile(
    r"(?<![\w-])(?P<tens>"
    + "|".join(_TENS_WORDS)
    + r")[\s-](?P<ones>"
    + "|".join(word for word, value in CARDINALS.items() if value < 10)
    + r")(?![\w-])|(?<![\w-])(?P<word>"
    + "|".join(sorted(CARDINALS, key=len, reverse=True))
    + r")(?![\w-])",
    re.I,
)
"""A count spelled out ("two", "twenty-four"), read as a bound only where the words around it
compare ("two or more children", "fewer than five items", "at least three nights")."""


def _spelled_counts(text: str, taken: Sequence[tuple[int, int]]) -> dict[float, frozenset[str]]:
    """The counts `text` spells out and compares, each with the operators its wording gives,
    as the prompt states them: "two or more children" is `>= 2`, never `> 1`. A spelled number
    inside an amount already read (`taken`: "two weeks", "twenty-four hours") is that amount's."""
    found: dict[float, frozenset[str]] = {}
    for match in _SPELLED.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        ops = _stated_ops(text, match.start(), match.end(), unit=False)
        if not ops:
            continue
        value = _spelled_value(match)
        found[float(value)] = found.get(float(value), frozenset()) | ops
    return found


_ORDINAL_WORDS = ORDINALS[:12]
"""The ordinals in words a condition is read from, up to "twelfth"."""
_ORDINAL = re.compile(
    r"(?<![\w-])(?:(?P<digits>\d{1,3})(?:st|nd|rd|th)|(?P<word>"
    + "|".join(_ORDINAL_WORDS)
    + r"))(?![\w-])",
    re.I,
)
_ORDINAL_ON = re.compile(
    r"^(?:\+|(?:\s+[a-z]+){0,2}?(?:\s*,)?\s+(?:(?:and|or)\s+(?:(?:any|all|every|each)\s+)?"
    r"(?:more|later|after|subsequent|following|above|higher|beyond|up|over)|onwards?)\b)",
    re.I,
)
"""After an ordinal, the words that take in every later one: "the third child and any more",
"the 3rd+ booking", "the fourth and later nights", "the second visit onwards", "the 2nd floor
or higher"."""
_ORDINAL_FROM = re.compile(
    r"\b(?:from|starting (?:with|at|from)|beginning (?:with|at))\s+(?:the\s+)?$", re.I
)
"""Before an ordinal, the words that start a band with it: "from the second night"."""
_ORDINAL_SPAN = re.compile(r"^\s+(?:\d|(?:" + "|".join(CARDINALS) + r")\b)", re.I)
"""A count after an ordinal: "the first 3 months" is a span, not a position."""
_ORDINAL_NOUN = re.compile(r"\+?\s*([a-z]+)", re.I)
"""The word an ordinal qualifies, right after it ("the third child", "the 3rd+ booking") or
after the words that take in every later one ("the fourth and later nights")."""
_MONTH_AFTER = re.compile(r"^\s+(?:of\s+)?(?:" + "|".join(_MONTH_NAMES) + r")\b", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(_MONTH_NAMES) + r")\s+(?:the\s+)?$", re.I)
"""A month beside a numbered ordinal: "the 15th of March", "March 15th" is a day, no count."""


def _ordinal_counts(
    text: str, dated: Sequence[tuple[int, int]] = ()
) -> dict[float, tuple[frozenset[str], frozenset[str]]]:
    """The positions `text` states as ordinals that start a band, each `>=` with the nouns the
    ordinal qualifies (`Boundary.counts`): "the third child and any more" is `>= 3` of
    "child" as "3 or more children" is, and "from the 2nd night" `>= 2` of "night". An
    ordinal that compares nothing ("the second child gets 10%") names one position, no
    bound; a day of a date (in `dated` spans, or beside a month: "from the 15th of March")
    counts nothing."""
    found: dict[float, tuple[frozenset[str], frozenset[str]]] = {}
    for match in _ORDINAL.finditer(text):
        after = text[match.end() : match.end() + 48]
        if _ORDINAL_SPAN.match(after):
            continue
        if any(start <= match.start() < end for start, end in dated):
            continue
        before = text[max(0, match.start() - 28) : match.start()]
        on = _ORDINAL_ON.match(after)
        if not (on or _ORDINAL_FROM.search(before)):
            continue
        digits, word = match.group("digits"), match.group("word")
        if digits and (_MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before)):
            continue
        value = float(digits) if digits else float(_ORDINAL_WORDS.index(word.lower()) + 1)
        if value > 1:  # "from the first" on takes in every position: no bound
            noun = _ORDINAL_NOUN.match(after)
            if noun and on and noun.group(1).lower() in ("and", "or"):
                noun = _ORDINAL_NOUN.match(after, on.end())  # "the fourth and later nights"
            nouns = {noun.group(1).lower()} if noun else set()
            was = found.get(value, (frozenset(), frozenset()))
            found[value] = (frozenset({">="}), was[1] | nouns)
    return found


_VARIABLE_NAME = re.compile(r"`([A-Za-z_][\w.]*)`|\b([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)\b")
"""A variable a sentence spells: in backticks, or a snake_case word (`age_months`)."""


def _variable_names(text: str) -> frozenset[str]:
    """The variables `text` names, lowercased, each by its last dotted part too."""
    names: set[str] = set()
    for match in _VARIABLE_NAME.finditer(text):
        name = (match.group(1) or match.group(2)).lower()
        names |= {name, name.rsplit(".", 1)[-1]}
    return frozenset(names)


def stated_boundaries(texts: Iterable[str], *, context: bool = False) -> list[Boundary]:
    """The numbers stated in `texts` (the prompt diff's old and new sentences), with units;
    amounts in words too ("at least a fortnight" is `>= 2` weeks, "twenty-four hours" 24)."""
    found: dict[tuple[float, str], frozenset[str]] = {}
    named: dict[tuple[float, str], frozenset[str]] = {}
    ranged: dict[tuple[float, str], frozenset[str]] = {}
    counted: dict[tuple[float, str], frozenset[str]] = {}  # keys stated only as ordinals
    plain: set[tuple[float, str]] = set()
    for text in texts:
        worded = [q for q in find_quantities(text or "") if _worded_key(q) is not None]
        clock = find_clock_times(text or "")
        for time in clock:
            key = (round(time.hour, 6), "clock")
            found[key] = found.get(key, frozenset()) | clock_ops(text, time)
        days = find_dates(text or "")
        for day in days:
            key = (float(day.day), "date")
            found[key] = found.get(key, frozenset()) | date_ops(text, day)
        # a phone number's digit groups ("01768 400 210") are no amounts
        phones = phone_numbers(text or "")
        read: list[tuple[int, int]] = list(phones)
        spelled: frozenset[str] | None = None  # the text's variable names, read once
        for match in _STATED.finditer(text or ""):
            if any(start <= match.start() and match.end() <= end for start, end in phones):
                continue
            if any(
                q.start <= match.start()
                and match.end() <= q.end
                and q.end - q.start > len(match.group(0))
                for q in worded
            ):
                continue  # part of a longer amount ("four hours" of "twenty-four hours")
            if any(t.start <= match.start() and match.end() <= t.end for t in clock):
                continue  # the hour of a time of day ("14" of "14:00")
            read.append(match.span())
            # "2 or more days": the comparison is read from the number on, the unit after it
            end = match.end("count") if match.group("unit") else match.end()
            ops, ends = _ops_and_range(text, match.start(), end, unit=not match.group("bare"))
            if match.group("money"):
                key = (float(re.sub(r"[^\d.]", "", match.group("money"))), "$")
            elif match.group("percent"):
                key = (float(match.group("percent")), "%")
            elif match.group("unit"):
                count = match.group("count").lower()
                if count in ("a", "an") and divides_rate(text, match.start()):
                    continue  # "£9 an hour", "twice a week": a rate's unit, no bound
                value = float(_WORD_NUMBERS.get(count, 0) or count)
                key = (value, _DURATION_UNITS[match.group("unit").lower()])
            elif match.group("bare") and (ops or not context):
                if not ops and text.startswith(".", match.end()):
                    continue  # "1." of a numbered step, "version 2.": a full stop, no bound
                key = (float(match.group("bare")), "")
                if ops:
                    spelled = _variable_names(text) if spelled is None else spelled
                    named[key] = named.get(key, frozenset()) | spelled
            else:
                continue
            found[key] = found.get(key, frozenset()) | ops
            ranged[key] = ranged.get(key, frozenset()) | ends
            plain.add(key)
        for quantity in worded:
            if any(start < quantity.end and quantity.start < end for start, end in read):
                continue
            ops = _stated_ops(text, quantity.start, quantity.end)
            key = _worded_key(quantity) or (quantity.count, "")
            if key[1] == "" and context and not ops:
                continue
            found[key] = found.get(key, frozenset()) | ops
            plain.add(key)
        amounts = read + [(q.start, q.end) for q in worded]
        for value, ops in _spelled_counts(text or "", amounts).items():
            found[(value, "")] = found.get((value, ""), frozenset()) | ops
            plain.add((value, ""))
        dated = [(day.start, day.end) for day in days]
        for value, (ops, nouns) in _ordinal_counts(text or "", dated).items():
            found[(value, "")] = found.get((value, ""), frozenset()) | ops
            counted[(value, "")] = counted.get((value, ""), frozenset()) | nouns
    return [
        Boundary(
            value,
            unit,
            context,
            ops,
            # a side another wording of the number states too is no range's alone
            ranged=_range_only(ranged.get((value, unit), frozenset()), ops),
            names=named.get((value, unit), frozenset()),
            # a number another reading states too bounds whatever that reading bounds
            counts=counted.get((value, unit), frozenset())
            if (value, unit) not in plain
            else frozenset(),
        )
        for (value, unit), ops in found.items()
    ]


def _range_only(ranged: frozenset[str], ops: frozenset[str]) -> frozenset[str]:
    """The operators of `ranged` whose side no other operator of `ops` states."""
    return frozenset(
        op
        for op in ranged
        if not any(other in ops - ranged for side in _SIDES if op in side for other in side)
    )


def moved_bounds(pairs: Iterable[tuple[str, str]]) -> list[tuple[Boundary, Boundary]]:
    """The numbers changed sentences moved, as (old, new) pairs in one unit: a number only the
    old sentence states with each other number of that unit in the new one, and the other
    way round ("dogs under 8 years and cats under 10" → "dogs and cats under 10 years": 8 →
    10 years). Between the two lies the band of values whose treatment the edit changed."""
    moved: dict[tuple[float, float, str], tuple[Boundary, Boundary]] = {}
    for old_text, new_text in pairs:
        olds, news = stated_boundaries([old_text]), stated_boundaries([new_text])
        old_spelled, new_spelled = _spelled_moves(old_text, new_text)
        olds += [Boundary(value, "") for value in old_spelled]
        news += [Boundary(value, "") for value in new_spelled]
        old_keys = {(b.value, b.unit) for b in olds}
        new_keys = {(b.value, b.unit) for b in news}
        # a number restated with its comparison, or with its unit where neither compares
        # ("for 30 days on every plan" -> "for 30 days on Personal, 90 days on Business")
        restated = {(b.value, b.unit, b.ops) for b in news if b.ops or b.unit}
        # a bare count restated before the words it counted ("every member gets 2 guest
        # passes" -> "Gold members get 4 guest passes; Standard members get 2 guest passes"):
        # the old allowance stays for the rest, so the move is a raise for some
        recounted: dict[tuple[float, str], set[str]] = {}
        for b in news:
            if not b.ops and not b.unit and (counts := _counted(new_text, b)):
                recounted[b.value, b.unit] = counts
        old_words = _stems(_NAME_WORD.findall(old_text.lower()))
        new_words = _stems(_NAME_WORD.findall(new_text.lower()))
        changed = frozenset(old_words ^ new_words)
        scope = frozenset(old_words | new_words)
        for was in olds:
            for now in news:
                if was.unit != now.unit or was.value == now.value:
                    continue
                if (was.value, was.unit) in new_keys and (now.value, now.unit) in old_keys:
                    continue  # both numbers stay: nothing moved between them
                key = (was.value, now.value, was.unit)
                words = changed | (moved[key][0].words if key in moved else frozenset())
                said = scope | (moved[key][0].scope if key in moved else frozenset())
                first = moved.get(key, (was, now))
                kept = first[0].kept or (was.value, was.unit, was.ops) in restated
                counted = first[0].counted
                if not kept and not was.ops and (was.value, was.unit) in recounted:
                    counted = frozenset(
                        word
                        for word in _counted(old_text, was) & recounted[was.value, was.unit]
                        if len(word) >= 3 and word not in _NOT_NAME_STEMS
                    )
                    kept = bool(counted)
                # every sentence that moves the number says its side ("up to 3 hours
                # before", "3 hours away or less", "more than 3 hours away"): all are read
                moved[key] = (
                    replace(
                        first[0],
                        words=words,
                        scope=said,
                        kept=kept,
                        counted=counted,
                        ops=first[0].ops | was.ops,
                    ),
                    replace(first[1], words=words, scope=said, ops=first[1].ops | now.ops),
                )
    return list(moved.values())


def _spelled_allowances(text: str) -> dict[float, set[str]]:
    """The counts `text` spells out without comparing them, each with what it counts (the
    content words right after it): "two free fault callouts a year" is 2 of {free, fault,
    callout}. Not a count inside an amount ("two weeks", "twenty-four hours"), and not one
    followed by no content word ("one of them" counts nothing said)."""
    taken = [match.span() for match in _STATED.finditer(text)]
    taken += [(q.start, q.end) for q in find_quantities(text) if _worded_key(q) is not None]
    found: dict[float, set[str]] = {}
    for match in _SPELLED.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        if _stated_ops(text, match.start(), match.end(), unit=False):
            continue  # "two or more": a comparison `_spelled_counts` reads
        after = text[match.end() : match.end() + 80].lower()
        if not after[:1].isspace():
            continue
        counted = _stems(
            word for word in _COUNTED.findall(after)[:_COUNTED_WORDS] if word not in STOPWORDS
        )
        if not counted:
            continue
        value = float(_spelled_value(match))
        found.setdefault(value, set()).update(counted)
    return found


def _spelled_value(match: re.Match[str]) -> int:
    if match.group("tens"):
        return CARDINALS[match.group("tens").lower()] + CARDINALS[match.group("ones").lower()]
    return CARDINALS[match.group("word").lower()]


def _alike(first: Iterable[str], second: Iterable[str]) -> bool:
    """Whether two sets of counted words share one, a plural and its singular alike ("passe"
    of "passes" and "pass")."""
    return any(
        one == other
        or (min(len(one), len(other)) >= 3 and (one.startswith(other) or other.startswith(one)))
        for one in first
        for other in second
    )


def _spelled_moves(old_text: str, new_text: str) -> tuple[set[float], set[float]]:
    """The counts a changed sentence spells out and moved, old values and new: "two free
    fault callouts a year" → "one free fault callout a year" moves 2 to 1, as "2 free" → "1
    free" would. A spelled count is read only where the other side spells another count of
    the same things (a content word after both), so "one of our engineers" moves nothing."""
    olds, news = _spelled_allowances(old_text), _spelled_allowances(new_text)
    old_moved = {
        value
        for value, counted in olds.items()
        if value not in news
        and any(now not in olds and _alike(counted, c) for now, c in news.items())
    }
    new_moved = {
        value
        for value, counted in news.items()
        if value not in olds
        and any(was not in news and _alike(counted, c) for was, c in olds.items())
    }
    return old_moved, new_moved


_COUNTED = re.compile(r"[a-z]+")
_COUNTED_WORDS = 3
"""Words read after a number for what it counts ("2 free instrument swaps per term")."""


def _counted(text: str, boundary: Boundary) -> set[str]:
    """What `boundary` counts in `text`: the content words (stems) right after each place
    it is stated, its unit included ("2 free instrument swaps" is free, instrument, swap)."""
    found: set[str] = set()
    phones = phone_numbers(text)
    for match in _STATED.finditer(text):
        if any(start <= match.start() and match.end() <= end for start, end in phones):
            continue
        stated = match.group("money") or match.group("percent") or match.group("count")
        number = match.group("bare") or stated
        if number is None:
            continue
        digits = re.sub(r"[^\d.]", "", number)
        value = float(digits) if digits else float(_WORD_NUMBERS.get(number.lower(), -1))
        if value != boundary.value:
            continue
        after = match.end("count") if match.group("unit") else match.end()
        words = _COUNTED.findall(text[after:].lower())[:_COUNTED_WORDS]
        found |= _stems(word for word in words if word not in STOPWORDS)
    if boundary.unit == "":
        found |= _spelled_allowances(text).get(boundary.value, set())  # "two free swaps"
    return found


def restated_bounds(added: str, context: Iterable[str]) -> list[tuple[Boundary, Boundary]]:
    """The numbers an added sentence restates for some cases, as `moved_bounds` pairs:
    "Every hire includes 2 free swaps per term." beside the added "Brass hires include 1
    free swap per term instead." moves 2 to 1 for brass hires, as a changed sentence would
    (its words, "brass" among them, name whom the band is for). A number counts when a
    sentence of the added one's section states another number of its unit before the same
    counted words ("free swap"): other numbers of the two sentences moved nothing. The unit
    both numbers share is not such a word: "a free re-tune within 30 days of the service"
    beside the added "If a repair takes more than 3 days, offer a loan bike" counts days of
    two different things, and moves no 30 to 3."""
    # every word of an added sentence is the edit's, those its rule says too ("by van")
    words = frozenset(_stems(_NAME_WORD.findall(added.lower())))
    found: list[tuple[Boundary, Boundary]] = []
    for sentence in dict.fromkeys(context):
        if sentence == added:
            continue
        alike = _restates_alike(sentence, added)
        for was, now in moved_bounds([(sentence, added)]):
            if (_counted(sentence, was) & _counted(added, now)) - _UNIT_STEMS or (
                alike and was.ops and was.ops == now.ops
            ):
                found.append(
                    (
                        replace(was, words=words, scope=words),
                        replace(now, words=words, scope=words),
                    )
                )
    return found


_RESTATED_ALIKE = 0.4
"""Words two sentences share of all they say (Jaccard) for one to restate the other's rule
with another number ("Any booking cancelled at least 48 hours before it starts gets a full
refund." and "An alpaca party cancelled at least 72 hours before it starts gets a full
refund: …")."""
_PLAIN_WORD = re.compile(r"[a-z]+")


def _restates_alike(one: str, other: str) -> bool:
    a = set(_PLAIN_WORD.findall(one.lower()[:2000]))
    b = set(_PLAIN_WORD.findall(other.lower()[:2000]))
    return bool(a | b) and len(a & b) / len(a | b) >= _RESTATED_ALIKE


def kept_by_rest(
    moved: Sequence[tuple[Boundary, Boundary]],
    sources: Iterable[tuple[str, str]],
    rest: Iterable[str],
) -> list[tuple[Boundary, Boundary]]:
    """`moved` with the old number of a move marked kept (`Boundary.kept`) where another
    sentence of the new prompt (`rest`) still states it with the same comparison before the
    same counted words: "more than 6 classes" moved to "more than 2 classes for a peak-time
    class" beside "If a member wants more than 6 classes for any other class": past 6 both
    versions refuse, so the band ends there though no probe asks for more. `sources`: the
    (old, new) sentences the moves were read from."""
    rest = list(dict.fromkeys(rest))[:_REST_MAX]
    if not rest or all(was.kept or not was.ops for was, _ in moved):
        return list(moved)
    olds: dict[tuple[float, float, str], list[tuple[str, str]]] = {}
    for old, new in sources:
        for was, now in moved_bounds([(old, new)]):
            olds.setdefault((was.value, now.value, was.unit), []).append((old, new))
    stated = [(sentence, stated_boundaries([sentence])) for sentence in rest]
    marked: list[tuple[Boundary, Boundary]] = []
    for was, now in moved:
        found = olds.get((was.value, now.value, was.unit), [])
        if not was.kept and was.ops and found:
            counted = set().union(*(_counted(old, was) for old, _ in found))
            news = {new for _, new in found}
            for sentence, bounds in stated:
                same = any(
                    (b.value, b.unit, b.ops) == (was.value, was.unit, was.ops) for b in bounds
                )
                if sentence not in news and same and counted & _counted(sentence, was):
                    was = replace(was, kept=True)
                    break
        marked.append((was, now))
    return marked


_REST_MAX = 200
"""Sentences of the new prompt read for a kept old number (a prompt states a few hundred)."""


def moved_bound_of(
    old: str, new: str, feature: str, bounds: Iterable[float]
) -> tuple[Boundary, Boundary] | None:
    """The numbers the changed sentence `old` → `new` moved (`moved_bounds`) when one of them,
    in the unit of the variable `feature`, is one of `bounds`: the sentence moved the
    threshold of a condition on that variable ("within 30 days" → "within 45 days" for
    `30 < days_since_delivery <= 45`). None when it moved no such number."""
    unit = _feature_unit(feature)
    wanted = [float(bound) for bound in bounds]
    for was, now in moved_bounds([(old, new)]):
        for boundary in (was, now):
            value = _convert(boundary, unit)
            if value is None:
                continue
            values = [value, value / 100] if boundary.unit == "%" else [value]
            if any(abs(found - bound) < 1e-9 for found in values for bound in wanted):
                return was, now
    return None


def lifted_bound_of(old: str, new: str, feature: str, bounds: Iterable[float]) -> float | None:
    """The bound of `bounds` the changed sentence `old` → `new` withdrew: the old sentence
    states it, in the unit of the variable `feature`, and names that variable ("valid for 12
    months from purchase" for `months_since_purchase >= 12`), and the new one states no number
    of that unit ("never expire"): the limit itself is gone. None for any other sentence."""
    unit = _feature_unit(feature)
    wanted = [float(bound) for bound in bounds]
    if not wanted or not _names(feature, frozenset(_stems(_NAME_WORD.findall(old.lower())))):
        return None
    if any(_convert(boundary, unit) is not None for boundary in stated_boundaries([new])):
        return None
    for boundary in stated_boundaries([old]):
        value = _convert(boundary, unit)
        if value is not None and any(abs(value - bound) < 1e-9 for bound in wanted):
            return value
    return None


_NAME_WORD = re.compile(r"[a-z]{3,}")


def _stems(words: Iterable[str]) -> set[str]:
    return {word.removesuffix("s") for word in words}


_UNIT_STEMS = frozenset(_stems(_DURATION_UNITS) | _stems(_DURATION_UNITS.values()))
"""The duration units as `_counted` reads them ("day" of "30 days")."""
_NOT_NAME_STEMS = frozenset(_UNIT_STEMS | _NOT_A_NAME)
"""Words of a variable's name that do not name it: its unit ("days"), filler ("count")."""


def variable_boundaries(texts: Iterable[str]) -> list[Boundary]:
    """The numbers unchanged prompt sentences state, each tied to its sentence's words: the
    bound a rule about a variable states ("2 or more days late") where no changed sentence
    states one (a change made by the config alone, the prompt the same)."""
    found: list[Boundary] = []
    for text in dict.fromkeys(texts):
        words = frozenset(_stems(_NAME_WORD.findall(text.lower())))
        found += [replace(b, about=words) for b in stated_boundaries([text], context=True)]
    return found


def _names(name: str, about: frozenset[str]) -> bool:
    """Whether a sentence with the words `about` names the variable `name` (`days_late`: a
    word of its name that is not its unit, "late")."""
    words = _stems(_NAME_WORD.findall(name.lower().rsplit(".", 1)[-1])) - _NOT_NAME_STEMS
    return any(word.startswith(stem) for word in about for stem in words)


def _name_holds(name: str, nouns: frozenset[str]) -> bool:
    """Whether a word of the variable's name holds one of `nouns` or is held by one, four
    letters at least (`ebooks_borrowed` holds the "book" of "3 e-books a month")."""
    words = _stems(_NAME_WORD.findall(name.lower().rsplit(".", 1)[-1])) - _NOT_NAME_STEMS
    return any(
        min(len(word), len(noun)) >= 4 and (noun in word or word in noun)
        for word in words
        for noun in _stems(nouns)
    )


def _counts_named(name: str, nouns: frozenset[str]) -> bool:
    """Whether the variable `name` names a noun an ordinal qualifies (`Boundary.counts`):
    `child_number` or `children` the "child" of "the third child and any more"."""
    words = _stems(_NAME_WORD.findall(name.lower().rsplit(".", 1)[-1])) - _NOT_NAME_STEMS
    return any(
        min(len(word), len(noun)) >= 4 and (word.startswith(noun) or noun.startswith(word))
        for word in words
        for noun in _stems(nouns)
    )


_NAME_TOKENS = re.compile(r"[a-z]+|\d+")
_WINDOW_WORDS = frozenset(
    {"last", "past", "this", "per", "previous", "prev", "every", "each", "rolling", "trailing"}
)
"""Words before a duration in a variable's name that make it the span the variable is counted
over (`rentals_last_12_months`, `passes_this_month`, `visits_per_week`), not its unit."""


def _name_durations(name: str) -> tuple[list[str], list[tuple[str, float | None]]]:
    """A variable name's tokens, and each duration it names with the span's length when the
    duration is a span the variable is counted over (`cushions_last_12_months`: 12 months,
    `passes_this_month`: 1 month), None when it is the variable's own unit (`tenure_months`,
    `ready_in_hours`)."""
    tokens = _NAME_TOKENS.findall(name.lower().rsplit(".", 1)[-1])
    found: list[tuple[str, float | None]] = []
    for index, token in enumerate(tokens):
        unit = _DURATION_UNITS.get(token.removesuffix("s"))
        if unit is None:
            continue
        before = tokens[index - 1] if index else ""
        span = float(before) if before.isdigit() else 1.0 if before in _WINDOW_WORDS else None
        found.append((unit, span))
    return tokens, found


def counted_over_span(name: str) -> bool:
    """Whether a variable's name gives only the span it is counted over (`services_this_year`,
    `passes_last_12_months`): its duration words say when, not its values' unit."""
    _, durations = _name_durations(name)
    return bool(durations) and all(span is not None for _, span in durations)


def _name_window(name: str) -> tuple[float, str] | None:
    """The span a count variable's name says it is counted over, as (value, duration unit)."""
    _, durations = _name_durations(name)
    return next(((span, unit) for unit, span in durations if span is not None), None)


def _feature_unit(name: str) -> str:
    if clock_variable(name):
        return "clock"  # a time of day: "before 5pm" bounds it, "within 2 hours" does not
    tokens, durations = _name_durations(name)
    for unit, span in durations:
        if span is None:
            return unit
    words = set(tokens)
    if words & {"percent", "pct", "percentage", "discount", "rate"}:
        return "%"
    if _MONEY_NAME.search(name.rsplit(".", 1)[-1]):
        return "$"
    return ""


def _convert(boundary: Boundary, unit: str) -> float | None:
    """The boundary in the feature's unit, or None when it cannot be one of its values."""
    if "date" in (boundary.unit, unit):
        # a calendar date bounds only a variable of dates, and only a date bounds one
        return boundary.value if boundary.unit == unit else None
    if "clock" in (boundary.unit, unit):
        # a time of day bounds only a time of day; a bare number one only where the words
        # compare with it ("if the hour is 17 or later")
        same = boundary.unit == unit or (boundary.unit == "" and bool(boundary.ops))
        return boundary.value if same else None
    if boundary.unit in _IN_DAYS:
        if unit not in _IN_DAYS:
            return boundary.value if unit == "" else None
        if {boundary.unit, unit} == {"months", "years"}:
            return boundary.value * (12 if unit == "months" else 1 / 12)
        return boundary.value * _IN_DAYS[boundary.unit] / _IN_DAYS[unit]
    if boundary.unit == "$":
        return boundary.value if unit in ("$", "") else None
    if boundary.unit == "%":
        return boundary.value if unit in ("%", "") else None
    return boundary.value if unit not in _IN_DAYS else None


@dataclass(frozen=True)
class _Stated:
    """How the prompt states one threshold of one variable."""

    beside: bool
    """Only stated beside the change (its section), not by a changed sentence."""
    named: bool
    """Only stated by an unchanged sentence that names the variable (`Boundary.about`)."""
    own: bool
    """Stated in the variable's own unit ("$40" for a fee), not a bare or converted number."""
    ops: frozenset[str]
    """The operators its wording gives (see `Boundary.ops`)."""
    said: frozenset[str] = frozenset()
    """The operators its wording states as they are ("£5,000 or more" is `>=`, not `<`)."""
    ranged: frozenset[str] = frozenset()
    """The operators only a range's end gives, both of its side (`Boundary.ranged`)."""


_SIDES = ({"<", ">="}, {"<=", ">"})
"""Operators that put the threshold on the same side: "below 40" and "40 or more" both put 40
with the upper values (`< 40`, `>= 40`)."""


def _boundary_units(
    name: str, boundaries: Sequence[Boundary], observed: list[float], unit: str | None = None
) -> dict[float, _Stated]:
    """Each boundary in the feature's unit (`unit`, else the one its name gives) and how the
    prompt states it."""
    unit = _feature_unit(name) if unit is None else unit
    values: dict[float, _Stated] = {}
    fractions = bool(observed) and max(observed) <= 1.0
    window = _name_window(name)
    for boundary in boundaries:
        if window == (boundary.value, boundary.unit):
            continue  # "in the last 12 months" is the span `x_last_12_months` counts over
        value = _convert(boundary, unit)
        if value is None and name.lower().rsplit(".", 1)[-1] in boundary.names:
            value = boundary.value  # "if `age_days` is under 30": 30 days
        if value is None:
            continue
        if boundary.context and not unit and not (boundary.ops and boundary.unit == ""):
            continue
        if boundary.about and not _names(name, boundary.about):
            continue
        if boundary.counts and not _counts_named(name, boundary.counts):
            continue  # "the 2nd floor and above" bounds no variable but one of floors
        value = round(value, 6)
        converted = (
            [value, round(value / 100, 6)] if boundary.unit == "%" and fractions else [value]
        )
        own = bool(unit) and boundary.unit != ""
        ops = frozenset(op for side in _SIDES if side & boundary.ops for op in side)
        ranged = frozenset(op for side in _SIDES if side & boundary.ranged for op in side)
        for item in converted:
            was = values.get(item)
            if was is None:
                values[item] = _Stated(
                    boundary.context, bool(boundary.about), own, ops, boundary.ops, ranged
                )
                continue
            values[item] = _Stated(
                was.beside and boundary.context,
                was.named and bool(boundary.about),
                was.own or own,
                was.ops | ops,
                was.said | boundary.ops,
                # a side one statement gives as a range's end and another with words is said
                (was.ranged - (ops - ranged)) | (ranged - (was.ops - was.ranged)),
            )
    return values


# atoms ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Atom:
    feature: str
    op: str
    """">", "<=", "=" or "tag"."""
    value: Any
    mask: int
    """Which probes it matches: the changed ones in the low bits, the others above."""
    rank: tuple[int, int, str]
    """Tie-break: fixture paths after variables, longer names after shorter ones."""
    stated: bool = False
    """A threshold the prompt diff states."""
    beside: bool = False
    """Stated only beside the change (its section), not by a changed sentence."""
    named: bool = False
    """Stated only by an unchanged sentence that names the variable."""
    own_unit: bool = False
    """Stated with the variable's own unit ("$40" on a fee), not a bare or converted number."""
    worded: bool = False
    """The operator the prompt's wording gives ("2 or more" is `>= 2`, not `> 1`)."""
    said: bool = False
    """The wording states this very operator on its number, not its other side: of "up to
    4,999" and "5,000 or more" (the same split of whole amounts) `>= 5000` says the band."""
    dated: bool = False
    """A bound on a variable of calendar dates: its value is a day number, shown as the ISO
    date (`ordered_on >= 2026-11-01`)."""
    ranged: bool = False
    """Its operator's side is stated only as a range's end ("20" of "aged 18 to 20"): a number
    stated with a comparing word that splits the probes alike ("21 or over") says the band."""

    @property
    def numeric(self) -> bool:
        return self.op in _NUMERIC_OPS

    cost: float = 0.0
    """Its share of a rule's price: a numeric threshold costs, a stated one costs less."""

    some: bool = False
    """A cut between none and some of a count (`dogs >= 1`, from `dogs > 0`:
    `_some_of_a_count`): a case of its own ("with a dog"), not a cut beside a probe."""

    def __post_init__(self) -> None:
        cost = (0.001 if self.op in _NUMERIC_OPS else 0.0) - (0.0004 if self.stated else 0.0)
        object.__setattr__(self, "cost", cost)


def _number(value: Any) -> float | None:
    """A feature as a number to compare, or None: not booleans, and not a value no bound can
    be put on (an int too big for a float, NaN, infinity: a hostile probe file or tool
    result)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _category(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def one_sided_tools(changed: Sequence[ProbeVerdict]) -> frozenset[str]:
    """Tools every changed probe calls on one side only: the call is what changed.

    What such a tool returns (its fixture) is seen only after the call, so it cannot decide
    whether the call is made, and the side that no longer (or newly) makes it never sees it:
    it cannot be part of the rule (a fixture of a call one version stopped making matches
    exactly the probes written to expect that call, not the customers the rule is about)."""
    common: set[str] | None = None
    for verdict in changed:
        result = verdict.results.get("actions")
        if result is None or result.status != "changed":
            return frozenset()
        old = {label.split("(", 1)[0] for label, count in result.old_counts.items() if count}
        new = {label.split("(", 1)[0] for label, count in result.new_counts.items() if count}
        common = (old ^ new) if common is None else common & (old ^ new)
        if not common:
            return frozenset()
    return frozenset(common or ())


_IDENTIFIER = re.compile(
    r"(?:(?:^|[._])(?:customer|first|last|full|given|family|user|contact|caller|member)_?name"
    r"|(?:^|\.)name|(?:^|[._])(?:id|ref|reference|email|e_?mail_address|phone|mobile"
    r"|phone_number|postcode|zip|zip_code|uuid|username))$",
    re.IGNORECASE,
)


_FREE_TEXT_FIELD = re.compile(
    r"\.(?:[a-z0-9]+_)*(?:title|description|subject|message|notes?|comments?|address|text"
    r"|summary|body|details|content)$",
    re.IGNORECASE,
)
_FREE_TEXT_WORDS = 3
"""A fixture value of this many words or more is free text (a book's title, an item's
description), not one of a few values a rule is for."""


def free_text_fixture(name: str, categories: Sequence[str]) -> bool:
    """A tool fixture's field (`lookup_loan.title`) that holds free text: its field is named
    for text (a title, a description, a note) or a value runs to several words. A suite's
    fixtures repeat such a value across the probes of one topic, so it picks out which probes
    looked something up, never customers a rule is for ("where title is The Hobbit")."""
    if "." not in name:
        return False
    if _FREE_TEXT_FIELD.search(name):
        return True
    return any(len(category.split()) >= _FREE_TEXT_WORDS for category in categories)


def identifier_variable(name: str) -> bool:
    """A probe variable that names or identifies someone or something (`customer_name`,
    `order_id`, `email`): its values tell probes apart; no rule of an agent is for them."""
    return _IDENTIFIER.search(name) is not None


def _atoms(
    probes: Sequence[ProbeVerdict],
    boundaries: Sequence[Boundary],
    hidden: frozenset[str] = frozenset(),
    *,
    paired: int = 0,
    named: frozenset[str] = frozenset(),
    changed: int = 0,
    said: frozenset[str] = frozenset(),
) -> list[_Atom]:
    """Every predicate worth testing, one per set of probes matched (the simplest kept);
    none on the fixtures of the `hidden` tools (`one_sided_tools`); with `paired` (the
    changed probes' mask), two topic tags as one atom too (`_topic_pairs`); with `changed`
    (the same mask), the values of a category the changed probes take, as one set, where
    the moved sentences, or where none moved a number the changed ones (`said`), name them
    (`_named_set`). Of a category
    and a number that split the probes alike, the category whose value the moved sentences
    name (`named`: "Free plan: 5 → 3 hours a month" names `plan = free`) is kept: the number
    is what that category gets, and its probes' usage only happens to fall under it."""
    names = sorted(
        {
            name
            for probe in probes
            for name in probe.features
            if not any(name.startswith(tool + ".") for tool in hidden)
        }
    )
    atoms: list[_Atom] = []
    for name in names:
        rank = (name.count("."), len(name), name)
        values = [probe.features.get(name) for probe in probes]
        if name.startswith("tag:"):
            mask = sum(1 << i for i, value in enumerate(values) if value is True)
            atoms.append(_Atom(name, "tag", name[4:], mask, rank))
            continue
        days = date_values(values)
        numbers = (
            [_number(value) for value in values]
            if days is None
            else [None if day is None else float(day) for day in days]
        )
        dated = days is not None
        observed = sorted({v for v in numbers if v is not None})
        if observed:
            step = max(1, len(observed) // _MAX_THRESHOLDS)
            unit = "date" if dated else None
            stated_units = {
                v: how
                for v, how in _boundary_units(name, boundaries, observed, unit).items()
                if observed[0] <= v <= observed[-1]
            }
            # a stated bound at the largest value seen splits only as "< bound" ("6pm to
            # 10pm" with a probe at 10pm): it gets no "<=" / ">" atom of its own
            stated = {v for v in stated_units if v < observed[-1]}
            thresholds = sorted(set(observed[:-1:step]) | stated)
            for threshold in thresholds:
                above = below = 0
                for index, number in enumerate(numbers):
                    if number is None:
                        continue
                    if number > threshold:
                        above |= 1 << index
                    else:
                        below |= 1 << index
                how = stated_units.get(threshold, _Stated(False, False, False, frozenset()))
                preferred = threshold in stated
                first_count = (
                    None if dated else _first_count_over(name, threshold, observed, how, preferred)
                )
                if first_count is not None:
                    atoms.append(
                        _Atom(
                            name,
                            ">=",
                            first_count,
                            above,
                            rank,
                            True,
                            how.beside,
                            how.named,
                            how.own,
                            True,
                            True,
                        )
                    )
                some = not dated and not preferred and _some_of_a_count(name, threshold, observed)
                # a case of its own (kept beside one probe) only where the words name the count
                own_case = some and _count_said(name, named | said)
                for op, mask in ((">", above), ("<=", below)):
                    atoms.append(
                        _Atom(
                            name,
                            ">=" if some and op == ">" else op,
                            1.0 if some and op == ">" else threshold,
                            mask,
                            rank,
                            preferred,
                            how.beside,
                            how.named,
                            how.own,
                            op in how.ops,
                            op in how.said,
                            dated,
                            op in how.ranged,
                            some=own_case and op == ">",
                        )
                    )
            for threshold in sorted(stated_units):
                # "$100 to $1,000": a stated bound may include itself
                from_here = sum(
                    1 << i for i, n in enumerate(numbers) if n is not None and n >= threshold
                )
                under = sum(
                    1 << i for i, n in enumerate(numbers) if n is not None and n < threshold
                )
                how = stated_units[threshold]
                for op, mask in ((">=", from_here), ("<", under)):
                    atoms.append(
                        _Atom(
                            name,
                            op,
                            threshold,
                            mask,
                            rank,
                            True,
                            how.beside,
                            how.named,
                            how.own,
                            op in how.ops,
                            op in how.said,
                            dated,
                            op in how.ranged,
                        )
                    )
            continue
        categories = sorted({_category(v) for v in values if v is not None})
        if len(categories) > 30:
            continue
        if identifier_variable(name) or free_text_fixture(name, categories):
            # a person's name or an id picks out probes, not customers a rule is for: three
            # probes left at the suite's default "Alex" are no condition of a change; nor is
            # a looked-up record's free text (its title), unless a changed sentence names it
            categories = [category for category in categories if category.lower() in named]

        for category in categories:
            matched = [
                i for i, v in enumerate(values) if v is not None and _category(v) == category
            ]
            raw = values[matched[0]]
            # a flag stays a boolean in the JSON ("controlled": true), the rest is text
            value = raw if isinstance(raw, bool) else category
            atoms.append(_Atom(name, "=", value, sum(1 << i for i in matched), rank))
        if 3 <= len(categories) <= _MAX_SET_VALUES:
            # two values of one variable ("fare_class in {business, flex}")
            for first, second in combinations(categories, 2):
                mask = sum(
                    1 << i
                    for i, v in enumerate(values)
                    if v is not None and _category(v) in (first, second)
                )
                atoms.append(_Atom(name, "in", (first, second), mask, rank))
        # the moved sentences' words; every changed sentence's only where no number moved
        # (another change's sentence naming the tiers builds no set for this one)
        if changed and (named_set := _named_set(values, categories, changed, named or said)):
            mask = sum(
                1 << i for i, v in enumerate(values) if v is not None and _category(v) in named_set
            )
            atoms.append(_Atom(name, "in", named_set, mask, rank))
    if paired:
        atoms += _topic_pairs(atoms, paired)
    unique: dict[tuple[str, int], _Atom] = {}
    # per feature and matched set: the changed sentences' threshold, else one stated beside
    # them, else the first one
    for atom in sorted(atoms, key=_preference):
        unique.setdefault((atom.feature + atom.op, atom.mask), atom)
    by_mask: dict[int, _Atom] = {}
    # across variables that split the probes alike (ride minutes and the fee they cost): the
    # one whose own unit the prompt's changed sentences state, then the simplest name
    for atom in sorted(unique.values(), key=_across):
        if atom.mask:
            by_mask.setdefault(atom.mask, atom)
    for atom in sorted(unique.values(), key=_across):
        kept = by_mask.get(atom.mask)
        if kept is not None and kept.numeric and _value_named(atom, named):
            by_mask[atom.mask] = atom  # the category the moved sentence names, not a number
    return sorted(by_mask.values(), key=lambda a: (a.rank, str(a.op), str(a.value)))


def _with_days(words: frozenset[str]) -> frozenset[str]:
    """The words an edit changed, with the days "weekdays" and "the weekend" span: "open 7am to
    9pm on weekdays" names Monday to Friday as a list of them would."""
    extra: set[str] = set()
    if any(word.startswith("weekday") for word in words):
        extra |= set(DAY_NAMES[:5])
    if any(word.startswith("weekend") for word in words):
        extra |= set(DAY_NAMES[5:])
    return words | extra


def _named_set(
    values: Sequence[Any], categories: Sequence[str], changed: int, named: frozenset[str]
) -> tuple[str, ...] | None:
    """The values of a category the changed probes take, as one set, when the moved
    sentences name two or more of them and none of the others ("Monday to Friday: 9am to 8pm"
    names the ends of the weekdays the changed probes fall on; "Silver, Gold and Platinum
    members" the tiers): a rule scoped to a span or a list of the category, which a pair of
    values (`in` of two) cannot state once it holds three or more. None when the changed
    probes take fewer than three values or every value seen (the category then sets nothing
    apart), or the words name a value outside the set (`_with_days`: "weekdays" names Monday
    to Friday)."""
    own = sorted(
        {
            _category(value)
            for i, value in enumerate(values)
            if changed >> i & 1 and value is not None
        }
    )
    if not 3 <= len(own) < len(categories) or len(own) > _MAX_SET_VALUES:
        return None

    words = {word.removesuffix("s") for word in _with_days(named)}

    def said(category: str) -> bool:
        parts = _stems(_NAME_WORD.findall(category.lower()))
        return bool(parts) and all(part in words for part in parts)

    if sum(1 for category in own if said(category)) < 2:
        return None
    if any(said(category) for category in categories if category not in own):
        return None
    return tuple(_day_span(own, categories, words) or own)


def _day_span(own: Sequence[str], categories: Sequence[str], words: set[str]) -> list[str] | None:
    """The days of a span the words name by its ends ("Monday to Friday") when the changed
    probes fell on some of them only (Monday, Wednesday, Friday): every day from the first
    end to the last, the rule's set rather than the probes' sample. Only where a changed
    probe's day lies between two named ends unnamed (a span, not a list), and no day of the
    span was probed outside the set; None otherwise."""
    if not all(category in DAY_NAMES for category in own):
        return None
    ends = [index for index, day in enumerate(DAY_NAMES) if day in words]
    if len(ends) != 2:
        return None
    span = DAY_NAMES[ends[0] : ends[1] + 1]
    if not set(own) <= set(span) or all(day in words for day in own):
        return None
    if any(day in categories and day not in own for day in span):
        return None
    return sorted(span)


def _first_count_over(
    name: str, threshold: float, observed: Sequence[float], how: _Stated, stated: bool
) -> float | None:
    """The first whole count past a bound the prompt states without comparing ("free for 1
    item per order", "3 × (items − 1)"): such a number is an allowance, not "more than 1", so a
    count variable's upper side is said as its first count, "items >= 2" ("two or more
    items"). None where the wording compares ("more than 1" stays `> 1`), the bound is not the
    prompt's, the variable has a unit (days, money: "for 14 days" is a span, not a count), or
    the values are not whole counts with the next one seen."""
    if not stated or how.ops or _feature_unit(name) or not float(threshold).is_integer():
        return None
    if not all(float(value).is_integer() for value in observed):
        return None
    return threshold + 1 if threshold + 1 in observed else None


def _some_of_a_count(name: str, threshold: float, observed: Sequence[float]) -> bool:
    """Whether `> threshold` is "at least one" of a count no prompt number bounds: more than
    none of a whole count with no unit (dogs, bags, items) is said as its first count,
    `dogs >= 1`, as "one or more dogs" would be (`_first_count_over`)."""
    if threshold != 0 or _feature_unit(name):
        return False
    return 1.0 in observed and all(float(value).is_integer() for value in observed)


def _count_said(name: str, words: frozenset[str]) -> bool:
    """Whether the changed sentences' `words` name the counted thing ("with a dog" names
    `dogs`): only then is having none of it a case of the rule's own (`_some_of_a_count`);
    a count the words never name ("bags" under a change about nights) gets no such cut."""
    own = _stems(_NAME_WORD.findall(name.lower().rsplit(".", 1)[-1])) - _NOT_NAME_STEMS
    return bool(own & _stems(words)) or _loosely_names(name, words)


def _topic_pairs(atoms: Sequence[_Atom], changed: int) -> list[_Atom]:
    """Two topic tags no probe carries together, as one atom that matches either ("tag in
    {engraving, engraving-cost}"): a rule about one subject is often probed under two tags
    (asking for the service, asking what it costs), and a bound on an amount scoped to only
    one of them leaves out the other's changed probes while the bound alone takes in the
    customers of every other topic. Only tags that each carry a probe of the `changed` mask:
    a tag without one adds only others, and would let a bound escape `_fitted_to_one`
    ("1 < party_size < 3 and tag in {pets, tour}"). Named by its first tag, its value the two
    tags."""
    tags = [atom for atom in atoms if atom.op == "tag" and atom.mask & changed]
    pairs: list[_Atom] = []
    for first, second in combinations(tags, 2):
        if first.mask & second.mask:
            continue
        name = f"{first.feature}|{second.value}"
        rank = (0, len(name), name)
        pairs.append(
            _Atom(first.feature, "tag", (first.value, second.value), first.mask | second.mask, rank)
        )
    return pairs


def _preference(
    atom: _Atom,
) -> tuple[tuple[int, int, str], bool, bool, bool, bool, bool, bool]:
    return (
        atom.rank,
        not atom.stated,
        atom.beside,
        atom.named,
        not atom.worded,
        atom.ranged,
        not atom.said,
    )


def _across(
    atom: _Atom,
) -> tuple[bool, int, bool, tuple[int, int, str], bool, bool, bool, bool, bool, bool]:
    """Of atoms on other variables that split the probes alike: the threshold the changed
    sentences state in the variable's own unit, then the probe's own variables and tags
    before fixtures, each with any but a cut no prompt sentence states (`hours > 0` beside
    `tag:booking`: a value the probes happen to have, where a topic or a category names what
    the conversations are about), then the simplest name."""
    own = atom.stated and atom.own_unit and not atom.beside
    return (
        not own,
        atom.rank[0],
        atom.numeric and not atom.stated,
        atom.rank,
        not atom.stated,
        atom.beside,
        atom.named,
        not atom.worded,
        atom.ranged,
        not atom.said,
    )


def _interval(first: _Atom, second: _Atom) -> bool:
    """Two bounds on one variable that leave a range between them."""
    if first.feature != second.feature or not (first.numeric and second.numeric):
        return False
    if (first.op in _LOWER) == (second.op in _LOWER):
        return False
    low, high = (first, second) if first.op in _LOWER else (second, first)
    return bool(low.value < high.value)


def _compatible(used: Sequence[_Atom], atom: _Atom) -> bool:
    same = [other for other in used if other.feature == atom.feature]
    if not same:
        return True
    if any(other is atom for other in same):
        return False
    return len(same) == 1 and _interval(same[0], atom)


# the search -------------------------------------------------------------------------------

_Candidate = tuple[float, int, tuple[_Atom, ...], int, int]
"""(score, primitive atoms, atoms, changed matched mask, others matched mask)."""


def _penalty(used: Sequence[_Atom]) -> float:
    """A small price for each extra variable and numeric threshold (of equally clean rules the
    simplest reads best) and a smaller reward for thresholds the prompt states."""
    features = {used[0].feature}
    cost = used[0].cost
    for atom in used[1:]:
        features.add(atom.feature)
        cost += atom.cost
    return cost + 0.01 * (len(features) - 1)


def _search(
    atoms: Sequence[_Atom], positive: int, total_p: int, total_n: int, *, keep: bool = True
) -> tuple[list[_Candidate], list[float]]:
    """Every candidate rule scored for the changed probes in `positive`, best first (when
    `keep`), and the best score per rule size (1, 2, 3 atoms: at most that many)."""
    negative_all = ((1 << (total_p + total_n)) - 1) & ~positive
    scale_p, scale_n = 1 / total_p, (1 / total_n if total_n else 0.0)
    best = [float("-inf")] * 4
    candidates: list[_Candidate] = []
    split: dict[int, tuple[int, int]] = {}
    for atom in atoms:
        p, n = atom.mask & positive, atom.mask & negative_all
        split[id(atom)] = (p, n)
        if p:
            value = p.bit_count() * scale_p - n.bit_count() * scale_n - _penalty((atom,))
            best[1] = max(best[1], value)
            if keep:
                candidates.append((value, 1, (atom,), p, n))
    pool = sorted(
        (a for a in atoms if split[id(a)][0].bit_count() * 2 >= total_p and split[id(a)][1]),
        key=lambda a: (-split[id(a)][0].bit_count(), split[id(a)][1].bit_count(), a.rank),
    )[:_PAIR_POOL]
    pairs: list[_Candidate] = []
    for i, first in enumerate(pool):
        first_p, first_n = split[id(first)]
        for second in pool[i + 1 :]:
            if not _compatible((first,), second):
                continue
            second_p, second_n = split[id(second)]
            p, n = first_p & second_p, first_n & second_n
            if p == 0 or n in (first_n, second_n):
                continue
            ordered: tuple[_Atom, ...] = (
                (first, second) if first.rank <= second.rank else (second, first)
            )
            value = p.bit_count() * scale_p - n.bit_count() * scale_n - _penalty(ordered)
            pairs.append((value, 2, ordered, p, n))
    if pairs:
        best[2] = max(pair[0] for pair in pairs)
    pairs.sort(key=lambda c: -c[0])
    seen: set[frozenset[int]] = set()

    def grow(
        seeds: Sequence[_Candidate], allowed: Callable[[tuple[_Atom, ...], _Atom], bool]
    ) -> list[_Candidate]:
        """Each seed rule with one more atom of the pool that it allows, scored as a rule
        of three (kept in `candidates` when `keep`); every new rule once."""
        grown: list[_Candidate] = []
        for _, _, used, p_seed, n_seed in seeds:
            for extra in pool:
                if not allowed(used, extra):
                    continue
                p, n = p_seed & split[id(extra)][0], n_seed & split[id(extra)][1]
                if p == 0 or n == n_seed:
                    continue
                key = frozenset(id(atom) for atom in (*used, extra))
                if key in seen:
                    continue
                seen.add(key)
                ordered = tuple(sorted((*used, extra), key=lambda a: a.rank))
                value = p.bit_count() * scale_p - n.bit_count() * scale_n - _penalty(ordered)
                best[3] = max(best[3], value)
                grown.append((value, 3, ordered, p, n))
                if keep:
                    candidates.append((value, 3, ordered, p, n))
        return grown

    triples = grow([c for c in pairs if c[4]][:_TRIPLE_SEEDS], _compatible)
    # a range closes a rule of three: "plan = resident and region = north and 4 <= hours < 12"
    # is three conditions, the range one of them, though four thresholds
    closing = sorted((c for c in triples if c[4]), key=lambda c: -c[0])[:_TRIPLE_SEEDS]
    grow(
        closing,
        lambda used, extra: (
            any(_interval(extra, atom) for atom in used) and _compatible(used, extra)
        ),
    )
    best[2] = max(best[1], best[2])
    best[3] = max(best[2], best[3])
    if keep:
        candidates += pairs
        candidates.sort(key=lambda c: (-c[0], c[1], [a.rank for a in c[2]]))
    return candidates, best


def _null_scores(
    atoms: Sequence[_Atom], total_p: int, total_n: int, seed: int
) -> dict[int, list[float]]:
    """Per rule size (1 to 3 atoms): the best score the search finds when the changed probes
    are drawn at random, once per permutation."""
    rng = random.Random(seed)
    null: dict[int, list[float]] = {1: [], 2: [], 3: []}
    indexes = list(range(total_p + total_n))
    for _ in range(_PERMUTATIONS):
        positive = sum(1 << index for index in rng.sample(indexes, total_p))
        _, best = _search(atoms, positive, total_p, total_n, keep=False)
        for size in null:
            null[size].append(best[size])
    return null


def _whole_features(probes: Sequence[ProbeVerdict]) -> frozenset[str]:
    """The numeric variables every probe gives as a whole number (a count, a position)."""
    seen: dict[str, bool] = {}
    for probe in probes:
        for name, value in probe.features.items():
            number = _number(value)
            if number is not None:
                seen[name] = seen.get(name, True) and number.is_integer()
    return frozenset(name for name, whole in seen.items() if whole)


def _one_whole_number(low: _Atom, high: _Atom) -> int | None:
    """The one whole number a band of the probes' own values holds (`1 < n <= 2` is 2), or
    None: a band the prompt states keeps its numbers ("from the 2nd floor" to "the 3rd")."""
    if low.stated or high.stated or low.dated or high.dated:
        return None
    first = math.floor(low.value) + 1 if low.op == ">" else math.ceil(low.value)
    last = math.ceil(high.value) - 1 if high.op == "<" else math.floor(high.value)
    return first if first == last else None


def _rule(
    used: Sequence[_Atom], whole: frozenset[str] = frozenset()
) -> tuple[tuple[Atom, ...], str]:
    """The rule as atoms and as text; two bounds on one variable are one interval atom, or,
    on a variable of whole numbers (`whole`) where the interval holds one, that number."""
    atoms: list[Atom] = []
    texts: list[str] = []
    done: set[int] = set()
    for atom in used:
        if id(atom) in done:
            continue
        partner = next(
            (other for other in used if other is not atom and _interval(atom, other)), None
        )
        if partner is not None:
            done.add(id(partner))
            low, high = (atom, partner) if atom.op in _LOWER else (partner, atom)
            single = _one_whole_number(low, high) if atom.feature in whole else None
            if single is not None:
                atoms.append(Atom(atom.feature, "=", single))
                texts.append(f"{atom.feature} = {single}")
                continue
            low_in, high_in = low.op == ">=", high.op == "<="
            atoms.append(
                Atom(
                    atom.feature,
                    "between",
                    low=_bound_value(low),
                    high=_bound_value(high),
                    low_inclusive=low_in,
                    high_inclusive=high_in,
                )
            )
            texts.append(
                f"{_shown_bound(low)} {'<=' if low_in else '<'} {atom.feature} "
                f"{'<=' if high_in else '<'} {_shown_bound(high)}"
            )
            continue
        if atom.op == "tag" and isinstance(atom.value, tuple):
            atoms.append(Atom(atom.feature, "tag", tuple(atom.value)))
            texts.append(f"tag in {{{', '.join(atom.value)}}}")
        elif atom.op == "tag":
            atoms.append(Atom(atom.feature, "tag"))
            texts.append(f"tag {atom.value}")
        elif atom.numeric:
            atoms.append(Atom(atom.feature, atom.op, _bound_value(atom)))
            texts.append(f"{atom.feature} {atom.op} {_shown_bound(atom)}")
        elif atom.op == "in":
            atoms.append(Atom(atom.feature, "in", tuple(atom.value)))
            texts.append(f"{atom.feature} in {{{', '.join(atom.value)}}}")
        else:
            atoms.append(Atom(atom.feature, "=", atom.value))
            texts.append(f"{atom.feature} = {_category(atom.value)}")
    return tuple(atoms), " and ".join(texts)


def _bound_value(atom: _Atom) -> Any:
    """A threshold as a condition states it: the number, or a date's ISO form."""
    return date.fromordinal(int(atom.value)).isoformat() if atom.dated else atom.value


def _shown_bound(atom: _Atom) -> str:
    return str(_bound_value(atom)) if atom.dated else _show(atom.value)


def _bands(
    probes: Sequence[ProbeVerdict], moved: Sequence[tuple[Boundary, Boundary]]
) -> list[tuple[_Atom, _Atom]]:
    """Per numeric variable and moved number (`moved_bounds`), the band between its old and
    new value, as two bounds: with the sides the wording gives ("under 8" moved to "under
    10" is `8 <= age < 10`), else both ways."""
    bands: list[tuple[_Atom, _Atom]] = []
    if not moved:
        return bands
    names = sorted({name for probe in probes for name in probe.features})
    for name in names:
        numbers = [_number(probe.features.get(name)) for probe in probes]
        if name.startswith("tag:") or all(number is None for number in numbers):
            continue
        unit = _feature_unit(name)
        rank = (name.count("."), len(name), name)
        for was, now in moved:
            start, end = _convert(was, unit), _convert(now, unit)
            if start is None or end is None:
                continue
            low, high = min(start, end), max(start, end)
            for low_op, high_op in _band_ops(*((was, now) if start <= end else (now, was))):
                atoms: list[_Atom] = []
                for op, value in ((low_op, low), (high_op, high)):
                    mask = 0
                    for index, number in enumerate(numbers):
                        if number is not None and _compare(number, op, value):
                            mask |= 1 << index
                    atoms.append(_Atom(name, op, value, mask, rank, True, worded=True))
                bands.append((atoms[0], atoms[1]))
    return bands


def _band_ops(low: Boundary, high: Boundary) -> list[tuple[str, str]]:
    """The operators of a moved band's two ends, each from its own number's wording: "under
    30 days" moved to "within 60 days" is `30 <= days <= 60` (day 30 was not free and is now,
    day 60 is free now). An end its wording leaves open takes the other end's side; with no
    wording at all both sides are tried, the search's own first (`> low`, `<= high`), so one
    edit reads the same whichever probes it is run on."""

    def side(boundary: Boundary) -> set[str] | None:
        sides = [side for side in _SIDES if side & boundary.ops]
        return sides[0] if len(sides) == 1 else None

    low_side = side(low) or side(high)
    high_side = side(high) or low_side
    if low_side is None or high_side is None:
        return [(">", "<="), (">=", "<")]
    return [(">=" if ">=" in low_side else ">", "<" if "<" in high_side else "<=")]


def _compare(number: float, op: str, value: float) -> bool:
    if op == ">":
        return number > value
    if op == ">=":
        return number >= value
    if op == "<":
        return number < value
    return number <= value


_FLIP = {">": "<=", "<=": ">", ">=": "<", "<": ">="}


def _moved_sides(
    probes: Sequence[ProbeVerdict], bands: Sequence[tuple[_Atom, _Atom]]
) -> list[tuple[_Atom, ...]]:
    """Each end of each moved band as a rule of its own, both ways (`days > 45`, `days <= 45`):
    a number the edit moved bounds the probes past it too (the refusal that now names the
    new window)."""
    sides: dict[tuple[str, str, float], tuple[_Atom, ...]] = {}
    for band in bands:
        for atom in band:
            known = 0
            for index, probe in enumerate(probes):
                if _number(probe.features.get(atom.feature)) is not None:
                    known |= 1 << index
            flipped = replace(atom, op=_FLIP[atom.op], mask=known & ~atom.mask)
            for side in (atom, flipped):
                sides.setdefault((side.feature, side.op, side.value), (side,))
    return list(sides.values())


def _named_by(atom: _Atom, words: frozenset[str]) -> bool:
    """Whether the words an edit changed name the variable of `atom` or, for a category,
    its value ("members" names `membership = member`)."""
    if _names(atom.feature.removeprefix("tag:"), words):
        return True
    return _value_named(atom, words)


def _value_named(atom: _Atom, words: frozenset[str]) -> bool:
    """Whether `atom` is a category whose value the words an edit changed name."""
    if atom.op not in ("=", "in"):
        return False
    values = atom.value if atom.op == "in" else (atom.value,)
    stems = _stems(_NAME_WORD.findall(" ".join(_category(v) for v in values).lower()))
    return any(word.startswith(stem) for word in words for stem in stems)


def _prompt_first(
    candidates: list[_Candidate],
    moved_rules: Sequence[tuple[_Atom, ...]],
    words: frozenset[str],
    total_p: int,
    total_n: int,
    searched: int,
) -> _Candidate | None:
    """The rule the edit states (a moved band, or one side of a moved number) to put before a
    best rule that fits by chance: one no number of the prompt bounds, on variables the
    changed words do not name (an order total that happens to rise with the probes' order,
    under a returns window moved from 30 to 45 days). It takes the lead when it matches as
    many changed probes and chance explains it less well than the rival, each corrected for
    how many rules were tried to find it: the few the edit states against every rule the
    search scored. None when the best rule is itself stated or named, or no stated one is
    as credible."""
    rival = next((c for c in candidates if c[0] > 0), None)
    if rival is None or not moved_rules:
        return None
    _, _, rival_atoms, rival_p, rival_n = rival
    if any(atom.stated or _named_by(atom, words) for atom in rival_atoms):
        return None
    positive = (1 << total_p) - 1
    matched = rival_p.bit_count()
    rival_chance = fisher_exact(
        matched, total_p - matched, rival_n.bit_count(), total_n - rival_n.bit_count()
    )
    scored: list[tuple[float, float, _Candidate]] = []
    masks: set[int] = set()
    for rule in moved_rules:
        mask = rule[0].mask
        for atom in rule[1:]:
            mask &= atom.mask
        masks.add(mask)
        p, n = mask & positive, mask & ~positive
        if p.bit_count() < matched:
            continue
        others = n.bit_count()
        chance = fisher_exact(p.bit_count(), total_p - p.bit_count(), others, total_n - others)
        value = p.bit_count() / total_p - (others / total_n if total_n else 0.0)
        scored.append((chance, -value, (value - _penalty(rule), len(rule), rule, p, n)))
    hypotheses = len(masks)
    scored = [
        item
        for item in scored
        if item[0] * hypotheses <= min(SIGNIFICANCE, rival_chance * searched)
    ]
    if not scored:
        return None
    scored.sort(key=lambda item: (item[0], item[1], [a.rank for a in item[2][2]]))
    return scored[0][2]


def _key(atom: _Atom) -> tuple[str, str, Any, int]:
    """What makes two atoms one rule: the bound and the probes it matches."""
    return (atom.feature, atom.op, atom.value, atom.mask)


def _mask(rule: Sequence[_Atom]) -> int:
    mask = -1
    for atom in rule:
        mask &= atom.mask
    return mask


def _named_bands(
    atoms: Sequence[_Atom],
    bands: Sequence[tuple[_Atom, _Atom]],
    words: frozenset[str],
    positive_mask: int = 0,
) -> list[tuple[_Atom, ...]]:
    """Each moved band with each category the moved sentence names, on another variable:
    "Brass hires include 1 free swap per term" beside "2 free swaps per term" states
    `category = brass and 1 <= swaps_used < 2` before any probe runs, so it is tested as one
    of the few rules the edit states (a category the search would only find among many).

    A band within the topic every changed probe is filed under is one too: a bound moved
    from 10 to 8 changes the groups of 9 and 10 that ask about what the rule is for, not
    those of the same size asking about something else (`tag booking and 8 < size <= 10`),
    the way one side of a moved number is read within that topic."""
    named = [
        atom
        for atom in atoms
        if _value_named(atom, words)
        or _stated_beside(atom, words)
        # a set of three or more values is built only where the words name it (`_named_set`)
        or (atom.op == "in" and len(atom.value) > 2)
    ]
    # the topic the sentence names ("swap" names `tag:swaps`) keeps out the probes of other
    # topics that share the category and the count (a brass hirer asking about repairs);
    # so does a topic every changed probe shares (a single tag, not a pair)
    topics = [
        atom
        for atom in atoms
        if atom.op == "tag"
        and (
            _named_by(atom, words)
            or (
                bool(positive_mask)
                and not isinstance(atom.value, tuple)
                and atom.mask & positive_mask == positive_mask
            )
        )
    ]
    rules: list[tuple[_Atom, ...]] = []
    for low, high in bands:
        # the topic alone with the band: a limit moved in a tool's schema names the tool's
        # topic ("renew_loan") and no category (every loan renewed three times)
        rules += [tuple(sorted((topic, low, high), key=lambda a: a.rank)) for topic in topics]
        for category in named:
            if category.feature == low.feature or (
                category.numeric and _number(category.value) in (low.value, high.value)
            ):
                continue  # the moved number on a fixture that echoes the variable
            for topic in [None, *topics]:
                used = (category, low, high) if topic is None else (topic, category, low, high)
                rules.append(tuple(sorted(used, key=lambda a: a.rank)))
    return rules


def _kept_ends(
    probes: Sequence[ProbeVerdict], moved: Sequence[tuple[Boundary, Boundary]]
) -> list[tuple[tuple[_Atom, _Atom], _Atom]]:
    """Each band (`_bands`) of a move whose old number the new sentence still states with the
    same comparison (`Boundary.kept`), with each of its ends: the old number ends the band
    past a lowered limit, the new one past a limit raised for some ("30 days on every plan"
    -> "30 days on Personal, 90 days on Business": past 90 both refuse), where the two are
    stated in the variable's own unit (a bare number beside a count may be another thing's:
    "amount 60" of a charge beside "under 300 copies"), and some probe lies in the band."""
    ends: list[tuple[tuple[_Atom, _Atom], _Atom]] = []
    for was, now in moved:
        if not was.kept:
            continue
        for band in _bands(probes, [(was, now)]):
            if not band[0].mask & band[1].mask:
                # no probe lies between the two numbers: a charge moved from £4.95 to £8.95
                # in the unit of order totals that are all higher bounds no total
                continue
            unit = _feature_unit(band[0].feature)
            old = _convert(was, unit)
            # the new number ends the band only for a value restated for the rest ("30 days"
            # on every plan), not a threshold kept with its comparison ("free over $40"),
            # which any other number of the sentence would otherwise be paired with
            own = bool(unit) and was.unit == now.unit != "" and not was.ops
            # a bare count kept for the rest ends at the new number on a variable counting
            # what it counts (`guest_passes_used` of "2 guest passes a month")
            own = own or (
                not unit
                and was.unit == now.unit == ""
                and _name_holds(band[0].feature, was.counted)
            )
            ends += [(band, end) for end in band if own or end.value == old]
    return ends


def _with_band_ends(
    candidates: list[_Candidate], ends: Sequence[tuple[tuple[_Atom, _Atom], _Atom]]
) -> list[_Candidate]:
    """`candidates` with a moved band's far end added to each rule that holds its other end
    and matches the same probes with it, where the far end is the old number the new sentence
    keeps for everyone else: "up to 20 people" moved to "up to 20 people from Monday to Friday
    and up to 15 people on Saturdays and Sundays" changes parties of 16 to 20 alone (past 20,
    both versions refuse), so `party_size > 15` with no probe past 20 is the band
    `15 < party_size <= 20` the edit states, not an open side. A limit that is only moved
    ("from 4am" -> "from 5am", "up to 4" -> "up to 6") keeps its open side. A limit raised for
    some while the old number stays for the rest ends at the new number the same way: the rule
    `version_age_days > 30` on Business under "30 days on Personal, 90 days on Business" is
    `30 < version_age_days <= 90`. The rule keeps its
    place: the end is a number it already implies for these probes, not a price for a better
    fit."""
    if not ends:
        return candidates
    extended: list[_Candidate] = []
    for value, size, used, p, n in candidates:
        for band, other in ends:
            held = [end for end in band if any(_same_bound(end, atom) for atom in used)]
            if len(held) != 1 or held[0] is other:
                continue
            sides = _LOWER if other.op in _LOWER else ("<", "<=")
            if any(a.feature == other.feature and a.op in sides for a in used):
                continue
            if other.mask & (p | n) != p | n:
                continue
            used = tuple(sorted((*used, other), key=lambda a: a.rank))
        extended.append((value, size, used, p, n))
    return extended


def _same_bound(first: _Atom, second: _Atom) -> bool:
    return (first.feature, first.op, first.value) == (second.feature, second.op, second.value)


def _stated_beside(atom: _Atom, words: frozenset[str]) -> bool:
    """Whether `atom` is a bound a changed sentence states, in its own wording, on a variable
    its words name: "Parcels over 5 kg … only for bookings made before noon" moves the cut-off
    from 2pm to noon for `parcel_kg > 5` alone, so that bound is one of the edit's own."""
    return (
        atom.numeric
        and atom.stated
        and atom.said
        and not atom.beside
        and not atom.named
        and (_names(atom.feature, words))
    )


def _fitted_to_one(atoms: Sequence[_Atom], p: int, n: int, positive_mask: int) -> bool:
    """A threshold no prompt sentence states, added to a rule only to leave out one unchanged
    probe: any variable whose values differ has a cut beside a single probe ("nights <= 5"
    under "dog = true and pitch in {pod, tent}"), so it tells the rule nothing. A cut between
    none and some of a count (`dogs >= 1`: the one probe left out asks with no dog) is no
    such cut: having none is a case of its own, whatever the probes happen to hold."""
    if len(atoms) < 2:
        return False
    for atom in atoms:
        if not atom.numeric or atom.stated or atom.some:
            continue
        rest = -1
        for other in atoms:
            if other is not atom:
                rest &= other.mask
        if rest & positive_mask == p and (rest & ~positive_mask & ~n).bit_count() == 1:
            return True
    return False


def _value_said(atom: _Atom, said: frozenset[str]) -> bool:
    """Whether `atom` is one value of a category whose every word the changed prompt
    sentences say (`item_condition = opened-unused` beside "opened but unused"): two words at
    least, or one of five letters or more, so a bare "no" or "yes" names no value."""
    if atom.op != "=" or not said or isinstance(atom.value, bool):
        return False
    words = _stems(_NAME_WORD.findall(str(atom.value).lower()))
    if not words or not words <= said:
        return False
    return len(words) >= 2 or any(len(word) >= 5 for word in words)


def said_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of the prompt's changed sentences (old and new), as `_names` reads them."""
    return frozenset(_stems(_NAME_WORD.findall(" ".join(texts).lower())))


def _loosely_names(name: str, words: frozenset[str]) -> bool:
    """Whether `words` say a word of the variable's name, or its stem ("cancel" says
    `weather_cancelled`): one word starts the other, five letters at least."""
    own = _stems(_NAME_WORD.findall(name.lower().rsplit(".", 1)[-1])) - _NOT_NAME_STEMS
    for stem in own:
        for word in words:
            short, long = sorted((stem, word), key=len)
            if len(short) >= 5 and long.startswith(short):
                return True
    return False


def _scoped_by_named_value(
    condition: Condition,
    probe_ids: Sequence[str],
    verdicts: Sequence[ProbeVerdict],
    said: frozenset[str],
) -> Condition:
    """A clean condition of topic tags alone, stated with the one value of a probe variable
    the changed sentences name that every changed probe has: a tag says what the customer
    asked about, the variable whom the rule is for ("If we cancel on the day because of rain"
    beside `weather_cancelled = true`); a probe's own variable, not a tool's result
    (`open_ticket.area_outage`). It takes the tag's place when it alone matches no
    other probe; else it is stated with it (the same probes matched). Left as it is when no
    such value, or more than one, is found, or when half the other probes or more have it
    too (a value most customers have picks no one out: `first_order = false`). Where the
    changed sentences name no such variable, a flag raised (`true`) on every changed probe
    is stated beside the tag, never in its place ("Renewals are now made online"
    beside `unpaid_fines = true`, filed under a renewal tag): a raised flag is whom the suite's
    author says the case is about, but nothing the prompt says bounds it to the topic; where
    every probe filed under the tag has it, it is marked as the tag's label (`Atom.tag_label`).

    A clean condition of tags and bounds ("price <= 30 and tag no-receipt") gets the value
    stated beside them only when every probe filed under one of its tags has it: the tag is
    then the probe author's label for that value ("has_receipt = false"), which is what the
    agent reads; it stays (the value alone may take in other topics' probes), and the value is
    marked as its label (`Atom.tag_label`), so a class rule counting the condition's
    predicates (`model.rule_atoms`) counts the bound alone."""
    tags = [atom for atom in condition.atoms if atom.op == "tag"]
    # topic tags alone that take in another probe too ("tag wristband" and a question on when
    # a replacement arrives) still get the value the changed sentences name stated beside
    # them: the rule is for that value, whatever else the tag holds
    loose = len(tags) == len(condition.atoms) and condition.matched_changed == condition.changed
    if not said or not (_clean(condition) or loose):
        return condition
    mixed = len(tags) < len(condition.atoms)
    if not tags:
        return condition
    wanted = set(probe_ids)
    positive = [v for v in verdicts if v.probe_id in wanted]
    negative = [v for v in verdicts if v.probe_id not in wanted and v.verdict != "inconclusive"]
    found: list[tuple[str, Any, int]] = []
    raised: list[tuple[str, Any, int]] = []
    for name in sorted(positive[0].features if positive else ()):
        if name.startswith("tag:") or "." in name:
            continue  # a tool's result is what its call returns, not whom a rule is for
        if identifier_variable(name):
            continue  # a reference or a name tells probes apart; no rule is for its value
        value = positive[0].features[name]
        # the variable's name; for topic tags that take in another probe too, its value in
        # words ("replacement" of `request_type`)
        named = _loosely_names(name, said) or (
            not _clean(condition)
            and isinstance(value, str)
            and bool(_stems(_NAME_WORD.findall(value.replace("_", " ").lower())) & said)
        )
        if not named and value is not True:
            continue
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            continue  # a number is bounded, not named by its value
        if any(_category(v.features.get(name)) != _category(value) for v in positive):
            continue
        others = sum(1 for v in negative if _category(v.features.get(name)) == _category(value))
        if 2 * others >= len(negative):
            continue  # most customers have it: the suite's default, not whom the rule picks
        if mixed and not any(_labels_value(tag, name, value, verdicts) for tag in tags):
            continue  # beside a bound, only the value a tag of the rule stands for
        (found if named else raised).append((name, value, others))
    # a flag raised on every changed probe and on fewer than half the others says whom the
    # rule is for even where the changed sentences do not name it (the prompt reads the
    # customer's words, the suite's author filed them under the flag and a topic tag alike):
    # only where no named value is found, and only one such flag
    named = bool(found)
    found = found or raised
    if len(found) != 1:
        return condition
    name, value, others = found[0]
    # beside a bound, the value restates the tag that labels it: no predicate of its own; so
    # does a flag no changed sentence names that every probe filed under the tag has (the
    # suite's author marks the topic with it: it tells no subset of the topic apart)
    label = mixed or (not named and any(_labels_value(tag, name, value, verdicts) for tag in tags))
    atom = Atom(name, "=", value, tag_label=label)
    text = f"{name} = {_category(value)}"
    if others or mixed or not named or not _clean(condition):
        # an unnamed flag never takes the tag's place: the topic still bounds the rule
        return replace(
            condition, atoms=(*condition.atoms, atom), text=f"{condition.text} and {text}"
        )
    return replace(condition, atoms=(atom,), text=text)


def _labels_value(tag: Atom, name: str, value: Any, verdicts: Sequence[ProbeVerdict]) -> bool:
    """Whether every probe filed under the tag atom `tag` has `value` for `name` (one probe at
    least): the tag marks that value."""
    names = tag.value if isinstance(tag.value, tuple) else (tag.feature.removeprefix("tag:"),)
    filed = [v for v in verdicts if any(v.features.get(f"tag:{n}") is True for n in names)]
    return bool(filed) and all(_category(v.features.get(name)) == _category(value) for v in filed)


def find_conditions(
    probe_ids: Sequence[str],
    verdicts: Sequence[ProbeVerdict],
    limit: int = 3,
    boundaries: Sequence[Boundary] = (),
    moved: Sequence[tuple[Boundary, Boundary]] = (),
    said: frozenset[str] = frozenset(),
) -> list[Condition]:
    """The cleanest separations, best first; empty when no feature separates at all.

    `boundaries` are the numbers the prompt diff states (`stated_boundaries`): preferred as
    thresholds where they separate the same probes as the probes' own values. `moved` are
    the numbers its changed sentences moved (`moved_bounds`): the band between old and new
    value on a variable is a hypothesis the edit states before any probe is run, so it is
    corrected only for the few such bands, not for every candidate searched; a change seen
    on two probes can still be bounded by the band the edit moved.

    Two topic tags as one atom (`_topic_pairs`) are searched only when no clean condition
    is found without them, and their answer is taken only when it is clean: they multiply
    the rules searched, and so the evidence a condition needs, for every group that a
    single tag or a bound already explains."""
    found = _find_conditions(probe_ids, verdicts, limit, boundaries, moved, pairs=False, said=said)
    if not (found and _clean(found[0])):
        paired = _find_conditions(
            probe_ids, verdicts, limit, boundaries, moved, pairs=True, said=said
        )
        found = paired if paired and _clean(paired[0]) else found
    if found:
        found[0] = _scoped_by_named_value(found[0], probe_ids, verdicts, said)
    return found


def _find_conditions(
    probe_ids: Sequence[str],
    verdicts: Sequence[ProbeVerdict],
    limit: int,
    boundaries: Sequence[Boundary],
    moved: Sequence[tuple[Boundary, Boundary]],
    *,
    pairs: bool,
    said: frozenset[str] = frozenset(),
) -> list[Condition]:
    wanted = set(probe_ids)
    positive = [v for v in verdicts if v.probe_id in wanted]
    negative = [v for v in verdicts if v.probe_id not in wanted and v.verdict != "inconclusive"]
    if not positive or not any(v.features for v in positive):
        return []
    total_p, total_n = len(positive), len(negative)
    paired = (1 << total_p) - 1 if pairs else 0
    words = frozenset(word for pair in moved for boundary in pair for word in boundary.words)
    # a category or topic the moved sentence keeps names whom the band is for as well
    scope = frozenset(word for pair in moved for boundary in pair for word in boundary.scope)
    atoms = _atoms(
        [*positive, *negative],
        boundaries,
        one_sided_tools(positive),
        paired=paired,
        named=words | scope,
        changed=(1 << total_p) - 1,
        said=said,
    )
    candidates, _ = _search(atoms, (1 << total_p) - 1, total_p, total_n)
    searched = len(candidates)
    bands = _bands([*positive, *negative], moved)
    positive_mask = (1 << total_p) - 1
    for low, high in bands:
        p = low.mask & high.mask & positive_mask
        n = low.mask & high.mask & ~positive_mask
        if p:
            value = p.bit_count() / total_p - (n.bit_count() / total_n if total_n else 0.0)
            candidates.append((value - _penalty((low, high)), 2, (low, high), p, n))
    named_bands = _named_bands(atoms, bands, words | scope, (1 << total_p) - 1)
    for used in named_bands:
        p, n = _mask(used) & positive_mask, _mask(used) & ~positive_mask
        if p:
            value = p.bit_count() / total_p - (n.bit_count() / total_n if total_n else 0.0)
            candidates.append((value - _penalty(used), 3, used, p, n))
    kept_ends = _kept_ends([*positive, *negative], moved)
    candidates = _with_band_ends(candidates, kept_ends)
    candidates.sort(key=lambda c: (-c[0], c[1], [a.rank for a in c[2]]))
    sides = _moved_sides([*positive, *negative], bands)
    moved_rules = [*bands, *sides]
    lead = _prompt_first(candidates, moved_rules, words, total_p, total_n, searched)
    if lead is not None:
        lead = _with_band_ends([lead], kept_ends)[0]
        candidates.insert(0, lead)
    stated_bands: set[tuple[_Atom, ...]] = {*bands, *named_bands}
    # bands that match the same probes (a variable and the fixture that echoes it; both
    # sides of a number no probe sits on) are one hypothesis, corrected for once
    hypotheses = len({_mask(rule) for rule in stated_bands})
    # one side of a moved number alone (`days > 45`: the refusal that now names the new
    # window) is a rule the edit states too, corrected for every such side that sets some
    # probes apart (one matching every probe, or none, separates nothing)
    side_keys = {_key(atom) for side in sides for atom in side}
    every = (1 << (total_p + total_n)) - 1
    side_hypotheses = len({_mask(side) for side in sides} - {0, every})
    # a side of a moved number within the topic every changed probe is filed under (`tag
    # entry and hours > 4`: guests told the new window, not those asking about food): one of
    # the few rules the edit states per topic, corrected for those alone
    shared_tags = [
        atom
        for atom in atoms
        if atom.op == "tag"
        and not isinstance(atom.value, tuple)
        and atom.mask & positive_mask == positive_mask
    ]
    topic_sides = {
        frozenset({_key(tag), *(_key(atom) for atom in side)}): _mask((tag, *side))
        for side in sides
        for tag in shared_tags
        if len(side) == 1 and _mask((tag, *side)) & positive_mask
    }
    topic_hypotheses = len(set(topic_sides.values()) - {0, every})
    # a topic the changed sentences name (`tag:hints` beside "Hints during the game cost £3
    # each"): one of the few tags the edit states, corrected for those alone, so two changed
    # probes filed under it can be told apart from the rest
    named_tags = {
        _key(atom): atom.mask
        for atom in atoms
        if atom.op == "tag" and not isinstance(atom.value, tuple) and _names(atom.feature[4:], said)
    }
    tag_hypotheses = len(set(named_tags.values()) - {0, every})
    # a value of a probe variable the changed sentences name in full ("opened but unused" for
    # `item_condition = opened-unused`), alone or within a topic tag: one of the few rules the
    # edit states, corrected for those alone (every such value, with or without each tag)
    said_values = [atom for atom in atoms if _value_said(atom, said)]
    tags = [atom for atom in atoms if atom.op == "tag" and not isinstance(atom.value, tuple)]
    value_hypotheses = len(said_values) * (1 + len(tags))
    null: dict[int, list[float]] | None = None
    conditions: list[Condition] = []
    used_masks: set[tuple[int, int]] = set()
    whole = _whole_features([*positive, *negative])
    for value, size, atoms_used, p, n in candidates:
        if value <= 0 or (p, n) in used_masks:
            continue
        if not (lead is not None and atoms_used is lead[2]) and _fitted_to_one(
            atoms_used, p, n, positive_mask
        ):
            continue
        matched, others = p.bit_count(), n.bit_count()
        chance = fisher_exact(matched, total_p - matched, others, total_n - others)
        if lead is not None and atoms_used is lead[2]:
            pass  # tested against the rules the edit states (`_prompt_first`)
        elif atoms_used in stated_bands:
            if chance * hypotheses > SIGNIFICANCE:
                continue
        elif len(atoms_used) == 1 and _key(atoms_used[0]) in side_keys:
            if chance * side_hypotheses > SIGNIFICANCE:
                continue
        elif (
            len(atoms_used) == 2
            and frozenset(_key(atom) for atom in atoms_used) in topic_sides
            and chance * topic_hypotheses <= SIGNIFICANCE
        ):
            pass  # a side of a moved number within the changed probes' topic
        elif (
            len(atoms_used) == 1
            and _key(atoms_used[0]) in named_tags
            and chance * tag_hypotheses <= SIGNIFICANCE
        ):
            pass  # the topic the changed sentences name
        elif (
            p == positive_mask
            and not n
            and any(_value_said(atom, said) for atom in atoms_used)
            and all(_value_said(atom, said) or atom.op == "tag" for atom in atoms_used)
            and chance * value_hypotheses <= SIGNIFICANCE
        ):
            pass  # a value the changed sentences name, alone or within a topic
        elif chance * searched > SIGNIFICANCE:
            if total_p + total_n > _PERMUTATION_LIMIT or total_p < 3:
                continue
            if null is None:
                seed = zlib.crc32("\n".join(sorted(wanted)).encode())
                null = _null_scores(atoms, total_p, total_n, seed)
            as_good = sum(1 for score in null[size] if score >= value - 1e-9)
            if (1 + as_good) / (1 + _PERMUTATIONS) > SIGNIFICANCE:
                continue
        used_masks.add((p, n))
        atom_data, text = _rule(atoms_used, whole)
        conditions.append(
            Condition(
                text=text,
                atoms=atom_data,
                matched_changed=matched,
                changed=total_p,
                matched_others=others,
                others=total_n,
            )
        )
        if len(conditions) >= limit:
            break
    return conditions


# one group, several causes -----------------------------------------------------------------

_SPLIT_TRIES = 8
"""Distinct parts of a group tried as the first of a split (the best-scored first)."""


def _clean(condition: Condition) -> bool:
    """Every changed probe matched and no other one."""
    return condition.matched_changed == condition.changed and condition.matched_others == 0


def split_by_conditions(
    probe_ids: Sequence[str],
    verdicts: Sequence[ProbeVerdict],
    boundaries: Sequence[Boundary] = (),
    moved: Sequence[tuple[Boundary, Boundary]] = (),
) -> list[list[str]]:
    """Two parts of one group of changed probes that two conditions explain and no one
    condition does: a rule made stricter in two ways at once (a shorter window, and a photo
    now required) drops the same action for two sets of customers, each with its own reason.
    Each part must have a clean, significant condition of its own (all its probes matched,
    none else: the other part's probes count as others), and the group as a whole none.
    [] when one condition explains the group, or no such split exists."""
    whole = find_conditions(probe_ids, verdicts, 1, boundaries, moved)
    if whole and _clean(whole[0]):
        return []
    wanted = set(probe_ids)
    positive = [v for v in verdicts if v.probe_id in wanted]
    negative = [v for v in verdicts if v.probe_id not in wanted and v.verdict != "inconclusive"]
    total_p, total_n = len(positive), len(negative)
    if total_p < 4 or not any(v.features for v in positive):
        return []
    atoms = _atoms([*positive, *negative], boundaries, one_sided_tools(positive))
    candidates, _ = _search(atoms, (1 << total_p) - 1, total_p, total_n)
    full = (1 << total_p) - 1
    # a part that one rule matches alone (the photo not sent), then a part that one
    # predicate sets apart from the rest of the group (the hours past the new window)
    # (the best such predicate of each variable and operator: thresholds of one variable a
    # step apart split the group alike)
    parts = [matched for _, _, _, matched, others in candidates if not others]
    kinds: set[tuple[str, str]] = set()
    for _, size, used, matched, _ in candidates:
        if size == 1 and (used[0].feature, used[0].op) not in kinds:
            kinds.add((used[0].feature, used[0].op))
            parts.append(matched)
    tried: set[int] = set()
    for matched in parts:
        # at least two probes on each side; a part and the rest are one split
        if matched in tried or matched.bit_count() < 2 or (full & ~matched).bit_count() < 2:
            continue
        tried |= {matched, full & ~matched}
        first = [v.probe_id for i, v in enumerate(positive) if matched >> i & 1]
        second = [v.probe_id for i, v in enumerate(positive) if not matched >> i & 1]
        if all(
            (found := find_conditions(part, verdicts, 1, boundaries, moved)) and _clean(found[0])
            for part in (first, second)
        ):
            return sorted((first, second), key=len, reverse=True)
        if len(tried) >= 2 * _SPLIT_TRIES:
            break
    return []


def moved_spans(name: str, moved: Sequence[tuple[Boundary, Boundary]]) -> list[tuple[float, float]]:
    """The spans (low, high) between the old and the new value of each number the edit moved
    (`moved_bounds`), in the unit of the variable `name`; none where a moved number cannot be
    one of its values (a price beside a count of days), and none on a variable of no unit
    that the moved number does not count: a count's span goes to a variable whose name holds
    what it counts (`books_on_loan` of "5 books", `Boundary.counted`), a number with a unit
    ("2 hours") to no unitless variable but one whose name holds its words, a bare number
    with nothing counted to one its sentence names (`Boundary.scope`)."""
    if name.startswith("tag:"):
        return []
    unit = _feature_unit(name)
    spans: list[tuple[float, float]] = []
    for was, now in moved:
        if not unit and not _counts_in(name, was, now):
            continue
        start, end = _convert(was, unit), _convert(now, unit)
        if start is None or end is None or start == end:
            continue
        span = (min(start, end), max(start, end))
        if span not in spans:
            spans.append(span)
    return spans


def _counts_in(name: str, was: Boundary, now: Boundary) -> bool:
    """Whether a variable of no unit is what a moved number counts (`moved_spans`)."""
    counted = was.counted | now.counted
    if counted:
        return _name_holds(name, counted)
    if was.unit or now.unit:
        return False  # "2 hours" on a count of nothing named: not its values
    return _name_holds(name, was.scope | now.scope)


def number_of(value: Any) -> float | None:
    """A probe variable's value as a number (`_number`), or None."""
    return _number(value)
