"""A pasted ID or long number in a prompt (a run of thousands of digits) is read in linear time:
the percent part of the stated-number pattern starts only where a digit run starts, not at
every digit of it (that ran 56 s at 20,000 digits; timed in bench/huge_drafting.py, "conditions
stated_boundaries, a run of digits")."""

from __future__ import annotations

from behaviordiff.detect.conditions import stated_boundaries


def test_a_percent_after_a_run_of_digits_is_read_from_its_own_start() -> None:
    values = {b.value for b in stated_boundaries(["Order ref " + "7" * 2000 + " is at 5%."])}
    assert 5.0 in values
    assert not any(isinstance(v, float) and 0 < v < 5 for v in values)


def test_a_percent_is_still_read_whole() -> None:
    """A greenhouse's plant discount: the whole figure, decimals included, is the bound."""
    values = {b.value for b in stated_boundaries(["Members get 12.5% off seedlings."])}
    assert 12.5 in values and 2.5 not in values and 5.0 not in values
