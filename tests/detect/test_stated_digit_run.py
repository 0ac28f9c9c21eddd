"""A pasted ID or long number in a prompt (a run of thousands of digits) is read in linear time:
the percent part of the stated-number pattern starts only where a digit run starts, not at
every digit of it (that ran 56 s at 20,000 digits)."""

from __future__ import annotations

import time

from behaviordiff.detect.conditions import stated_boundaries


def test_a_run_of_digits_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    for text in ("1" * 20000 + "x", "Order ref " + "7" * 20000 + " is at 5%.", "1.1" * 6000 + "%"):
        stated_boundaries([text])
    # well under 0.2 s on an idle machine; a start at every digit ran about a minute
    assert time.perf_counter() - started < 3


def test_a_percent_is_still_read_whole() -> None:
    """A greenhouse's plant discount: the whole figure, decimals included, is the bound."""
    values = {b.value for b in stated_boundaries(["Members get 12.5% off seedlings."])}
    assert 12.5 in values and 2.5 not in values and 5.0 not in values
