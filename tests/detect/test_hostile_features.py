"""Probe variables and tool results no bound can be put on (an int too big for a float, NaN,
infinity: a hostile probe file or tool result) are left out of the numeric condition search,
never a crash; the clean rule is still found."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions
from behaviordiff.detect.model import ProbeVerdict


def _verdicts(odd: object) -> list[ProbeVerdict]:
    """A bike shop's service bookings: e-bikes changed; one probe's mileage is `odd`."""
    rows = [
        ("ebike-1", "ebike", True, 120),
        ("ebike-2", "ebike", True, odd),
        ("ebike-3", "ebike", True, 300),
        ("road-1", "road", False, 80),
        ("road-2", "road", False, odd),
        ("city-1", "city", False, 450),
        ("city-2", "city", False, 60),
    ]
    return [
        ProbeVerdict(
            probe_id,
            "behavior-changed" if changed else "unchanged",
            [],
            2,
            2,
            features={"bike_type": kind, "miles": miles, "tag:service": True},
        )
        for probe_id, kind, changed, miles in rows
    ]


def test_a_number_no_bound_can_be_put_on_is_no_number() -> None:
    for odd in (10**400, float("nan"), float("inf"), -float("inf")):
        verdicts = _verdicts(odd)
        changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
        [first, *_] = find_conditions(changed, verdicts, 3)
        assert first.text == "bike_type = ebike", odd
        assert (first.matched_changed, first.matched_others) == (3, 0)
