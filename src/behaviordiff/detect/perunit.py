"""An old value that was one amount per unit of a number the probe carries.

A fee charged per guest (`add_extra(fee=8)` for one guest, 16 for two, 24 for three, all now
0) has no one old value, but it has one old value per unit: every probe's old amount is 8
times the same number of its own (`booking.guests`). A customer who only asks the price and
is no longer told £8 per person, or £16 for the two of them, is told that old value; the
move is the same change as the calls'. The same holds of a new value per unit (a deposit
of £5 a head now taken, 40 for eight guests and 55 for eleven): a customer only asking is
told £5 times their own count."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from typing import Any

from behaviordiff.detect.model import MovedArgument, ProbeVerdict

_PENNY = 0.005 + 1e-9
"""Half the smallest unit an amount is said in."""


def _count(features: Mapping[str, Any], name: str) -> float | None:
    """A probe's own positive number under `name`: a flag, a 400-digit integer or a string
    is no count."""
    value = features.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    if isinstance(value, int) and value >= 10**300:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def old_per_unit(
    rows: Sequence[MovedArgument], verdicts: Sequence[ProbeVerdict]
) -> tuple[float, str] | None:
    """(unit, feature) when every moved value's old amount is `unit` times the probe's own
    number under `feature`, and the old amounts are not all one value (then the one value
    says it); None otherwise, or when several features would do (which one is unsure)."""
    return _per_unit(rows, verdicts, new=False)


def new_per_unit(
    rows: Sequence[MovedArgument], verdicts: Sequence[ProbeVerdict]
) -> tuple[float, str] | None:
    """(unit, feature) when every moved value's new amount is `unit` times the probe's own
    number under `feature` (a deposit of £5 a head: 40 for a party of 8, 55 for 11), and
    the new amounts are not all one value; None otherwise, or when several features would
    do."""
    return _per_unit(rows, verdicts, new=True)


def _per_unit(
    rows: Sequence[MovedArgument], verdicts: Sequence[ProbeVerdict], *, new: bool
) -> tuple[float, str] | None:
    values = [value for row in rows for value in row.values]
    amounts = [float(value.new if new else value.old) for value in values]
    if len(set(amounts)) < 2 or not all(math.isfinite(amount) and amount > 0 for amount in amounts):
        return None
    features = {verdict.probe_id: verdict.features for verdict in verdicts}
    first = features.get(values[0].probe_id, {})
    found: list[tuple[float, str]] = []
    for name in first:
        count = _count(first, name)
        if count is None:
            continue
        unit = amounts[0] / count
        if all(
            (own := _count(features.get(value.probe_id, {}), name)) is not None
            and abs(unit * own - amount) <= _PENNY
            for value, amount in zip(values, amounts, strict=True)
        ):
            found.append((unit, name))
    return found[0] if len(found) == 1 else None


def tells_new_per_unit(
    unit: float,
    feature: str,
    probe_ids: Sequence[str],
    told_before: Set[float],
    told_after: Set[float],
    verdicts: Sequence[ProbeVerdict],
) -> bool:
    """Whether every probe of a reply-only change is now told, and was not told before, the
    new value per unit times the number it carries under `feature` (£5 a head: a party of
    11 asking whether anything is paid upfront told £55): the moved amount said where no
    call is made. The unit alone (£5) is no proof: it may be another price of that size; nor
    is an amount that is a number the probe carries (its own count, at £1 a unit)."""
    features = {verdict.probe_id: verdict.features for verdict in verdicts}
    if not probe_ids:
        return False
    for probe_id in probe_ids:
        own = features.get(probe_id, {})
        count = _count(own, feature)
        if count is None:
            return False
        amount = unit * count

        def said(amounts: Set[float], amount: float = amount) -> bool:
            return any(abs(amount - told) <= _PENNY for told in amounts)

        carried = {number for name in own if (number := _count(own, name)) is not None}
        if not said(told_after) or said(told_before) or said(carried):
            return False
    return True


def old_amounts_per_unit(
    unit: float, feature: str, probe_ids: Sequence[str], verdicts: Sequence[ProbeVerdict]
) -> list[float]:
    """The old amounts a reply to the probes of a reply-only change may tell: the old value per
    unit (£8) and that value times the number each of its probes carries under `feature` (£16
    for a probe of two guests)."""
    features = {verdict.probe_id: verdict.features for verdict in verdicts}
    wanted = [unit]
    for probe_id in probe_ids:
        count = _count(features.get(probe_id, {}), feature)
        if count is not None:
            wanted.append(unit * count)
    return wanted
