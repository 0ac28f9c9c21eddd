"""Amounts the replies state that are each customer's own: a climbing centre that refunded a
course "in full, for the price paid" (the price read from `lookup_booking.price_gbp`, £45 for
one climber and £60 for another) now refuses inside the new cut-off. The old replies lost the
price, but the price is no policy value: the note neither lists it as something customers are
no longer told nor quotes a reply sentence naming it. A fee the policy sets (£5 in every reply,
whatever the price) and an amount every probe's tool returns alike stay policy."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Analysis, FacetResult, ProbeVerdict
from behaviordiff.drafting import TemplateDrafter, build_facts
from behaviordiff.drafting.drafters import note_text_problems
from behaviordiff.drafting.facts import ChangeFacts, FacetShift, own_amounts


def _verdict(probe_id: str, features: dict[str, Any], old: dict[str, int]) -> ProbeVerdict:
    result = FacetResult("promises", "changed", 0.01, "fisher", old_counts=old, new_counts={})
    return ProbeVerdict(
        probe_id,
        "behavior-changed",
        ["promises"],
        2,
        2,
        {"promises": result},
        features=features,
    )


def _booking(probe_id: str, price: float, days: int) -> ProbeVerdict:
    said = {f"money:£{price:.2f}": 2, "money:£5.00": 2, "duration:3 working days": 2}
    features = {
        "climber_name": probe_id.title(),
        "lookup_booking.price_gbp": price,
        "lookup_booking.days_to_course": days,
        "tag:refund": True,
    }
    return _verdict(probe_id, features, said)


def test_a_price_read_from_a_tool_and_varying_by_customer_is_their_own() -> None:
    members = [_booking("ana", 45, 3), _booking("ben", 60, 4), _booking("cy", 45, 5)]
    assert own_amounts(members) == {"money:£45.00", "money:£60.00"}
    # the same price for every customer of the change: nothing says it is not the policy's
    assert own_amounts([_booking("ana", 45, 3), _booking("cy", 45, 5)]) == set()
    # an amount said with a count of 0 is not said
    quiet = _verdict("dee", {"lookup_booking.price_gbp": 80}, {"money:£80.00": 0})
    assert "money:£80.00" not in own_amounts([*members, quiet])


def _facts() -> ChangeFacts:
    old = (
        "Hi Ana, I've refunded your course in full: £45 will reach your card within 3 working "
        "days. Anything else?"
    )
    new = "Hi Ana, sorry, refunds for this course have closed. You can move to a later course."
    return ChangeFacts(
        id="C1",
        title="No longer refunds a course",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["ana", "ben", "cy"],
        removed_promises=[Promise("duration", "3 business days")],
        shifts=[FacetShift("refusal", "added", ("ana", "ben"), 3, old, new)],
        own_amounts=["£45.00", "£60.00"],
    )


def test_the_note_quotes_no_sentence_naming_a_customer_s_own_price() -> None:
    facts = _facts()
    drafter = TemplateDrafter()
    shift = facts.shifts[0]
    assert drafter._shift_quote(facts, shift, "old") is None
    assert "£45" not in drafter._shift_line(facts, shift, "old")
    # the same sentence, its price no customer's own: quoted for the time it states
    facts.own_amounts = []
    assert drafter._shift_quote(facts, shift, "old") == (
        "I've refunded your course in full: £45 will reach your card within 3 working days."
    )


def _probe(probe_id: str, price: int) -> dict[str, Any]:
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed",
        "facets": ["actions", "promises"],
        "old_samples": 2,
        "new_samples": 2,
        "evidence": {
            "actions": {
                "status": "changed",
                "removed": ["refund_course"],
                "old_counts": {"refund_course": 2},
                "new_counts": {},
            },
            "promises": {
                "status": "changed",
                "removed": [f"money:£{price}.00", "duration:3 business days"],
                "old_counts": {f"money:£{price}.00": 2, "duration:3 business days": 2},
                "new_counts": {},
            },
            "excerpts": {
                "old": f"I've refunded your course: £{price} reaches your card in 3 working days.",
                "new": "Sorry, refunds for this course have closed.",
            },
        },
        "change_id": "C1",
    }


def test_the_change_s_facts_leave_the_customers_own_prices_out() -> None:
    prices = {"ana": 45, "ben": 60, "cy": 45}
    analysis = Analysis.from_dict(
        {
            "probes": [_probe(probe_id, price) for probe_id, price in prices.items()],
            "changes": [
                {
                    "id": "C1",
                    "title": "No longer refunds a course",
                    "probe_ids": list(prices),
                    "facets": ["actions", "promises"],
                    "kind": "actions",
                    "before": ["refund_course"],
                    "after": [],
                }
            ],
        }
    )
    for probe in analysis.probes:
        probe.features = {"lookup_booking.price_gbp": prices[probe.probe_id], "tag:refund": True}
    [facts] = build_facts(analysis)
    assert [p.value for p in facts.removed_promises] == ["3 business days"]
    assert facts.own_amounts == ["£45.00", "£60.00"]
    note = TemplateDrafter().note(facts, [], None)
    assert "£45" not in note.customer_impact and "£60" not in note.customer_impact


def test_a_model_s_note_stating_a_customer_s_own_price_is_sent_back() -> None:
    facts = _facts()
    said = "The agent no longer refunds a course 3 days or less before it starts."
    quoted = f"{said} In 2 of 3 conversations it said: “I've refunded your course: £45 is back.”"
    [problem] = note_text_problems(facts, quoted, said)
    assert "£45.00" in problem and "own amount" in problem
    assert note_text_problems(facts, f"{said} They are no longer told £60.", said) != []
    # the same words with no customer's own amount in them
    assert note_text_problems(facts, f"{said} They are no longer told 3 working days.", said) == []
