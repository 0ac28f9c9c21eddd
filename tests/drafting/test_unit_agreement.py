"""A moved number written into a KB sentence takes the time unit after it along: "within 3
working days" becomes "within 1 working day" (not "1 working days"), "1 hour" becomes "4
hours"; a unit used as an adjective ("a 3 day pass") keeps its form."""

from __future__ import annotations

import pytest

from behaviordiff.drafting.rules import RuleMove, rewrite_sentence


def _move(old: str, new: str) -> RuleMove:
    return RuleMove(
        "H1", f"Reply within {old} days.", f"Reply within {new} days.", old, new, "value"
    )


@pytest.mark.parametrize(
    ("old", "new", "sentence", "expected"),
    [
        ("3", "1", "They'll reply within 3 working days.", "They'll reply within 1 working day."),
        ("1", "4", "A nurse calls within 1 hour.", "A nurse calls within 4 hours."),
        ("5", "2", "Refunds take 5 days.", "Refunds take 2 days."),
        ("3", "1", "Buy a 3 day pass.", "Buy a 1 day pass."),
        ("1", "3", "Buy a 1 day pass.", "Buy a 3 day pass."),
    ],
)
def test_the_unit_after_a_moved_number_agrees_with_it(
    old: str, new: str, sentence: str, expected: str
) -> None:
    assert rewrite_sentence(_move(old, new), sentence) == expected
