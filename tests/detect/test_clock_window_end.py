"""A clock time that ends a window ("from 7am to 3pm") leaves open whether its own hour is in
it: the probes say, as "< 15" or "<= 15". Beside a second time the prompt states (the last
slot "starts at 2pm"), the window's end is the condition's bound, not the slot's hour."""

from __future__ import annotations

from behaviordiff.detect.clocktimes import clock_ops, find_clock_times
from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict
from tests.detect.test_conditions_ranges import _verdict


def test_a_window_end_gives_both_sides_of_its_hour() -> None:
    text = "Drop-offs run from 7am to 3pm."
    first, second = find_clock_times(text)
    assert (clock_ops(text, first), clock_ops(text, second)) == ({">="}, {"<=", "<"})


def _dropoffs() -> list[ProbeVerdict]:
    hours = [7, 9, 10, 12, 13, 14, 15, 15, 16, 16, 17, 17, 18, 19, 11, 8]
    return [
        _verdict(f"d{index}", 15 <= hour < 17, dropoff_hour=hour, coat=("short", "long")[index % 2])
        for index, hour in enumerate(hours)
    ]


def test_a_shortened_window_is_bounded_by_its_stated_end_not_the_last_slot() -> None:
    verdicts = _dropoffs()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        [
            "Grooming drop-offs run from 7am to 5pm. Slots start on the hour, so the last"
            " one starts at 4pm.",
            "Grooming drop-offs run from 7am to 3pm. Slots start on the hour, so the last"
            " one starts at 2pm.",
        ]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert (best.matched_changed, best.changed, best.matched_others) == (4, 4, 0)
    [atom] = best.to_dict()["atoms"]
    assert (atom["feature"], atom["low"], atom["high"]) == ("dropoff_hour", 15.0, 17.0)
    assert (atom["low_inclusive"], atom["high_inclusive"]) == (True, False)
