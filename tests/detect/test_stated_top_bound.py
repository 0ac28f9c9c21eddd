"""A span's stated end at the largest value the probes show ("6pm to 9pm" with a probe at 9pm)
still splits them, as "< 21": the condition is the span, not "from 6pm" with the 9pm probe in."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict
from tests.detect.test_conditions_ranges import _verdict


def _visits() -> list[ProbeVerdict]:
    hours = [8, 9, 11, 13, 14, 16, 17, 18, 18, 19, 20, 20, 21, 21, 12, 15]
    return [
        _verdict(f"v{index}", 18 <= hour < 21, visit_hour=hour, job=("tap", "sink")[index % 2])
        for index, hour in enumerate(hours)
    ]


def test_a_stated_end_at_the_largest_hour_seen_bounds_the_span() -> None:
    verdicts = _visits()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        [
            "Evening visits, from 6pm to 9pm, cost half as much again.",
            "Evening visits, from 6pm to 9pm, cost a flat £30 extra.",
        ]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert (best.matched_changed, best.changed, best.matched_others) == (5, 5, 0)
    [atom] = best.to_dict()["atoms"]
    assert (atom["feature"], atom["low"], atom["high"]) == ("visit_hour", 18.0, 21.0)
    assert (atom["low_inclusive"], atom["high_inclusive"]) == (True, False)
