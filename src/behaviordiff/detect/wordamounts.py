"""Money and shares said in other words than the prompt's digits: "fifty pounds" and "50 GBP"
for £50, "seventy-five dollars" for $75, "a quarter of your fare" for 25%, "half of it" for
50%.

A prompt states a price or a share in digits ("£50", "25%"); a knowledge base often says the
same amount the way people say it. Finding reads a KB sentence stating the old amount in any of
these forms as stating it (`rules.where_stated`), and writing says the new amount the same way
("fifty pounds" → "seventy-five pounds", "a quarter of" → "half of"), or in the prompt's digits
where words cannot say it.

Only amounts with their currency said (a word or an ISO code) are money: a bare "fifty" is a
count, and "pounds" of weight ("weigh up to fifty pounds", "fifty pounds of flour") is no
price. A share in words is one only before "of" and an amount of money ("a quarter of your
fare", "half of it"); "a quarter of an hour" is time (`quantities`) and "a quarter of our
customers" a statistic, never 25%.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import CARDINALS, number_words

__all__ = [
    "DAY_NAMES",
    "DAY_SETS",
    "MONEY_WORDS",
    "SHARE_WORDS",
    "DaySet",
    "day_set_in_words",
    "day_set_written_like",
    "day_sets_said",
    "day_span_words",
    "days_moved",
    "money_in_words",
    "money_written_like",
    "names_days",
    "numbers_said",
    "rate_units",
    "read_day_set",
    "same_rate",
    "share_in_words",
    "share_percent",
    "share_written_like",
    "shares_said",
    "spoken_number",
]

_NUMBER_WORDS = sorted([*CARDINALS, "thousand"], key=len, reverse=True)
_WORD = r"(?:" + "|".join(_NUMBER_WORDS) + r")"
_SPOKEN = (
    rf"(?:(?:an?|one)[\s-]{{1,3}})?{_WORD}(?:(?:[\s-]{{1,3}}|\s{{1,3}}and\s{{1,3}}){_WORD}){{0,5}}"
)
"""A number in words, up to six words long ("seventy-five", "a hundred", "two hundred and
fifty", "one thousand"): bounded, each step a whole word and each gap a few characters."""
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"

_CURRENCY_WORDS = {
    "£": r"pounds?(?:\s+sterling)?|quid",
    "$": r"dollars?|bucks",
    "€": r"euros?",
}
_CODES = {"£": "GBP", "$": "USD|AUD|CAD|NZD|SGD|HKD", "€": "EUR"}
_MINOR = r"pence|p|cents?"
_SAID_CURRENCY = re.compile(
    rf"\b(?:{'|'.join(_CURRENCY_WORDS.values())}|{'|'.join(_CODES.values())})\b"
    r"|(?<=\d)(?:GBP|USD|AUD|CAD|NZD|SGD|HKD|EUR)\b",
    re.I,
)
"""A currency word or code anywhere: `money_in_words` runs its pattern only where one is."""

MONEY_WORDS = re.compile(
    rf"(?<![\w$€£.,-])(?P<count>{_DIGITS}|{_SPOKEN})\s{{1,3}}"
    rf"(?P<word>{'|'.join(_CURRENCY_WORDS.values())})\b"
    rf"(?:\s{{1,3}}(?:and\s{{1,3}})?(?P<minor>\d{{1,2}}|{_WORD}(?:[\s-]{_WORD})?)\s*(?:{_MINOR})\b)?"
    rf"|(?<![\w$€£])(?P<code>{'|'.join(_CODES.values())})\s?(?P<coded>{_DIGITS})(?![\d,]*\d)"
    rf"|(?<![\w$€£.,])(?P<before>{_DIGITS})\s?(?P<code2>{'|'.join(_CODES.values())})\b",
    re.I,
)
"""An amount of money with its currency said in words or as a code, not a symbol: "fifty
pounds", "50 pounds", "four pounds and 50 pence", "seventy-five dollars", "GBP 50", "50 EUR"."""

_SHARES = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "two fifths": 40.0,
    "two-fifths": 40.0,
    "three fifths": 60.0,
    "three-fifths": 60.0,
    "four fifths": 80.0,
    "four-fifths": 80.0,
    "a tenth": 10.0,
    "one tenth": 10.0,
    "three tenths": 30.0,
    "three-tenths": 30.0,
    "seven tenths": 70.0,
    "seven-tenths": 70.0,
    "nine tenths": 90.0,
    "nine-tenths": 90.0,
    "an eighth": 12.5,
    "one eighth": 12.5,
}
_PARTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_PARTS |= {"nine": 9}
_WHOLES = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_IN_EVERY = rf"(?:{'|'.join(_PARTS)})\s+in\s+(?:every\s+)?(?:{'|'.join(_WHOLES)})"
"""A share as parts in a whole ("three in ten", "one in every five"): read only before "of" and
an amount of money, never a countable thing ("three in ten of every pound you spend", not "one
in five of our tickets")."""
_PAID = (
    r"(?:fares?|fees?|prices?|costs?|charges?|refunds?|deposits?|amounts?|bills?|totals?|"
    r"balances?|payments?|value|rent|hire|tickets?|subscriptions?|orders?|excess|premiums?|"
    r"sums?|money|spend|bookings?)\b"
)
"""What a share in words is a share of: an amount of money ("fare", "fee", "hire")."""
_AMOUNT = (
    r"(?:fares?|fees?|prices?|costs?|charges?|deposits?|amounts?|bills?|totals?|balances?|"
    r"payments?|value|spend|pounds?|dollars?|euros?|money|sums?)\b"
)
"""An amount of money, never a countable thing ("tickets", "orders", "bookings"): what parts
of a whole ("three in ten of every pound") are read of: "one in five of our tickets" is a
statistic."""
# every share in words, longest first, its spaces loose
_SHARE_ALT = "|".join(
    re.escape(share).replace(r"\ ", r"\s{1,3}") for share in sorted(_SHARES, key=len, reverse=True)
)
_SHARE_VERBS = (
    "refund", "refunds", "keep", "keeps", "retain", "retains", "charge", "charges", "return",
    "returns", "get", "gets", "lose", "loses", "forfeit", "forfeits", "pay", "pays",
)  # fmt: skip
"""Verbs of paying or keeping money: a share right after one, ending the clause, is a share
of the money the sentence is about ("we refund three quarters.")."""
SHARE_WORDS = re.compile(
    r"(?<![\w-])(?=(?:a|an|one|two|three|four|five|six|seven|eight|nine|half)\b)"
    r"(?:(?P<half>half)(?=\s+(?:the|your|their|its|our|his|her|this|that)\b)"
    r"|(?P<share>"
    # a line may break inside a share ("a\ntenth of"): any run of spaces between its words
    + "|".join(
        re.escape(share).replace(r"\ ", r"\s{1,3}")
        for share in sorted(_SHARES, key=len, reverse=True)
    )
    + r")\s+of\b"
    r"(?=\s+(?:it|that|this|them|what)\b"
    r"|\s+(?:(?:the|your|their|its|our|his|her|this|that|each|every|any|an?|one)\s+)?"
    r"(?:[\w'-]{1,30}\s+){0,2}?"
    + _PAID
    + r")"
    # a share right after a verb of paying it, ending its clause: "we refund three quarters.",
    # "we keep a tenth, and …", "you get half back"
    + r"|(?:"
    + "|".join(rf"(?<=\b{verb} )" for verb in _SHARE_VERBS)
    # or a share taken off a price, whatever verb takes it: "we take a tenth off"
    + r"|(?=(?:"
    + _SHARE_ALT
    + r")\s+off\b(?!-))"
    + r")(?P<owned>"
    + _SHARE_ALT
    + r")(?=\s*(?:[.,;:!?)]|$)|\s+back\b|\s+off\b(?!-))"
    r"|(?P<parts>" + _IN_EVERY + r")\s+of\b"
    r"(?=\s+(?:the|your|each|every)\s+(?:[\w'-]{1,30}\s+){0,2}?" + _AMOUNT + r"))",
    re.I,
)
"""A share in words: before the amount it is a share of ("a quarter of your fare", "one fifth of
the hire fee", "three tenths of the price", "three in ten of every pound", "half of it"),
never of anything else ("a quarter of an hour", "half of a mile", "a quarter of our customers",
"half of our stores": a statistic on another topic is no rule's share); or "half" right before a
whole ("half the fee", "half your deposit": group `half`), which reads "half the team" as 50%
too, as the readers it replaced did: only the change's topic keeps it out. The one reader of a
share in words: `share_in_words` finds the old value with it, and
`drafting.percentwords.worded_percents` reads it as the percentage a sentence states."""
_SHARE_NAMES = {50.0: "half", 25.0: "a quarter", 75.0: "three quarters", 100.0: "all"}
_FRACTION_NAMES = {20.0: "a fifth", 10.0: "a tenth", 40.0: "two fifths", 60.0: "three fifths"}
_FRACTION_NAMES |= {80.0: "four fifths", 100 / 3: "a third", 200 / 3: "two thirds"}
"""Fractions said as such only where the KB said the old share as a fraction of the same kind
(fifths, tenths, thirds): "a fifth of" → "two fifths of", never "20%" → "a fifth"."""
_MAX_SCAN = 100_000


