"""A reply telling what a moved amount's ratio makes of the probe's own number.

A call's amount moved by one ratio on every probe (`refund_order` amount 349 → 296.65,
529 → 449.65: ×0.85) and a customer only asking, whose probe makes no such call, is told the
same ratio of a number their own tool results carry (£551.65 of a £649 order): that reply is
the moved amount said where no call is made, one change with it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import Any

from behaviordiff.detect.model import MovedArgument, ProbeVerdict

_PENNY = 0.005 + 1e-9
"""Half the smallest unit an amount is said in: a ratio's amount rounded to the penny."""


def one_ratio(rows: Sequence[MovedArgument]) -> float | None:
    """The one ratio every moved argument shares (×0.85), or None when one has none, they
    differ, or it is 1."""
    ratios = {row.ratio for row in rows}
    if not rows or len(ratios) != 1:
        return None
    ratio = ratios.pop()
    return None if ratio is None or ratio == 1 else float(ratio)


def _numbers(features: Mapping[str, Any]) -> list[float]:
    """A probe's own numbers: a 400-digit count or a flag is no amount."""
    numbers = []
    for value in features.values():
        if isinstance(value, bool) or not isinstance(value, int | float) or not value:
            continue
        if isinstance(value, int) and abs(value) >= 10**300:
            continue
        number = float(value)
        if math.isfinite(number):
            numbers.append(number)
    return numbers


def tells_the_ratio(
    ratio: float,
    probe_ids: Iterable[str],
    told_before: Set[float],
    told_after: Set[float],
    verdicts: Sequence[ProbeVerdict],
) -> bool:
    """Whether every probe of a reply-only change is now told an amount it was not told
    before that is `ratio` times one of its own numbers, rounded to the penny (×0.85 of a
    £649 total told £551.65), and is no number the probe already carries."""
    new_amounts = told_after - told_before
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    members = [by_id[probe_id] for probe_id in probe_ids if probe_id in by_id]
    if not members or not new_amounts:
        return False

    def comes_to(verdict: ProbeVerdict) -> bool:
        numbers = _numbers(verdict.features)
        return any(
            abs(number * ratio - amount) <= _PENNY
            and all(abs(own - amount) > _PENNY for own in numbers)
            for number in numbers
            for amount in new_amounts
        )

    return all(comes_to(verdict) for verdict in members)
