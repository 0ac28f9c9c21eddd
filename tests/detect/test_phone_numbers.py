"""A phone number in a changed prompt sentence states no amounts: a dental practice that now
books up to 2 children per appointment instead of 3, and still gives its family line, moved
3 to 2 and nothing else (not 161, 496 or 732 of "0161 496 0732")."""

from __future__ import annotations

from behaviordiff.detect.conditions import moved_bounds, stated_boundaries
from behaviordiff.detect.quantities import phone_numbers

OLD = (
    "- Book up to 3 children in one appointment; for more, ask the parent to call our family "
    "line on 0161 496 0732 so we can open two chairs."
)
NEW = (
    "- Book up to 2 children in one appointment; for more, ask the parent to call our family "
    "line on 0161 496 0732 so we can open two chairs."
)


def test_a_phone_numbers_groups_move_no_bound() -> None:
    assert [(was.value, now.value, was.unit) for was, now in moved_bounds([(OLD, NEW)])] == [
        (3.0, 2.0, "")
    ]


def test_a_phone_number_states_no_boundary() -> None:
    stated = {(b.value, b.unit) for b in stated_boundaries([OLD])}
    assert (161.0, "") not in stated and (496.0, "") not in stated and (732.0, "") not in stated
    assert (3.0, "") in stated
    called = "Out of hours, ring +44 20 7946 0958 or 020-7946-0958 for up to 15 minutes' advice."
    assert {(b.value, b.unit) for b in stated_boundaries([called])} == {(15.0, "minutes")}


def test_only_a_run_of_nine_digits_from_a_zero_or_plus_is_a_phone_number() -> None:
    assert phone_numbers("Ring 0161 496 0732.") == [(5, 18)]
    assert phone_numbers("+1 555-123-4567") == [(0, 15)]
    assert phone_numbers("Scores of 0 20 40 60 80 100, between 10 and 200.") == []
    assert phone_numbers("Open 0900-1700, fees 0.50 each, room 012 34.") == []
