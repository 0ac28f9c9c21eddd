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
from collections.abc import Iterator

from behaviordiff.detect.quantities import CARDINALS, number_words

__all__ = [
    "MONEY_WORDS",
    "SHARE_WORDS",
    "money_in_words",
    "money_written_like",
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
SHARE_WORDS = re.compile(
    r"(?<![\w-])(?=(?:a|an|one|two|three|four|five|six|seven|eight|nine|half)\b)"
    r"(?:(?P<half>half)(?=\s+(?:the|your|their|its|our|his|her|this|that)\b)"
    r"|(?P<share>"
    + "|".join(re.escape(share) for share in sorted(_SHARES, key=len, reverse=True))
    + r")\s+of\b"
    r"(?=\s+(?:it|that|this|them|what)\b"
    r"|\s+(?:(?:the|your|their|its|our|his|her|this|that|each|every|any|an?|one)\s+)?"
    r"(?:[\w'-]{1,30}\s+){0,2}?" + _PAID + r")"
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
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]")


def _weight(found: re.Match[str], text: str) -> bool:
    """Whether `found` says pounds of weight, not money: "pounds" (never "pounds sterling" or
    "quid") before "of" ("fifty pounds of flour"), or in a clause with a word of weight and
    none of paying ("parcels weigh up to fifty pounds", not "parcels cost fifty pounds")."""
    word = found.group("word")
    if not word or not re.fullmatch(r"pounds?", word, re.I):
        return False
    if _OF_STUFF.match(text, found.end()):
        return True
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
    words = re.sub(r"\s+", " ", (found.group("share") or found.group("parts")).lower())
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
    old = (found.group("share") or found.group("parts") or "").lower()
    named = _SHARE_NAMES.get(share)
    fraction = next(
        (name for value, name in _FRACTION_NAMES.items() if abs(value - share) < 0.01), None
    )
    if named is None and fraction is not None and fraction.split()[-1][:4] in old:
        named = fraction  # "one fifth of" → "two fifths of": the same kind of fraction
        if old.startswith("one ") and named.startswith("a "):
            named = "one " + named[2:]
    said = f"{named} of" if named else f"{new} of"
    return said[:1].upper() + said[1:] if found.group(0)[:1].isupper() else said


_HOURS_SPAN = re.compile(
    r"(?<![\w.:$€£,])(?P<start>1[0-2]|[6-9])\s?(?:to|till|til|until|-|–)\s?"
    r"(?P<end>1[01]|[1-9])"
    r"(?=\s*(?:[,.;:)]|$|on\b|every\b|each\b|at\b|week|(?:mon|tues|wednes|thurs|fri|satur|sun)day))",
    re.I,
)
"""Opening hours as a span of bare hours from a morning to an afternoon ("9 to 5", "10 till
2", "8-6 on weekdays"): the start before noon, the end after it, nothing after the end that
makes them counts ("9 to 5 days", "9 to 5%"). Limits: any two such numbers before a stop
read as hours, so a score or a ratio ("won 7-3,", "a 10-1 mix.") is read as a span too; it
counts only where the moved value is a time of day on the rule's topic."""
BARE_HOUR = re.compile(r"\d{1,2}")
"""One end of `_HOURS_SPAN`, as a match of its own (what `bare_hours` returns)."""


def bare_hours(hour: float, text: str) -> list[re.Match[str]]:
    """Where `text` states the time of day `hour` (17.0 for 5pm) as one end of a span of bare
    hours ("5" of "9 to 5", "10" of "10 till 2"): the start for a morning hour, the end for an
    afternoon one; a whole hour only."""
    if not float(hour).is_integer():
        return []
    whole = int(hour)
    found = []
    for span in _HOURS_SPAN.finditer(text[:_MAX_SCAN]):
        start, end = int(span.group("start")), int(span.group("end"))
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


def bare_hour_written(hour: float) -> str | None:
    """A whole hour as a bare hour of a span like "9 to 5" ("8" for 20.0, "10" for 10.0), or
    None where a bare hour would say another time (a morning hour at a span's end)."""
    if not float(hour).is_integer() or not 6 <= hour <= 23:
        return None
    return str(int(hour) - 12 if hour > 12 else int(hour))
