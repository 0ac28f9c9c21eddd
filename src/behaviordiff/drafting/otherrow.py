"""Values that moved together in one prompt sentence ("Full service: 90 minutes, $80." →
"Full service: 120 minutes, $95.") describe one row of a list. A KB sentence stating one of
their old values beside another value on the scale of a value that moved with it ("It takes 30
minutes and costs $80.") describes another row, which shares one value by chance: the brake
tune that also costs $80 is no full service, however its macro talks of booking."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from behaviordiff.detect.quantities import find_quantities, read_quantity, same_amount


class RuleMove(Protocol):
    """What is read of a `rules.RuleMove` (this module sits below `rules`)."""

    @property
    def old_sentence(self) -> str: ...
    @property
    def old(self) -> str: ...
    @property
    def new(self) -> str: ...
    @property
    def kind(self) -> str: ...


_MONEY = re.compile(r"(?P<sign>[$€£])\s?(?P<n>\d{1,9}(?:,\d{3})*(?:\.\d{1,2})?)(?!\d|,\d)")
"""An amount of money; a comma after it ends its clause ("costs $80, paid on collection")."""


def _money(text: str) -> list[tuple[str, float]]:
    """The amounts of money `text` states, as (currency sign, amount)."""
    return [
        (found.group("sign"), float(found.group("n").replace(",", "")))
        for found in _MONEY.finditer(text)
    ]


def _other_value(value: str, others: Sequence[str], sentence: str) -> bool:
    """Whether `sentence` states a value in `value`'s unit or currency and none of `others`
    (the value itself and what it moved to): "40 minutes" beside 60 minutes → 75 minutes."""
    quantity = read_quantity(value)
    if quantity is not None:
        known = [q for other in others if (q := read_quantity(other)) is not None]
        said = [q for q in find_quantities(sentence) if q.unit == quantity.unit]
        return bool(said) and not any(same_amount(q, k) for q in said for k in known)
    money = _money(value)
    if len(money) != 1 or _MONEY.fullmatch(value.strip()) is None:
        return False
    sign = money[0][0]
    known_amounts = {amount for other in others for s, amount in _money(other) if s == sign}
    amounts = {amount for s, amount in _money(sentence) if s == sign}
    return bool(amounts) and not amounts & known_amounts


_CLAUSE_BREAK = re.compile(r"[;:()]|[.!?](?=\s)|\s[—–]\s|,\s+(?:please|but|so|then|and\s+then)\b")
"""Where one clause of a sentence ends: what is said after it ("…; please book at least 60
minutes before closing") is no value of the row the clause before it names."""
_MAX_CHARS = 4000


def _states(value: str, clause: str) -> bool:
    """Whether `clause` states `value` ("$80", "90 minutes")."""
    quantity = read_quantity(value)
    if quantity is not None:
        return any(
            q.unit == quantity.unit and same_amount(q, quantity) for q in find_quantities(clause)
        )
    money = _money(value)
    return len(money) == 1 and money[0] in _money(clause)


def _clauses(sentence: str) -> list[str]:
    return _CLAUSE_BREAK.split(sentence[:_MAX_CHARS])


def states_other_row(moves: Sequence[RuleMove], move: RuleMove, sentence: str) -> bool:
    """Whether a KB sentence stating `move`'s old value states, beside it (in the same clause),
    another value than the old and the new one of a value that moved with it in the same
    prompt sentence: the sentence is about another row of the same list. A value said in
    another clause ("A full service costs $80; please book at least 60 minutes before
    closing") is of something else."""
    clauses = [clause for clause in _clauses(sentence) if _states(move.old, clause)]
    return any(
        _other_value(other.old, (other.old, other.new), clause)
        for clause in clauses
        for other in moves
        if other is not move
        and other.kind == "value"
        and move.kind == "value"
        and other.old_sentence == move.old_sentence
        and other.old != move.old
    )
