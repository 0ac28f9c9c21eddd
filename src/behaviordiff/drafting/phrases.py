"""Where a phrase of a prompt or KB sentence ends: at a comma, a full stop, a semicolon or a
closing bracket, but never at the comma or point inside a number. "$1,500" and "$1,500.00"
are one amount, so "15% for orders above $1,500, and …" scopes the value to "orders above
$1,500", not to "orders above $1"."""

from __future__ import annotations

import re

NUMBER_MARK = r"(?<=\d)[.,](?=\d)"
"""A thousands comma or decimal point: between two digits."""

PHRASE = rf"(?:[^).;,]|{NUMBER_MARK})+"
"""A run of text up to the end of its clause (a comma, point, semicolon or closing bracket
that is not inside a number)."""

_CLAUSE_END = re.compile(
    r"\s+(?=(?:when|whenever|once|if|unless|while|because)\s)|,\s|;|[.!?]+\s*$", re.I
)


def clause_end(text: str, start: int) -> int:
    """Where the clause holding `text[start]` ends: before a time or condition clause ("… of
    the board price| when you place your order."), a comma or semicolon followed by a space
    (never the comma in "$1,500"), or the final stop; the text's length when none follows."""
    found = _CLAUSE_END.search(text, start)
    return found.start() if found is not None else len(text)


def amount_source(number: str) -> str:
    """The regex source that finds an amount ("1,500.00", "5.00", "12.50") as one number:
    with or without its thousands commas ("1,500", "1500"), its ".00" optional, and never the
    start of a longer one ("1,500" is not in "1,500.50" or "1,500,000")."""
    whole, _, cents = number.replace(",", "").partition(".")
    cents = cents if cents.strip("0") else ""
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    digits = ",?".join(re.escape(part) for part in [whole, *groups])
    tail = rf"\.{re.escape(cents)}" if cents else r"(?:\.00)?"
    return rf"(?<![\d,.]){digits}{tail}(?![.,]?\d)"
