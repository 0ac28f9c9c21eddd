"""A writer says a band the way people do, its whole ends inclusive: "24 to 47 hours" for
`24 <= hours_until_pickup < 48`. The check counts an end one inside a bound the evidence
states as that bound (a new user's trial, T5: the right band was flagged "not in the
evidence", and the changelog then showed CS "approved despite a check"); an end two away is
still not grounded."""

from __future__ import annotations

import pytest

from behaviordiff.drafting.grounding import Grounding

EVIDENCE = Grounding(
    [
        "When: 24 <= lookup_booking.hours_until_pickup < 48 (4 of 4 changed probes match).",
        "Bookings cancelled 48 hours or more before pickup get a full refund (was 24 hours).",
    ]
)


@pytest.mark.parametrize("said", ["24 to 47 hours", "24-47 hours", "25 to 48 hours"])
def test_a_band_with_whole_ends_one_inside_the_bounds_is_grounded(said: str) -> None:
    problems = EVIDENCE.check(f"A partial refund for cancellations {said} before pickup.")
    assert not [problem for problem in problems.problems if "duration" in problem]


@pytest.mark.parametrize("said", ["24 to 46 hours", "20 to 47 hours"])
def test_an_end_further_away_is_not(said: str) -> None:
    problems = EVIDENCE.check(f"A partial refund for cancellations {said} before pickup.")
    assert [problem for problem in problems.problems if "duration" in problem]
