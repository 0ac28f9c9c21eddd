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
