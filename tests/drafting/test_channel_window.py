"""A window lengthened for one way of buying only, the old prompt sentence having claimed it the
same for every way ("within 28 days of delivery, whether they ordered online or by phone" →
online 60 days, by phone 28): the KB's sentence stating the old window for everyone is the old
rule (not a subject the new prompt split off, though the new sentence words the rest of the
rule otherwise; not the far side of the line the phone orders keep), and a sentence claiming
it the same for both ways is said once per way (made-up domain: a garden furniture shop)."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.percase import _TRAIL, _alternatives
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = (
    "Customers can return their furniture within 28 days of delivery, whether they ordered "
    "online or by phone."
)
ONLINE = "Orders placed online can be returned within 60 days of delivery."
PHONE = "Orders placed by phone can be returned within 28 days of delivery."
CALL = "Call `book_collection` (order_ref) and confirm it's booked."
STEP = (
    "Within that period, call `book_collection` (order_ref) and confirm it's booked; for an "
    "online order after 28 days, tell them online orders have 60 days to return."
)
RULES = [
    Rule("H1", "sentence_changed", "Returns", OLD, ONLINE, "sentence changed"),
    Rule("H2", "sentence_changed", "Returns", CALL, PHONE, "sentence changed"),
    Rule("H3", "sentence_added", "Returns", None, STEP, "sentence added"),
]
ATOMS = [
    {"feature": "channel", "op": "=", "value": "online"},
    {
        "feature": "days_since_delivery",
        "op": "between",
        "low": 28,
        "high": 60,
        "low_inclusive": False,
        "high_inclusive": True,
    },
]
ARTICLE = """# Returning furniture

Not quite right? You can return it within 28 days of delivery and we'll collect it for free.

## Cushions

Cushion covers are washable at 30 degrees.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou can return your furniture within 28 days of "
    "delivery, and it's the same whether you ordered online or by phone. We've booked the "
    "collection.\n\nBest wishes"
)


def _impacts():  # type: ignore[no-untyped-def]
    facts = moved_facts(RULES, ATOMS, title="now calls book_collection")
    knowledge = KnowledgeBase([kb_item("returns", ARTICLE), kb_item("booked", MACRO, "macro")])
    return facts, {impact.item.id: impact for impact in rank_items(facts, knowledge)}


def test_one_word_and_a_phrase_are_two_alternatives_of_a_sameness_claim() -> None:
    found = _TRAIL.match(
        "You can return it within 28 days, and it's the same whether you ordered online or "
        "by phone."
    )
    assert found is not None and found["main"] == "You can return it within 28 days"
    assert _alternatives(found["lead"]) == ("you ordered", "online", "by phone")


def test_the_window_said_for_everyone_gets_the_online_one_beside_it() -> None:
    facts, impacts = _impacts()
    [conflict] = impacts["returns"].conflicts
    assert conflict.sentence.startswith("You can return it within 28 days of delivery")
    edited = TemplateDrafter().edit(facts, impacts["returns"]).new_body
    assert edited is not None and "60 days for online" in edited
    assert "28 days" in edited and "washable at 30 degrees" in edited


def test_the_sameness_claim_is_said_once_per_way_of_ordering() -> None:
    facts, impacts = _impacts()
    edited = TemplateDrafter().edit(facts, impacts["booked"]).new_body
    assert edited == MACRO.replace(
        "You can return your furniture within 28 days of delivery, and it's the same whether "
        "you ordered online or by phone.",
        "You can return your furniture within 60 days of delivery if you ordered online. You "
        "can return your furniture within 28 days of delivery if you ordered by phone.",
    )
