"""A cap put on an amount the KB says is paid in full: each marked sentence saying so is said
again in its own words with the cap and what happens above it, a list item too, placeholders
kept, no tool or argument in the prose. A made-up bike courier that used to refund a lost
parcel's full insured value and now refunds up to $500 per parcel."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.capped import (
    capped_body,
    capped_sentence,
    new_cap,
    pays_in_full,
    still_paid_in_full,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule

OLD = "If a parcel is lost, refund its full insured value with `refund` (parcel, amount)."
NEW = (
    "If a parcel is lost, refund its insured value with `refund` (parcel, amount), "
    "up to $500 per parcel."
)
ABOVE = (
    "If the insured value is more than $500, refund $500 and open a claim with `open_claim` "
    "(parcel) so our underwriter can review the rest."
)


def _facts(old: str = OLD, line: float = 500) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls open_claim",
        kind="actions",
        facets=["actions"],
        probe_ids=["lost-700", "lost-900"],
        after_actions=[ActionFact("open_claim")],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"get_parcel.insured_value > {line:g}",
                    "atoms": [{"feature": "get_parcel.insured_value", "op": ">", "value": line}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Lost parcels", old, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Lost parcels", None, ABOVE, "sentence added"),
        ],
        excerpts=[Excerpt(probe_id="lost-700", old="Refunded $700.", new="Refunded $500.")],
        others=6,
    )


def test_the_cap_and_what_happens_above_it_are_read_from_the_new_prompt() -> None:
    cap = new_cap(_facts())
    assert cap is not None
    assert (cap.cap, cap.amount) == ("up to $500 per parcel", "$500")
    # the tool and its argument stay out of what is said above the line
    assert cap.above == "refund $500 and open a claim so our underwriter can review the rest"


def test_no_cap_without_a_paid_in_full_old_rule_or_a_cap_at_the_line() -> None:
    assert new_cap(_facts(old="If a parcel is lost, refund $100.")) is None
    assert new_cap(_facts(line=400)) is None


def test_sentences_paying_in_full_say_the_cap_in_their_own_words() -> None:
    cap = new_cap(_facts())
    assert cap is not None
    said = capped_sentence(
        cap, "We pay back the full insured value of a lost parcel, whatever it cost."
    )
    assert said == (
        "We pay back the insured value of a lost parcel, up to $500 per parcel; above that, we "
        "refund $500 and open a claim so our underwriter can review the rest."
    )
    # another subject said "at full value" is no refund: the impact never marks it, and a
    # sentence already saying the cap is not paying in full
    assert not pays_in_full(cap, "Lost parcels are refunded up to $500.")
    body = (
        "# Lost parcels\n\n- Every parcel is tracked.\n- Lost parcels are refunded in full.\n\n"
        "Hi {{ticket.requester.first_name}}, stamps are sold at full value.\n"
    )
    new = capped_body(cap, body, "markdown", {"- Lost parcels are refunded in full."})
    assert new is not None
    assert "- Lost parcels are refunded, up to $500 per parcel; above that, we refund $500" in new
    assert "- Every parcel is tracked." in new and "stamps are sold at full value" in new
    assert "{{ticket.requester.first_name}}" in new and "open_claim" not in new


def test_a_drafting_models_edit_that_still_pays_in_full_is_refused() -> None:
    old = "Lost parcels are refunded in full. Stamps are always sold at full value.\n"
    marked = ["Lost parcels are refunded in full."]
    kept = "Lost parcels are refunded in full. Stamps are always sold at full value.\n"
    reworded = "We refund the full value of lost parcels. Stamps are always sold at full value.\n"
    capped = (
        "Lost parcels are refunded up to $500 per parcel. Stamps are always sold at full value.\n"
    )
    facts = _facts()
    assert still_paid_in_full(facts, marked, old, kept, "text") == marked
    assert still_paid_in_full(facts, marked, old, reworded, "text") == [
        "We refund the full value of lost parcels."
    ]
    # the cap said; the other subject's "full value" the impact did not mark stays
    assert still_paid_in_full(facts, marked, old, capped, "text") == []
    # no cap in the change: nothing to refuse
    assert still_paid_in_full(_facts(line=400), marked, old, kept, "text") == []