def spoken_number(words: str) -> float | None:
    """The number words say ("seventy-five" 75, "a hundred" 100, "two hundred and fifty" 250,
    "one thousand" 1000), or digits ("1,000" 1000); None for anything else."""
    plain = words.replace(",", "").strip()
    try:
        return float(plain)
    except ValueError:
        pass
    total = current = 0.0
    seen = False
    for token in re.split(r"[\s-]+", words.lower().strip()):
        if token == "and":
            continue
        if token in ("a", "an") and not seen:
            current = 1.0
            continue
        if token == "hundred":
            current = (current or 1.0) * 100
        elif token == "thousand":
            total += (current or 1.0) * 1000
            current = 0.0
        elif token in CARDINALS:
            current += CARDINALS[token]
        else:
            return None
        seen = True
    return total + current if seen else None


def _money(value: str) -> tuple[str, float] | None:
    """(symbol, amount) of a prompt's price ("£50", "$1,000", "€4.50")."""
    if value[:1] not in _CURRENCY_WORDS:
        return None
    try:
        return value[0], float(value[1:].replace(",", ""))
    except ValueError:
        return None


def _symbol_of(found: re.Match[str]) -> str:
    """The currency symbol a match of `MONEY_WORDS` says."""
    said = (found.group("word") or found.group("code") or found.group("code2") or "").lower()
    for symbol, words in _CURRENCY_WORDS.items():
        if re.fullmatch(words, said, re.I) or re.fullmatch(_CODES[symbol], said, re.I):
            return symbol
    return ""


