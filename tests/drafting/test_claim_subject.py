"""A claim for every case said of another subject than the change's: a bike-hire desk now
gives helmet hire free on bookings made online (source `web`), where it cost €3 a rider
however the booking was made. "Bike lights are free for every rider, before and after your
helmet fitting." shares "free", "helmet" and the universal with the new rule, but its subject
is the lights: it is kept. The claim said of helmet hire itself still conflicts."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.claimsubject import claim_of_other_subject, claim_subject
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

RULE = (
    "If it was booked online (source `web`), helmet hire is free: add it with `add_helmet`, "
    "fee_eur 0, and tell them it's free for booking online."
)
ARTICLE = """# Hiring a bike

## Do I need a helmet?

Helmet hire is €3 a rider, the same for every booking, and you pay at the counter.

## Can I have lights?

Yes. Bike lights are free for every rider, before and after your helmet fitting.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="add_helmet: fee_eur 3 → 0",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        removed_promises=[Promise("money", "€3.00")],
        added_promises=[Promise("term", "free of charge")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag helmet-hire and lookup_hire.source = web",
                    "atoms": [
                        {"feature": "tag:helmet-hire", "op": "tag"},
                        {"feature": "lookup_hire.source", "op": "=", "value": "web"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[Rule("H2", "sentence_added", "Helmets", None, RULE, "added")],
    )


def test_the_subject_a_sentence_opens_with() -> None:
    assert claim_subject("Bike lights are free for every rider.") == "Bike lights"
    assert claim_subject("Early drop-off costs £5, however you booked.") == "Early drop-off"
    assert claim_subject("It's the same price whatever you ride.") is None
    assert claim_subject("Any bike can be hired for a day.") is None
    assert claim_of_other_subject({"helmet", "hire"}, "Bike lights are free for every rider.")
    assert not claim_of_other_subject({"helmet", "hire"}, "Helmet hire is free for every rider.")
    assert not claim_of_other_subject(set(), "Bike lights are free for every rider.")


def test_a_claim_for_everyone_about_another_subject_is_no_conflict() -> None:
    [impact] = rank_items(_facts(), KnowledgeBase([kb_item("hiring", ARTICLE)]))
    conflicting = [conflict.sentence for conflict in impact.conflicts]
    assert not any("Bike lights" in sentence for sentence in conflicting)
