"""A charge with an amount the new prompt now takes from some customers ("Groups of 8 or more
need a $50 deposit") turns the KB sentences saying none is needed into the same sentence with
the charge's scope as its exception; the same word on another topic (a cake order's deposit)
stays. A made-up case: a restaurant's table bookings."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import excepted_sentence, negates_requirement, requirement
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "No deposit is needed for a table: guests pay at the end of their meal."
NEW = (
    "Tables for 8 guests or more need a $50 deposit: hold it with `hold_deposit` before you "
    "confirm the table, and tell the guest it comes off the bill."
)
TABLES = """# Booking a table

Book online or call us. We never ask for a deposit when you book a table, whatever the size
of your party. You pay at the end of your meal.

## Celebration cakes

Order a cake at least 3 days ahead. We take a 25% deposit on cake orders, and deposits on cake
orders are not refundable.
"""
CONFIRMED = (
    "Hi {{ticket.requester.first_name}},\n\nYour table is booked for {{ticket.custom_field_time}}. "
    "There's no deposit to pay. See you soon!\n\nThe team"
)
CAKE = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your cake order! No deposit is refunded "
    "once the cake is made.\n\nThe team"
)


def _item(kind: str, title: str, body: str) -> KnowledgeItem:
    return KnowledgeItem(kind, title.lower(), title, body, "markdown", "kb", title)  # type: ignore[arg-type]


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C3",
        title="now calls hold_deposit",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["table-8", "table-10", "table-12"],
        after_actions=[ActionFact("hold_deposit")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "party_size", "op": ">=", "value": 8}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Tables", OLD, NEW, "…"),
            Rule(
                "H2", "tool_added", None, None, None, "tool hold_deposit added", "Hold a deposit."
            ),
        ],
        excerpts=[Excerpt(probe_id="table-8", old="Booked.", new="I've held a $50 deposit.")],
        others=5,
    )


def test_a_charge_with_an_amount_is_a_requirement_for_whom_the_sentence_names() -> None:
    needed = requirement(_facts().rules)
    assert needed is not None and not needed.in_condition
    assert (needed.what, needed.scope, needed.verb) == (
        "a $50 deposit",
        "Tables for 8 guests or more",
        "need",
    )
    # the same charge in the old version is no new requirement
    same = Rule("H1", "sentence_changed", "Tables", NEW.replace("8", "10"), NEW, "…")
    assert requirement([same]) is None
    # a charge for everyone names no one to except
    everyone = Rule(
        "H1", "sentence_changed", "Tables", OLD, "Every table now needs a $5 deposit.", "…"
    )
    found = requirement([everyone])
    assert found is not None and found.scope == ""


def test_sentences_denying_the_charge_are_found_and_its_word_elsewhere_is_not() -> None:
    needed = requirement(_facts().rules)
    assert needed is not None
    assert negates_requirement(needed, "We never ask for a deposit when you book a table.")
    assert negates_requirement(needed, "There's no deposit to pay.")
    assert negates_requirement(needed, "A deposit is not required.")
    # the same word, said of something else than whether one is taken
    assert not negates_requirement(needed, "Deposits on cake orders are not refundable.")
    assert not negates_requirement(needed, "We take a 25% deposit on cake orders.")
    assert not negates_requirement(needed, "There's no need to book for lunch.")
    assert not negates_requirement(needed, "No deposit is refunded once the cake is made.")


def test_the_sentence_keeps_saying_so_for_everyone_else_with_the_charge_as_its_exception() -> None:
    needed = requirement(_facts().rules)
    assert needed is not None
    assert excepted_sentence(
        needed, "There's no deposit to pay, whatever the size of your party."
    ) == (
        "There's no deposit to pay, except for tables for 8 guests or more, which need a $50 "
        "deposit."
    )
    assert excepted_sentence(needed, "No deposit is needed, and you pay after your meal.") == (
        "No deposit is needed, except for tables for 8 guests or more, which need a $50 "
        "deposit, and you pay after your meal."
    )
    # a sentence with an exception of its own is flagged, not guessed at
    assert excepted_sentence(needed, "No deposit is needed, except at Christmas.") is None


def test_the_kb_sentences_gain_the_exception_and_the_traps_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            _item("article", "Booking a table", TABLES),
            _item("macro", "Tables::Confirmed", CONFIRMED),
            _item("macro", "Cakes::Ordered", CAKE),
        ]
    )
    impacts = rank_items(facts, knowledge)
    edits = {
        impact.item.title: TemplateDrafter().edit(facts, impact)
        for impact in impacts
        if impact.affected
    }
    assert edits["Booking a table"].new_body == TABLES.replace(
        "We never ask for a deposit when you book a table, whatever the size\nof your party.",
        "We never ask for a deposit when you book a table, except for tables for 8 guests or "
        "more, which need a $50 deposit.",
    )
    assert edits["Tables::Confirmed"].new_body == CONFIRMED.replace(
        "There's no deposit to pay.",
        "There's no deposit to pay, except for tables for 8 guests or more, which need a $50 "
        "deposit.",
    )
    assert "Cakes::Ordered" not in edits
