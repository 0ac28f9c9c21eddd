"""Details asked for and then checked are "them" to the KB too: a climbing wall's new step
"ask for their membership number and surname, and confirm them with `find_member`" said to the
customer is "we ask for your membership number and surname, and confirm them", never "confirm
you"; a "them" that is the customer, later in the sentence or in another, is still "you"."""

from __future__ import annotations

from behaviordiff.drafting.rules import to_you


def test_details_asked_for_and_checked_stay_them() -> None:
    said = to_you(
        "ask for their membership number and surname, and confirm them before you book them in"
    )
    assert said == (
        "ask for your membership number and surname, and confirm them before you book you in"
    )


def test_a_them_that_is_the_customer_is_still_you() -> None:
    assert to_you("Ask them for a photo, and tell them we will reply.") == (
        "Ask you for a photo, and tell you we will reply."
    )
    assert to_you("ask for the booking reference and check it, then call them back") == (
        "ask for the booking reference and check it, then call you back"
    )


def test_long_runs_end_quickly() -> None:
    assert to_you("ask for " + "and " * 30_000).startswith("ask for")