def _amount_of(found: re.Match[str]) -> float | None:
    """The amount a match of `MONEY_WORDS` says."""
    count = spoken_number(found.group("count") or found.group("coded") or found.group("before"))
    if count is None:
        return None
    minor = found.group("minor")
    if minor:
        cents = spoken_number(minor)
        if cents is None or cents >= 100:
            return None
        count += cents / 100
    return count


_WEIGHT = re.compile(
    r"\b(?:weigh\w*|heav(?:y|ier|iest)|light(?:er|est)?|kg|kilos?|kilograms?|lbs?|ounces?|"
    r"oz|stones?|grams?|tonnes?|tons?|load|lift|carry|bags?|sacks?|parcels?|luggage|"
    r"suitcases?|boxe?s?|packages?)\b",
    re.I,
)
"""Words of a weight: "pounds" in the clause of one is a weight ("parcels weigh up to fifty
pounds"), never a price."""
_PAYING = re.compile(
    r"\b(?:costs?|costing|fees?|charge[sd]?|charging|price[sd]?|pay|pays|paid|paying|refund\w*|"
    r"credit\w*|deposit\w*|spend\w*|worth|fines?|vouchers?|discount\w*|surcharge\w*|"
    r"sterling|quid)\b",
    re.I,
)
"""Words of paying: a clause with one says money even beside a weight ("parcels cost fifty
pounds to send")."""
_OF_STUFF = re.compile(r"\s+of\b")
_OF_MONEY = re.compile(
    r"\s+of\s+(?:your|the|our|their|his|her|its|this|that)\s+(?:[\w-]+\s+){0,2}?" + _PAYING.pattern,
    re.I,
)
"""Pounds of a sum of money ("twenty-five pounds of your deposit"): a price, not a weight."""
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]")


def _weight(found: re.Match[str], text: str) -> bool:
    """Whether `found` says pounds of weight, not money: "pounds" (never "pounds sterling" or
    "quid") before "of" ("fifty pounds of flour"), or in a clause with a word of weight and
    none of paying ("parcels weigh up to fifty pounds", not "parcels cost fifty pounds")."""
    word = found.group("word")
    if not word or not re.fullmatch(r"pounds?", word, re.I):
        return False
    if _OF_STUFF.match(text, found.end()):
        return _OF_MONEY.match(text, found.end()) is None
    start, end = found.span()
    before = text[max(0, start - 80) : start]
    after = text[end : end + 80]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    stop = _CLAUSE_BREAK.search(after)
    clause += " " + (after[: stop.start()] if stop else after)
    return _WEIGHT.search(clause) is not None and _PAYING.search(clause) is None


def _money_said(text: str) -> Iterator[re.Match[str]]:
    """`MONEY_WORDS` in `text`, read only near a currency word or code (a window of 120
    characters before it and 40 after, windows that meet merged): a text of number words and
    no currency costs one scan for the currency."""
    windows: list[list[int]] = []
    for said in _SAID_CURRENCY.finditer(text):
        start, end = max(0, said.start() - 120), min(len(text), said.end() + 40)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from MONEY_WORDS.finditer(text, start, end)


