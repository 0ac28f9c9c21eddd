"""A span of the day in "between" words ("between 9am and 1pm") bounds an hour from both
sides, as "from 9am to 1pm" does: the first time from below, the second from above."""

from __future__ import annotations

import pytest

from behaviordiff.detect.clocktimes import clock_ops, find_clock_times
from behaviordiff.detect.conditions import stated_boundaries


@pytest.mark.parametrize(
    "text",
    [
        "Faults reported between 8am and 1pm get a visit today.",
        "Between 8 a.m. and 1 p.m., faults get a visit today.",
        "faults reported between 08:00 and 13:00",
    ],
)
def test_a_between_span_bounds_the_hour_from_both_sides(text: str) -> None:
    first, second = find_clock_times(text)
    assert (clock_ops(text, first), clock_ops(text, second)) == ({">="}, {"<=", "<"})


def test_a_time_after_and_alone_is_no_end_of_a_span() -> None:
    text = "Between visits we rest, and 1pm is lunch."
    [time] = find_clock_times(text)
    assert clock_ops(text, time) == frozenset()
    found = {(b.value, b.unit): b.ops for b in stated_boundaries(["Open between noon and 6pm."])}
    assert found == {(12.0, "clock"): {">="}, (18.0, "clock"): {"<=", "<"}}
