"""What customers are told, said in the prompt's own words in a note.

A reply's promise is read as a value ("£60.00", "a call to the customer, 1 business day");
the prompt says it as "a rush surcharge of £60" and "within 1 working day". A note's "They
are now told …" uses the prompt's words for the fee and for the unit where the change's
prompt sentences say them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.newcharge import named_charge

_MONEY = re.compile(r"[$£€]\s?(\d[\d,]*(?:\.\d+)?)")
_DAY_WORDS = ("business day", "working day")


def _amount(text: str) -> Decimal | None:
    found = _MONEY.search(text)
    if found is None:
        return None
    try:
        return Decimal(found.group(1).replace(",", ""))
    except InvalidOperation:
        return None


def told_phrase(promise: Promise, texts: Sequence[str]) -> str:
    """How a note says a promise customers are told: a charge as the change's prompt
    sentences (`texts`) name it ("a £60 rush surcharge" for "£60.00"), a day unit in the
    prompt's word ("working day" where the reply was read as "business day"), else the
    promise's own phrase."""
    phrase = promise.phrase()
    if promise.kind == "money":
        value = _amount(promise.value)
        for text in texts:
            found = named_charge(text)
            if found is not None and value is not None and _amount(found[0]) == value:
                return f"a {found[0]} {found[1]}"
    said = " ".join(texts).lower()
    for word in _DAY_WORDS:
        other = next(w for w in _DAY_WORDS if w != word)
        if word in phrase and other in said and word not in said:
            phrase = phrase.replace(word, other)
    return phrase
