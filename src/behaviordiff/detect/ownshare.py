"""Amounts that are one share of each probe's own number: one fact said in each probe's figures.

A rule that halves what each customer pays ("two equal instalments") is told as £24 to the
customer whose rent is £48 and as £13 to the one whose rent is £26. Grouped by what their
replies state, the two read as two facts, each too small for a condition; each amount is the
same share (×0.5) of the same number the probe carries (`rent`), so they state one fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_PENNY = 0.005 + 1e-9
"""Half the smallest unit an amount is said in: a share's amount rounded to the penny."""
_MONEY = re.compile(r"^[$€£]\s?(\d[\d,]*(?:\.\d+)?)$")


def _amount(label: str) -> tuple[str, float] | None:
    """(topic, amount) of a promise label stating one sum of money ("£24.00",
    "instalment: £24.00"), else None."""
    topic, _, value = label.rpartition(": ")
    match = _MONEY.match(value.strip())
    if match is None:
        return None
    amount = float(match.group(1).replace(",", ""))
    return (topic, amount) if math.isfinite(amount) and amount > 0 else None


def _numbers(features: Mapping[str, Any]) -> dict[str, float]:
    """A probe's own positive numbers by feature: a flag or a 400-digit count is none."""
    numbers: dict[str, float] = {}
    for name, value in features.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            continue
        if isinstance(value, int) and value >= 10**300:
            continue
        number = float(value)
        if math.isfinite(number):
            numbers[name] = number
    return numbers


def _shares(amount: float, members: Sequence[Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    """Feature → (share, its value) where `amount` is one share of that feature on every
    member, the members agreeing on its value, and no member carries the amount itself (a
    customer's own rent said back is input, not a share)."""
    owns = [_numbers(features) for features in members]
    if not owns or any(abs(own - amount) <= _PENNY for numbers in owns for own in numbers.values()):
        return {}
    found: dict[str, tuple[float, float]] = {}
    for name, value in owns[0].items():
        if all(abs(numbers.get(name, math.nan) - value) <= _PENNY for numbers in owns[1:]):
            share = amount / value
            if abs(share - 1) > 1e-9:
                found[name] = (share, value)
    return found


def said_as_shares(
    first: Sequence[str],
    first_members: Sequence[Mapping[str, Any]],
    second: Sequence[str],
    second_members: Sequence[Mapping[str, Any]],
) -> tuple[list[str], list[str]] | None:
    """Both label lists with each amount only one of them states put as the share of the
    probes' own number it is (`× 0.5 rent`), when every such amount pairs with one of the
    other's: the same topic, the same share of the same feature, whose value differs
    between the two groups (else the amounts would be the same). None when any such amount
    pairs with none, or when the two state no amount apart."""
    only_first = [label for label in first if label not in second]
    only_second = [label for label in second if label not in first]
    if not only_first or len(only_first) != len(only_second):
        return None
    renamed: dict[str, str] = {}
    free = list(only_second)
    for label in only_first:
        said = _amount(label)
        if said is None:
            return None
        topic, amount = said
        shares = _shares(amount, first_members)
        match = None
        for other in free:
            theirs = _amount(other)
            if theirs is None or theirs[0] != topic:
                continue
            for name, (_, value) in _shares(theirs[1], second_members).items():
                mine = shares.get(name)
                if (
                    mine is not None
                    and mine[1] != value
                    and abs(mine[0] * value - theirs[1]) <= _PENNY
                ):
                    match = other, f"{topic + ': ' if topic else ''}× {mine[0]:.6g} {name}"
                    break
            if match is not None:
                break
        if match is None:
            return None
        free.remove(match[0])
        renamed[label] = renamed[match[0]] = match[1]
    return (
        [renamed.get(label, label) for label in first],
        [renamed.get(label, label) for label in second],
    )
