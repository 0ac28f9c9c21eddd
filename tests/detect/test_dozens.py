"""Counts in dozens: "half a dozen" is 6 (never the 12 of the "a dozen" inside it), and a new
count goes back into a text that counts in dozens in the same kind of words."""

from __future__ import annotations

import pytest

from behaviordiff.detect.countwords import in_dozens
from behaviordiff.detect.quantities import find_quantities, read_quantity, written_like


def test_half_a_dozen_is_six_not_the_dozen_inside_it() -> None:
    [half] = find_quantities("Half a dozen rolls cost $5, a dozen $9.")[:1]
    assert (half.text, half.count, half.unit) == ("Half a dozen", 6.0, "")
    counts = [q.count for q in find_quantities("Half a dozen rolls cost $5, a dozen $9.")]
    assert counts == [6.0, 12.0]


@pytest.mark.parametrize(
    ("new", "like", "written"),
    [
        ("two dozen", "a dozen", "two dozen"),
        ("three dozen", "A dozen", "Three dozen"),
        ("half a dozen", "a dozen", "half a dozen"),
        ("a dozen", "half a dozen", "a dozen"),
        ("2 dozen", "a dozen", "two dozen"),
    ],
)
def test_a_new_count_is_written_the_way_the_text_counts(new: str, like: str, written: str) -> None:
    new_amount, like_amount = read_quantity(new), read_quantity(like)
    assert new_amount is not None and like_amount is not None
    assert written_like(new_amount, like_amount) == written


def test_a_count_that_is_no_whole_number_of_dozens_is_left_to_a_writer() -> None:
    assert in_dozens(24, "a dozen") == "two dozen"
    assert in_dozens(6, "A dozen") == "Half a dozen"
    assert in_dozens(20, "a dozen") is None
    assert in_dozens(240, "a dozen") is None


def test_a_couple_or_a_pair_is_two() -> None:
    [weeks] = find_quantities("It can take a couple of weeks to settle in.")
    assert (weeks.text, weeks.count, weeks.unit, weeks.worded) == (
        "a couple of weeks",
        2,
        "week",
        True,
    )
    assert weeks.amount == find_quantities("two weeks")[0].amount
    [pair] = find_quantities("Bring a pair of gloves.")
    assert (pair.text, pair.count, pair.unit) == ("a pair", 2.0, "")
    # "a couple" alone or before no "of" says no count
    assert find_quantities("The couple booked a table; a couple days later") == []


def test_an_amount_in_a_couple_of_units_is_rewritten_in_words() -> None:
    new, like = read_quantity("three weeks"), read_quantity("a couple of weeks")
    assert new is not None and like is not None
    assert written_like(new, like) == "three weeks"
