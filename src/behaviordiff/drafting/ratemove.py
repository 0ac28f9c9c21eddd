"""An amount that moved because the percentage it is taken at moved: a deposit of $180 → $270
on the same $1,800 order when its `percent` went 10 → 15. The amounts' ratio (×1.5) is
arithmetic no customer or prompt ever states; the note says the percentage that moved ("raised
from 10% to 15%"), which the prompt and the replies do state."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from behaviordiff.drafting.facts import MovedValue
from behaviordiff.textutil import plain_number

_RATE_ARGUMENT = re.compile(r"(?:^|_)(?:percent|percentage|pct|rate)(?:$|_)", re.I)


def rate_argument(moved: Sequence[MovedValue]) -> MovedValue | None:
    """The percentage argument of the first moved amount's call that moved by the amount's
    own ratio in every probe, one old and one new value throughout; else None."""
    if not moved or not moved[0].money or moved[0].ratio is None:
        return None
    amount, ratio = moved[0], moved[0].ratio
    for other in moved[1:]:
        if other.call.name != amount.call.name or not _RATE_ARGUMENT.search(other.argument):
            continue
        pairs = other.pairs()
        if len(pairs) == 1 and pairs[0][0] > 0:
            old, new = pairs[0]
            if abs(new / old - ratio) <= 0.01 * ratio:
                return other
    return None


_SAID_RATIOS = frozenset({2.0, 3.0, 0.5})
"""Ratios a note says in a word ("doubled", "tripled", "halved")."""
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?%")


def rate_behind(moved: Sequence[MovedValue], rules: Sequence[Any] = ()) -> tuple[str, str] | None:
    """("10%", "15%"): the old and new percentage of `rate_argument`; else the one percentage
    the change's prompt `rules` state only on their old side and the one only on their new
    side (or the one the old side states, kept beside it), when the second over the first is
    the amounts' ratio (a deposit of 20% → 30% for
    tables of 8 or more, the call's amount ×1.5); else None."""
    rate = rate_argument(moved)
    if rate is not None:
        old, new = rate.pairs()[0]
        return f"{plain_number(old)}%", f"{plain_number(new)}%"
    if not moved or not moved[0].money or moved[0].ratio is None or not rules:
        return None
    if moved[0].ratio in _SAID_RATIOS:
        return None  # "doubled", "halved": a ratio said in words states no number
    olds = {float(n) for rule in rules for n in _PERCENT.findall(str(rule.old or ""))}
    news = {float(n) for rule in rules for n in _PERCENT.findall(str(rule.new or ""))}
    # the one percentage the old rules state, when the new ones keep it for others beside
    # the moved one (20% kept for tables of 6 or 7, 30% for 8 or more)
    gone, came = (olds - news) or olds, news - olds
    if len(gone) != 1 or len(came) != 1:
        return None
    (was,), (now,) = gone, came
    ratio = moved[0].ratio
    if was <= 0 or abs(now / was - ratio) > 0.01 * ratio:
        return None
    return f"{plain_number(was)}%", f"{plain_number(now)}%"


def rate_fact(moved: Sequence[MovedValue], rules: Sequence[Any] = ()) -> str | None:
    """What a model drafting the note is told of an amount its percentage moved."""
    rate = rate_behind(moved, rules)
    if rate is None:
        return None
    return (
        f"the {moved[0].argument_words} of `{moved[0].call.name}` moved because its percentage "
        f"moved from {rate[0]} to {rate[1]}: say the percentage that moved, not the ratio of "
        "the amounts"
    )


def ratio_problems(moved: Sequence[MovedValue], text: str, rules: Sequence[Any] = ()) -> list[str]:
    """A model's note (its quotes left out by the caller) that states the ratio of amounts
    its percentage moved ("1.5 times", "multiplied by 1.5", "×1.5"): a number no prompt or
    reply states, where the percentage that moved says the same."""
    rate = rate_behind(moved, rules)
    ratio = moved[0].ratio if rate is not None else None
    if rate is None or ratio is None:
        return []
    number = re.escape(plain_number(ratio))
    stated = re.compile(
        rf"(?<![\d.]){number}\s*(?:times|x)\b|(?:multiplied|times)\s+by\s+{number}(?![\d])"
        rf"|[×x]\s?{number}(?![\d])",
        re.I,
    )
    if not stated.search(text):
        return []
    return [
        f"the note states the amounts' ratio ({plain_number(ratio)}); say the percentage "
        f"that moved instead: {rate[0]} → {rate[1]}"
    ]
