"""A rate ("one guide for every 12 walkers", "£30 an hour each", "every 2 hours") says how
much or how often, not that something holds in every case: a sentence on another topic that
shares a rule's count ("12 walkers") is no claim the rule now makes an exception to (a
made-up walking-tour company whose club groups of more than 12 walkers are now billed)."""

from __future__ import annotations

from behaviordiff.drafting.impact import claims_for_all

RULE = (
    "Every other booking (private walkers, and club groups of 12 walkers or fewer) is paid by "
    "card when it's booked"
)


def test_a_rate_on_another_topic_claims_nothing_for_every_case() -> None:
    assert not claims_for_all(RULE, "We suggest one guide for every 12 walkers on a booking.")
    assert not claims_for_all(
        RULE, "Guides are £30 an hour each, and we suggest one for every 12 walkers."
    )
    assert not claims_for_all(RULE, "On a booking of 12 walkers we stop for tea every 2 hours.")


def test_a_claim_for_every_case_still_counts() -> None:
    assert claims_for_all(RULE, "Every booking is paid by card, however many walkers come.")
    assert claims_for_all(RULE, "Any booking for 12 walkers or more is paid by card.")
