"""A duration said per a unit is a rate, not a time frame: "open 24 hours a day" and "7 days a
week" say always (no wait anyone is promised), and the "a day" of "twice a day" or "12 hours a
day" is no one-day promise. A real allowance per year ("60 days per year") and "within a day"
stay durations."""

from __future__ import annotations

import pytest

from behaviordiff.detect.facts import extract_promises


def _durations(text: str) -> set[str]:
    return {p.value for p in extract_promises(text) if p.kind == "duration"}


@pytest.mark.parametrize(
    "text",
    [
        "The booking form is open 24 hours a day.",
        "Our helpline is staffed seven days a week.",
        "The app takes orders 365 days a year.",
    ],
)
def test_a_rate_that_fills_its_unit_is_no_duration(text: str) -> None:
    assert _durations(text) == set()


def test_the_a_day_of_a_rate_is_no_one_day_promise() -> None:
    assert _durations("Take one tablet twice a day for 7 days.") == {"7 days"}
    assert _durations("The pool is open 12 hours a day.") == {"12 hours"}
    assert _durations("Courses run three days a week.") == {"3 days"}


def test_durations_that_are_no_rate_stay() -> None:
    assert _durations("You can pause for up to 60 days per year.") == {"60 days"}
    assert _durations("We reply within a day.") == {"1 day"}
    assert _durations("Refunds reach your card within 24 hours.") == {"24 hours"}