def money_in_words(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the price `value` ("£50") with its currency in words or as a code
    ("fifty pounds", "50 quid", "GBP 50"); "pounds" of weight ("weigh up to fifty pounds",
    "fifty pounds of flour") is no price."""
    money = _money(value)
    if money is None:
        return []
    symbol, amount = money
    scanned = text[:_MAX_SCAN]
    return [
        found
        for found in _money_said(scanned)
        if _symbol_of(found) == symbol
        and (said := _amount_of(found)) is not None
        and abs(said - amount) < 0.005
        and not _weight(found, scanned)
    ]


def money_written_like(new: str, found: re.Match[str]) -> str | None:
    """The price `new` ("£75") said the way `found` said the old one: words stay words
    ("fifty pounds" → "seventy-five pounds"), digits digits ("50 quid" → "75 quid"), a code a
    code ("GBP 50" → "GBP 75"); None where the form cannot say it (pence in words, another
    currency)."""
    money = _money(new)
    if money is None or money[0] != _symbol_of(found):
        return None
    amount = money[1]
    whole = float(amount).is_integer()
    digits = f"{int(amount):,}" if whole else f"{amount:,.2f}"
    if found.group("code"):
        return found.group(0).replace(found.group("coded"), digits, 1)
    if found.group("code2"):
        return found.group(0).replace(found.group("before"), digits, 1)
    if found.group("minor") or not whole:
        return None
    count = found.group("count")
    word = found.group("word")
    if count[:1].isdigit():
        said = digits
    else:
        spelled = number_words(amount, article=True)
        if spelled is None:
            return None
        said = spelled[:1].upper() + spelled[1:] if count[:1].isupper() else spelled
    if re.fullmatch(r"pound|dollar|euro", word, re.I) and int(amount) != 1:
        word += "s"
    elif re.fullmatch(r"pounds|dollars|euros", word, re.I) and int(amount) == 1:
        word = word[:-1]
    return f"{said} {word}"


def share_percent(found: re.Match[str]) -> float | None:
    """The percentage a match of `SHARE_WORDS` says (20.0 for "one fifth of", 30.0 for "three
    in ten of", 50.0 for "half")."""
    if found.group("half"):
        return 50.0
    said = found.group("share") or found.group("owned") or found.group("parts")
    words = re.sub(r"\s+", " ", said.lower())
    if words in _SHARES:
        return _SHARES[words]
    parts = re.fullmatch(r"(\w+) in (?:every )?(\w+)", words)
    if parts is None or parts.group(1) not in _PARTS or parts.group(2) not in _WHOLES:
        return None
    part, whole = _PARTS[parts.group(1)], _WHOLES[parts.group(2)]
    return 100.0 * part / whole if part < whole else None


def shares_said(text: str) -> list[tuple[re.Match[str], float]]:
    """Every share in words `text` states (`SHARE_WORDS`), with the percentage it says."""
    return [
        (found, share)
        for found in SHARE_WORDS.finditer(text[:_MAX_SCAN])
        if (share := share_percent(found)) is not None
    ]


def share_in_words(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the percentage `value` ("25%") as a share in words before what it
    is of ("a quarter of your fare", "one fifth of the hire fee", "half of it"), or as
    "half" of a whole ("half the fee")."""
    if not value.endswith("%"):
        return []
    try:
        share = float(value[:-1])
    except ValueError:
        return []
    return [found for found, said in shares_said(text) if abs(said - share) < 0.5]


def share_written_like(new: str, found: re.Match[str]) -> str:
    """The percentage `new` said the way `found` said the old share, "of" kept where the
    match holds it: a share with a name in words ("half of", "a quarter of", "all of"), a
    fraction where the old one was a fraction of the same kind ("a fifth of" → "two fifths
    of"), any other in digits ("30% of"); "half" of a whole ("half the fee") in digits ("25%
    of the fee"), a half staying a half."""
    try:
        share = float(new.removesuffix("%"))
    except ValueError:
        return f"{new} of"
    if found.group("half"):
        if share == 50.0:
            return found.group(0)
        joined = re.match(r"\s+of\b", found.string[found.end() :], re.I)
        return new if joined else f"{new} of"
    old = (found.group("share") or found.group("owned") or found.group("parts") or "").lower()
    named = _SHARE_NAMES.get(share)
    fraction = next(
        (name for value, name in _FRACTION_NAMES.items() if abs(value - share) < 0.01), None
    )
    if named is None and fraction is not None and fraction.split()[-1][:4] in old:
        named = fraction  # "one fifth of" → "two fifths of": the same kind of fraction
        if old.startswith("one ") and named.startswith("a "):
            named = "one " + named[2:]
    joint = "" if found.group("owned") else " of"  # "we refund three quarters." has no "of"
    said = f"{named}{joint}" if named else f"{new}{joint}"
    return said[:1].upper() + said[1:] if found.group(0)[:1].isupper() else said


_HOUR_NAMES = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
_START_WORDS = "|".join(_HOUR_NAMES[5:])
_END_WORDS = "|".join(_HOUR_NAMES[:11])
_HOURS_SPAN = re.compile(
    r"(?<![\w.:$€£,])(?P<between>between\s{1,3})?"
    rf"(?P<start>1[0-2]|[6-9]|{_START_WORDS})\s?"
    r"(?(between)and|(?:to|till|til|until|-|–))\s?"
    rf"(?P<end>1[01]|[1-9]|{_END_WORDS})\b"
    r"(?=\s*(?:[,.;:)]|$|on\b|every\b|each\b|at\b|week|(?:mon|tues|wednes|thurs|fri|satur|sun)day))",
    re.I,
)
"""Opening hours as a span of bare hours from a morning to an afternoon ("9 to 5", "10 till
2", "8-6 on weekdays", "nine till six", "between nine and five"): the start before noon, the
end after it, nothing after the end that makes them counts ("9 to 5 days", "9 to 5%").
Limits: any two such numbers before a stop read as hours, so a score or a ratio ("won 7-3,",
"a 10-1 mix.") is read as a span too; it counts only where the moved value is a time of day
on the rule's topic."""
BARE_HOUR = re.compile(rf"\d{{1,2}}|(?:{'|'.join(_HOUR_NAMES)})\b", re.I)
"""One end of `_HOURS_SPAN`, as a match of its own (what `bare_hours` returns)."""


def _bare(said: str) -> int:
    return int(said) if said.isdigit() else _HOUR_NAMES.index(said.lower()) + 1


def bare_hours(hour: float, text: str) -> list[re.Match[str]]:
    """Where `text` states the time of day `hour` (17.0 for 5pm) as one end of a span of bare
    hours ("5" of "9 to 5", "10" of "10 till 2", "six" of "nine till six"): the start for a
    morning hour, the end for an afternoon one; a whole hour only."""
    if not float(hour).is_integer():
        return []
    whole = int(hour)
    found = []
    for span in _HOURS_SPAN.finditer(text[:_MAX_SCAN]):
        start, end = _bare(span.group("start")), _bare(span.group("end"))
        if end >= start % 12:
            continue  # not across noon ("1 to 5"): which half of the day is unsaid
        if whole == start % 12 + (12 if start == 12 else 0) and 6 <= whole <= 12:
            at = span.span("start")
        elif whole == end + 12:
            at = span.span("end")
        else:
            continue
        match = BARE_HOUR.match(text, *at)
        if match is not None:
            found.append(match)
    return found


def bare_hour_written(hour: float, like: str = "") -> str | None:
    """A whole hour as a bare hour of a span like "9 to 5" ("8" for 20.0, "10" for 10.0; in
    words, "eight", where `like`, the old bare hour, was in words), or None where a bare hour
    would say another time (a morning hour at a span's end)."""
    if not float(hour).is_integer() or not 6 <= hour <= 23:
        return None
    shown = int(hour) - 12 if hour > 12 else int(hour)
    if like[:1].isalpha():
        word = _HOUR_NAMES[shown - 1]
        return word.capitalize() if like[:1].isupper() else word
    return str(shown)


# sets of days ---------------------------------------------------------------------------

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""The days of the week, Monday first, as categories and prompts name them."""
_DAY_SHORT = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\.?"
    r"(?![\w'’])"
)
"""A day of the week, in full or short ("Monday", "Mon", "Tues", "Thurs", "Saturdays")."""
_SPAN_TO = r"\s{0,3}(?:[-–—]|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b)\s{0,3}"
_WEEK_COUNT = r"(?:[1-7]|one|two|three|four|five|six|seven)"
_BUT = r"(?:except(?:\s+(?:for|on))?|but|apart\s+from|other\s+than|bar|save)"
_DAY_LIST = (
    rf"{_DAY}(?:\s{{0,3}}(?:,|\band\b|\bor\b|&)\s{{0,3}}{_DAY}(?!\s{{1,3}}included\b)){{0,5}}"
)
"""Days listed ("Sunday", "Sundays and Mondays", "Friday, Saturday and Sunday"); a day
"included" after them is an aside, not one of them."""
_ASIDE = (
    rf"(?P<aside>,?\s{{1,3}}(?:including|incl\.|even\s+on|as\s+well\s+as)\s{{1,3}}"
    rf"(?:an?\s+)?(?P<aside_day>{_DAY})"
    rf"|,?\s{{1,3}}(?P<aside_day2>{_DAY})\s{{1,3}}included\b)?"
)
DAY_SETS = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<first>{_DAY}){_SPAN_TO}(?P<last>{_DAY})"
    rf"|(?:(?P<lead>on|from)\s{{1,3}})?(?P<quant>any|every|each)\s{{1,3}}day"
    rf"(?:\s{{1,3}}of\s{{1,3}}the\s{{1,3}}week)?,?\s{{1,3}}{_BUT}\s{{1,3}}(?P<out>{_DAY_LIST})"
    rf"|(?P<count>{_WEEK_COUNT})\s{{1,3}}days?\s{{1,3}}(?:a|per|each|every|of\s+the)\s{{1,3}}week\b"
    rf"|(?:(?P<lead2>on)\s{{1,3}})?(?P<weekdays>weekdays|every\s{{1,3}}weekday)\b"
    rf"|(?P<daily>every\s{{1,3}}(?:single\s{{1,3}})?day(?:\s{{1,3}}of\s{{1,3}}the\s{{1,3}}week)?"
    rf"|daily)(?![\w-])(?!,?\s{{1,3}}{_BUT}\b)"
    r")" + _ASIDE,
    re.I,
)
"""A set of days of the week, said as people say it: a span ("Monday to Saturday", "Mon–Sat",
"Tues-Sat"), every day but some ("any day except Sunday", "every day of the week apart from
Sundays and Mondays", with an "on" or "from" before it), a count of days in a week ("six days
a week", "5 days per week"), "weekdays" or every day ("every day", "daily"); each with an
aside naming one day of it ("any day except Sunday, including Saturdays", "six days a week,
Saturdays included"), which is part of
the statement: a rewrite for a set without that day drops it. A count says how many days, not
which: it is the same set as any set of as many days."""


def _day_index(word: str) -> int | None:
    """0 for "Monday", "Mon", "Mondays"; None for anything else."""
    plain = word.lower().rstrip(".")
    for index, name in enumerate(DAY_NAMES):
        if plain in (name, name + "s") or (len(plain) >= 3 and name.startswith(plain.rstrip("s"))):
            return index
    return None


def days_moved(old: str, new: str) -> frozenset[int]:
    """The days one set of days has and the other lacks ({5} for "Monday to Saturday" →
    "Monday to Friday"); empty when either is no set of named days."""
    was, now = read_day_set(old), read_day_set(new)
    if was is None or now is None or was.days is None or now.days is None:
        return frozenset()
    return was.days ^ now.days


def names_days(value: str, days: frozenset[int]) -> bool:
    """Whether `value` ("saturday", "Saturdays", "sat") names one of `days`."""
    index = _day_index(value.strip())
    return index is not None and index in days


def _span(first: int, last: int) -> frozenset[int]:
    """The days from `first` to `last`, across the week's end when last comes first
    ("Friday to Monday")."""
    return frozenset((first + step) % 7 for step in range((last - first) % 7 + 1))


@dataclass(frozen=True)
class DaySet:
    """A set of days of the week (0 Monday … 6 Sunday), or only how many (`count`: "six days a
    week" says no which)."""

    days: frozenset[int] | None
    count: int

    def same(self, other: DaySet) -> bool:
        """Whether two statements say the same days: the same set, or as many days where one
        of them says only how many."""
        if self.days is not None and other.days is not None:
            return self.days == other.days
        return self.count == other.count


def _day_set_of(found: re.Match[str]) -> DaySet | None:
    """The set of days a match of `DAY_SETS` says."""
    if found.group("first"):
        first, last = _day_index(found.group("first")), _day_index(found.group("last"))
        if first is None or last is None or first == last:
            return None
        days = _span(first, last)
        return DaySet(days, len(days))
    if found.group("out"):
        out = {_day_index(word) for word in re.findall(r"[A-Za-z]+\.?", found.group("out"))}
        out.discard(None)
        if not out:
            return None
        days = frozenset(range(7)) - frozenset(day for day in out if day is not None)
        return DaySet(days, len(days))
    if found.group("count"):
        count = spoken_number(found.group("count"))
        if count is None or not 1 <= count <= 7:
            return None
        return DaySet(frozenset(range(7)) if count == 7 else None, int(count))
    if found.group("weekdays"):
        return DaySet(frozenset(range(5)), 5)
    if found.group("daily"):
        return DaySet(frozenset(range(7)), 7)
    return None


def read_day_set(value: str) -> DaySet | None:
    """The set of days a value says when it is all one statement of them ("Monday to
    Saturday", "Mon–Fri", "six days a week"); None for anything else."""
    text = value.strip()
    found = DAY_SETS.fullmatch(text) if len(text) < 120 else None
    return _day_set_of(found) if found is not None else None


def day_sets_said(text: str) -> list[tuple[re.Match[str], DaySet]]:
    """Every set of days `text` states (`DAY_SETS`), with the days it says; a span of two
    days with nothing between them ("Saturday to Sunday" is one) still counts, a span of the
    same day ("Monday to Monday") does not."""
    scanned = text[:_MAX_SCAN]
    if not re.search(r"day|\b(?:mon|tue|wed|thu|fri|sat|sun)\b", scanned, re.I):
        return []
    return [
        (found, said)
        for found in DAY_SETS.finditer(scanned)
        if (said := _day_set_of(found)) is not None
    ]


def day_set_in_words(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the set of days `value` says ("Monday to Saturday") in any of the
    ways `DAY_SETS` reads: "Mon–Sat", "any day except Sunday", "six days a week"."""
    wanted = read_day_set(value)
    if wanted is None:
        return []
    return [found for found, said in day_sets_said(text) if said.same(wanted)]


def _day_name(index: int, short: bool, plural: bool = False) -> str:
    name = _DAY_SHORT[index] if short else DAY_NAMES[index]
    name = name[:1].upper() + name[1:]
    return name + "s" if plural and not short else name


def _range_of(days: frozenset[int]) -> tuple[int, int] | None:
    """(first, last) of days running on from one to the next, across the week's end too;
    None when they have a gap or are every day."""
    if len(days) < 2 or len(days) == 7:
        return None
    for first in days:
        if (first - 1) % 7 not in days:
            last = (first + len(days) - 1) % 7
            return (first, last) if _span(first, last) == days else None
    return None


def day_span_words(days: frozenset[int]) -> str | None:
    """Days running on from one to the next as a span ("Monday to Friday"); None when they
    have a gap, are one day or every day."""
    span = _range_of(days)
    return None if span is None else _day_name(span[0], False) + " to " + _day_name(span[1], False)


def _listed(days: Sequence[int], short: bool, plural: bool) -> str:
    names = [_day_name(day, short, plural) for day in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def day_set_written_like(new: str, found: re.Match[str]) -> str | None:
    """The set of days `new` ("Monday to Friday") said the way `found` said the old one: a
    span stays a span in the same form ("Mon–Sat" → "Mon–Fri"), a count stays a count in
    the same form ("six days a week" → "five days a week", "6" → "5"), every day but some
    says the new span where the days run on ("on any day except Sunday" → "Monday to
    Friday") or the days left out ("any day except Saturday and Sunday"), "weekdays" stays
    for Monday to Friday. An aside naming a day the new set lacks ("including Saturdays")
    goes; one naming a day it keeps stays. None where the form cannot say it."""
    wanted = read_day_set(new)
    if wanted is None:
        return None
    text = found.group(0)
    aside = found.group("aside") or ""
    aside_day = found.group("aside_day") or found.group("aside_day2")
    keep_aside = ""
    if aside and aside_day:
        index = _day_index(aside_day)
        if wanted.days is not None and index is not None and index in wanted.days:
            keep_aside = aside
    said: str | None
    whole_week = found.group("count") and spoken_number(found.group("count")) == 7
    if whole_week and wanted.days is not None and (span := _range_of(wanted.days)) is not None:
        # "seven days a week" said every day: the days that are left are named, "Monday to
        # Friday", not counted ("five days a week" says not which)
        said = _day_name(span[0], False) + " to " + _day_name(span[1], False)
        return (said[:1].upper() + said[1:] if text[:1].isupper() else said) + keep_aside
    if found.group("count"):
        count = found.group("count")
        if count.isdigit():
            number = str(wanted.count)
        else:
            number = next(w for w, n in CARDINALS.items() if n == wanted.count)
            number = number[:1].upper() + number[1:] if count[:1].isupper() else number
        start = found.start("count") - found.start()
        end = (found.end("aside") if aside else found.end()) - found.start()
        main_end = found.start("aside") - found.start() if aside else end
        core = text[:start] + number + text[found.end("count") - found.start() : main_end]
        if wanted.count == 1:
            core = re.sub(r"\bdays\b", "day", core, count=1)
        elif re.search(r"\bday\b", core):
            core = re.sub(r"\bday\b", "days", core, count=1)
        return core + keep_aside
    if wanted.days is None:
        return None
    span = _range_of(wanted.days)
    if found.group("first"):
        if span is None:
            return None
        first_word = found.group("first")
        short = len(first_word.rstrip(".s")) <= 4 and not first_word.lower().endswith("day")
        plural = first_word.lower().endswith("days")
        between = text[found.end("first") - found.start() : found.start("last") - found.start()]
        said = _day_name(span[0], short, plural) + between + _day_name(span[1], short, plural)
        if short and found.group("last").endswith("."):
            said += "."
    elif found.group("daily"):
        # "every day" → "Monday to Friday", "daily" → "weekdays" for Monday to Friday
        if span is None:
            return None
        if found.group("daily").lower() == "daily" and wanted.days == frozenset(range(5)):
            return "on weekdays" + keep_aside
        said = _day_name(span[0], False) + " to " + _day_name(span[1], False)
        if text[:1].isupper():
            said = said[:1].upper() + said[1:]
    elif found.group("out") or found.group("weekdays"):
        lead = found.group("lead") or found.group("lead2") or ""
        if found.group("weekdays") and wanted.days == frozenset(range(5)):
            return text[: (found.start("aside") if aside else found.end()) - found.start()] + (
                keep_aside
            )
        if span is not None:
            said = _day_name(span[0], False) + " to " + _day_name(span[1], False)
            said = f"from {said}" if lead.lower() == "from" else said
        else:
            out = sorted(frozenset(range(7)) - wanted.days)
            if not out or found.group("weekdays"):
                return None
            quant = found.group("quant") or "any"
            said = f"{lead} {quant} day except {_listed(out, False, False)}".lstrip()
        if text[:1].isupper():
            said = said[:1].upper() + said[1:]
    else:
        return None
    return said + keep_aside


_SPOKEN_ALONE = re.compile(
    rf"(?<![\w-]){_SPOKEN}(?![\w-])"
    rf"|(?<![\w-]){_WORD}(?=-(?:minute|hour|day|night|week|month|year|mile)s?\b)",
    re.I,
)
"""A number in words alone, or before the unit it is joined to ("a two-hour slot")."""
_DIGIT_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def numbers_said(text: str) -> set[str]:
    """The numbers `text` states, in digits as written ("4" of "4pm", "1.50") and in words
    as their digits ("5" of "up to five", "75" of "seventy-five"): a number said in words is
    the same number wherever a rule's numbers are compared. "a"/"an"/"one" alone are no
    number here ("one of our team")."""
    scanned = text[:_MAX_SCAN]
    found = set(_DIGIT_NUMBER.findall(scanned))
    for said in _SPOKEN_ALONE.finditer(scanned):
        words = said.group(0)
        if words.lower() in ("one", "a", "an"):
            continue
        number = spoken_number(words)
        if number is not None and float(number).is_integer():
            found.add(str(int(number)))
    return found


# a price per unit --------------------------------------------------------------------------

_PER_STEP = re.compile(
    r"\s{0,3},?\s{0,3}(?:(?:for\s{1,3})?(?:per|each|every|an?)\s{1,3}(?P<unit>[a-z]{3,20})\b"
    r"(?:\s{1,3}of\s{1,3}(?:the|your|their|our)\s{1,3}[a-z]{3,20}\b)?"
    r"|(?P<each>each)\b)",
    re.I,
)
"""One step of what an amount is per, right after it or the last step: "per dog", ", per
night", "a night", "for each dog", "for every night of the holiday", "each"."""
_NOT_UNITS = frozenset(
    [
        "little",
        "few",
        "lot",
        "bit",
        "great",
        "good",
        "small",
        "big",
        "total",
        "maximum",
        "minimum",
        "further",
        "more",
        "less",
        "other",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "half",
        "quarter",
        "flat",
        "single",
        "for",
        "the",
        "and",
        "you",
        "your",
        "our",
        "their",
        "with",
        "from",
        "per",
        "time",
    ]
)
"""Words after "a", "per" or "each" that are no unit an amount is per ("a great deal", "each
for")."""
_PER_STEPS = 3
_EACH_ALONE = re.compile(r"\s{0,3},?\s{0,3}each\b", re.I)


def _unit_stem(word: str) -> str:
    plain = word.lower()
    return (
        plain[:-1] if len(plain) > 3 and plain.endswith("s") and not plain.endswith("ss") else plain
    )


def rate_units(text: str, end: int) -> tuple[frozenset[str], int]:
    """What the amount ending at `end` of `text` is per ({"dog", "night"} of "£10 per dog per
    night", "ten pounds a night for each dog"; {"each", "night"} of "£10 each for every night
    of the holiday": "each" is per one of what the sentence is about), and where that says
    it ends; (empty, `end`) for an amount said per nothing."""
    units: set[str] = set()
    at = end
    for _ in range(_PER_STEPS):
        step = _PER_STEP.match(text, at)
        if step is None:
            break
        unit = step.group("unit")
        if unit is not None and unit.lower() in _NOT_UNITS:
            alone = _EACH_ALONE.match(text, at)
            if alone is None:
                break
            unit, step = None, alone
        units.add(_unit_stem(unit) if unit else "each")
        at = step.end()
    return frozenset(units), at


def same_rate(said: frozenset[str], rule: frozenset[str]) -> bool:
    """Whether an amount said per `said` is per what a rule's amount is per (`rule`): it names
    every unit of the rule's, or some of them with "each" standing for the rest ("£10 each for
    every night" of £10 per dog per night), and no other."""
    named = said - {"each"}
    # fewer units than the rule's only with "each" standing for the others ("£10 each for
    # every night"): "we charge $5 a day" for a late return, beside $5 per wetsuit per day,
    # is another charge, and rewriting it as the new per-booking price stated a falsehood
    return bool(rule) and bool(named) and named <= rule and (named == rule or "each" in said)
