"""Numbers the config moved: a bound in a tool's schema or a setting (a tool's `maximum` of
free renewals 4 -> 3, `max_items: 10` -> 8), as the (old, new) pairs `conditions.moved_bounds`
gives for a prompt sentence. The prompt can read such a limit from the tool ("free up to the
limit set on renew_loan") and stay the same; the band between the old and the new number is
then the one the edit states, and the condition search prefers it over a band fitted to the
probes' own values (whole-number counts leave both open: `1 < renewals <= 2` and
`2 <= renewals < 3` separate the same probes; the edit moved 3 to 2)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from behaviordiff.detect.conditions import Boundary
from behaviordiff.diffing.model import Hunk

_NUMBER_KINDS = ("tool_changed", "config_changed", "data_changed")
_KEY_WORD = re.compile(r"[a-z]{3,}")


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def config_moved_bounds(hunks: Iterable[Hunk]) -> list[tuple[Boundary, Boundary]]:
    """Each number a config or data hunk changed in place, as an (old, new) pair of bare
    numbers whose words are its key's ("renew_loan.parameters.properties.free_renewal.
    maximum" names renew, loan, free, renewal ...). No wording says on which side each end
    falls, so the search tries both (`_band_ops`) and the probes decide."""
    found: list[tuple[Boundary, Boundary]] = []
    seen: set[tuple[float, float]] = set()
    for hunk in hunks:
        if hunk.kind not in _NUMBER_KINDS:
            continue
        old, new = _number(hunk.old), _number(hunk.new)
        if old is None or new is None or old == new or (old, new) in seen:
            continue
        seen.add((old, new))
        words = frozenset(
            word.removesuffix("s") for word in _KEY_WORD.findall((hunk.key or "").lower())
        )
        found.append((Boundary(old, "", words=words), Boundary(new, "", words=words)))
    return found
