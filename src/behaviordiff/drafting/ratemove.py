"""An amount that moved because the percentage it is taken at moved: a deposit of $180 → $270
on the same $1,800 order when its `percent` went 10 → 15. The amounts' ratio (×1.5) is
arithmetic no customer or prompt ever states; the note says the percentage that moved ("raised
from 10% to 15%"), which the prompt and the replies do state."""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.drafting.facts import MovedValue
from behaviordiff.textutil import plain_number

_RATE_ARGUMENT = re.compile(r"(?:^|_)(?:percent|percentage|pct|rate)(?:$|_)", re.I)


def rate_behind(moved: Sequence[MovedValue]) -> tuple[str, str] | None:
    """("10%", "15%"): the percentage argument of the first moved amount's call that moved by
    the amount's own ratio in every probe, one old and one new value throughout; else None."""
    if not moved or not moved[0].money or moved[0].ratio is None:
        return None
    amount = moved[0]
    for other in moved[1:]:
        if other.call.name != amount.call.name or not _RATE_ARGUMENT.search(other.argument):
            continue
        pairs = other.pairs()
        if len(pairs) != 1 or pairs[0][0] <= 0:
            continue
        old, new = pairs[0]
        if abs(new / old - amount.ratio) <= 0.01 * amount.ratio:
            return f"{plain_number(old)}%", f"{plain_number(new)}%"
    return None
