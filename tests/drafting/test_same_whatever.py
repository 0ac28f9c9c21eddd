"""A value moved for some values of a category condition (cake orders placed at the weekend
now take 4 days, weekday orders still 2) while the KB says the old value holds whatever the
case ("Whatever day you place it …", "It makes no difference which day you order …"): that
sentence conflicts; the same value said of another product ("bread takes 2 days, whichever
day you order") does not, nor does a sentence without a claim over every case."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import sentence_conflict
from behaviordiff.drafting.samewhatever import SAME_WHATEVER_REASON, same_whatever_reason


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="make_cake: ready_days 2 → 4",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2"],
        others=4,
        removed_promises=[Promise("duration", "2 days")],
        added_promises=[Promise("duration", "4 days")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup_order.placed_on in {saturday, sunday}",
                    "atoms": [
                        {
                            "feature": "lookup_order.placed_on",
                            "op": "in",
                            "value": ["saturday", "sunday"],
                        }
                    ],
                }
            )
        ],
    )


def test_whatever_day_claim_of_the_old_value_conflicts() -> None:
    facts = _facts()
    for sentence in (
        "Whatever day you place your cake order, online or in the shop, it is ready in 2 days.",
        "It makes no difference which day you order: cakes ordered on a Saturday are ready "
        "in the same 2 days as any other.",
    ):
        reason = same_whatever_reason(facts, sentence)
        assert reason is not None and reason.startswith(SAME_WHATEVER_REASON)
        assert any(r.startswith(SAME_WHATEVER_REASON) for r in sentence_conflict(facts, sentence))


def test_same_value_of_another_product_or_without_claim_is_kept() -> None:
    facts = _facts()
    # another product: names neither the condition's feature nor its values
    assert same_whatever_reason(facts, "Sliced bread takes 2 days, whichever day you ask.") is None
    # no claim over every case
    assert (
        same_whatever_reason(facts, "Cakes are ready in 2 days from the day you place the order.")
        is None
    )
    # a value the new agent still states
    assert same_whatever_reason(facts, "Whatever day you place it, your cake costs £30.") is None
