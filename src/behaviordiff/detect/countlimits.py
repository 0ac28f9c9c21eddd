"""A limit a reply states on a count: "you can book up to 4 tickets in one booking", "the limit
is 8 seats per booking", "a maximum of 3 guests". When the limit a reply names moves between
versions ("up to 6" → "up to 4") the customer is told another rule, though the reply reads much
the same, as a moved deadline or amount is.

Only a number a limit word introduces counts, and not one the customer said first: "I can't book
7 in one go" and "you asked about up to 7" echo the request, they tell no limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.quantities import CARDINALS

_WORDS = {word: value for word, value in CARDINALS.items() if value > 0}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_NOT_COUNT = (
    # a measure, a time or a date after the number: a limit on an amount, not on a count
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|"
    r"years?|yrs?|working|business|[ap]\.?m\b|o['’]clock|percent|per\s?cent|miles?|km|"
    r"kilo\w*|kgs?|g|grams?|lbs?|pounds?|stones?|st|ounces?|oz|tonnes?|tons?|metres?|meters?|m|"
    r"cm|mm|feet|foot|ft|inch(?:es)?|litres?|liters?|l|ml|dollars?|euros?|pence|p|gb|mb|tb|"
    # a currency code: "up to 500 USD" is an amount of money
    rf"usd|gbp|eur|aud|cad|nzd|chf|jpy|sek|nok|dkk|inr|{_MONTH}"
)
_LIMIT = re.compile(
    r"\b(?:up\s+to|at\s+most|(?:no|not)\s+more\s+than|maximum(?:\s+of)?|max(?:\s+of)?|"
    r"limit\s+(?:is|of)|limited\s+to|capped\s+at)\s+"
    rf"(?P<n>\d{{1,4}}|{_WORD})\b"
    rf"(?![.,]\d|\s?(?:%|[-–/:]\s?\d)|[\s-]?(?:{_NOT_COUNT})\b)",
    re.I,
)
"""A limit word and the count it introduces ("up to 4", "a maximum of six", "the limit is 8"),
not an amount of time, money, distance or weight ("up to 48 hours", "up to 6 miles")."""
_SAID = re.compile(rf"\b(?:\d{{1,4}}|{_WORD})\b", re.I)
_MAX_LIMITS = 16
"""Limits read from one reply: a natural reply states a few."""


def _count(token: str) -> int:
    lowered = token.lower()
    return _WORDS[lowered] if lowered in _WORDS else int(lowered)


def said_counts(texts: Iterable[str]) -> frozenset[int]:
    """The counts the customer's own messages name ("7 tickets", "nine of us")."""
    return frozenset(_count(found.group(0)) for text in texts for found in _SAID.finditer(text))


def count_limits(text: str, said: frozenset[int] = frozenset()) -> frozenset[Promise]:
    """The limits on a count `text` states, each as "up to N", leaving out a number in `said`
    (the customer's own, echoed back)."""
    found: set[Promise] = set()
    for match in islice(_LIMIT.finditer(text), _MAX_LIMITS):
        count = _count(match.group("n"))
        if count not in said:
            found.add(Promise("limit", f"up to {count}"))
    return frozenset(found)
