"""A new amount written the way a text wrote the old one when the old one's unit gives no
whole count: a text that writes durations in words ("a fortnight's notice", "at least a
fortnight") gets the largest unit that does ("a week's notice", "three weeks"), not the new
amount's days ("seven days'"); its own unit when none larger does ("ten days'"). A made-up
canal-boat hire and a made-up piano teacher, not a scenario's domain."""

from __future__ import annotations

import pytest

from behaviordiff.detect.quantities import find_quantities, read_quantity, written_like


def _written(new: str, text: str) -> str | None:
    quantity = read_quantity(new)
    assert quantity is not None
    like = find_quantities(text)[0]
    return written_like(quantity, like)


@pytest.mark.parametrize(
    ("new", "text", "written"),
    [
        ("7 days", "Give us a fortnight's notice to cancel the boat.", "a week's"),
        ("21 days", "Book at least a fortnight before your first lesson.", "three weeks"),
        ("10 days", "Give us a fortnight's notice to cancel the boat.", "ten days'"),
        ("36 hours", "We reply within a day.", "thirty-six hours"),
        ("14 days", "Book at least a week before your first lesson.", "two weeks"),
        ("2 days", "Moorings are held for 48 hours.", "48 hours"),
    ],
)
def test_words_take_the_largest_whole_unit(new: str, text: str, written: str) -> None:
    assert _written(new, text) == written
