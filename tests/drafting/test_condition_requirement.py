"""A rule whose condition now asks the customer for something ("… and shows the receipt")
turns round the KB sentences saying it is not needed, in their own words; traps with the same
word on other topics stay. A made-up case: a shoe shop's returns."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import (
    negates_requirement,
    required_sentence,
    requirement,
    rule_moves,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD = "If the customer returns unworn shoes within 30 days, refund them with `refund_sale`."
NEW = (
    "If the customer returns unworn shoes within 30 days and includes the till receipt, "
    "refund them with `refund_sale`."
)
RETURNS = """# Returns

Send unworn shoes back within 30 days for a full refund. You don't need to include a
receipt: we can look up your order.

## Gift receipts

A gift receipt is printed at the till on request.
"""
REFUNDED = (
    "Hi {{ticket.requester.first_name}},\n\nYour shoes are back with us and we've refunded "
    "you. There was no need to include a receipt; we found the order.\n\nBest,\nThe shop"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C2",
        title="no longer calls refund_sale",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["return-1", "return-2", "return-3"],
        before_actions=[ActionFact("refund_sale")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "has_receipt", "op": "=", "value": False}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Returns", OLD, NEW, "…")],
        excerpts=[Excerpt(probe_id="return-1", old="Refunded.", new="Could you send the receipt?")],
        others=6,
    )


def test_what_a_rule_s_condition_now_asks_for_is_a_requirement() -> None:
    needed = requirement(_facts().rules)
    assert needed is not None and needed.in_condition
    assert needed.what == "the till receipt"
    # what the old rule already asked for is no new requirement
    same = Rule("H1", "sentence_changed", "Returns", NEW, NEW.replace("30", "14"), "…")
    assert requirement([same]) is None


def test_a_sentence_saying_it_is_not_needed_is_turned_round_in_its_own_words() -> None:
    needed = requirement(_facts().rules)
    assert needed is not None
    # what follows after a colon or semicolon is why it was not needed: it goes too
    assert (
        required_sentence(
            needed, "You don't need to include a\nreceipt: we can look up your order."
        )
        == "You need to include a\nreceipt."
    )
    assert (
        required_sentence(needed, "There was no need to include a receipt; we found the order.")
        == "Thank you for including a receipt."
    )
    assert required_sentence(needed, "There's no need to bring a receipt.") == (
        "Please bring a receipt."
    )
    assert required_sentence(needed, "A receipt is not needed.") == "A receipt is needed."
    # a sentence going on past the clause is flagged, not guessed at
    assert required_sentence(needed, "You don't need a receipt, just your card.") is None
    # the same word on another topic says nothing about what is needed
    assert not negates_requirement(needed, "A gift receipt is printed at the till on request.")


def test_the_kb_sentences_are_rewritten_and_the_trap_kept() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Returns", RETURNS),
            titled_item("macro", "Returns::Refunded", REFUNDED),
        ]
    )
    edits = {
        impact.item.title: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert edits["Returns"].new_body == RETURNS.replace(
        "You don't need to include a\nreceipt: we can look up your order.",
        "You need to include a receipt.",
    )
    assert edits["Returns::Refunded"].new_body == REFUNDED.replace(
        "There was no need to include a receipt; we found the order.",
        "Thank you for including a receipt.",
    )


def test_a_window_shortened_by_the_same_rule_is_edited_too_and_the_note_quotes_the_receipt() -> (
    None
):
    facts = _facts()
    shorter = NEW.replace("within 30 days", "within 14 days")
    facts.rules = [Rule("H1", "sentence_changed", "Returns", OLD, shorter, "…")]
    facts.moves = rule_moves(facts.rules)
    knowledge = KnowledgeBase([titled_item("article", "Returns", RETURNS)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert impact.conflicts[0].sentence.startswith("Send unworn shoes back within 30 days")
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == RETURNS.replace("within 30 days", "within 14 days").replace(
        "You don't need to include a\nreceipt: we can look up your order.",
        "You need to include a receipt.",
    )
    note = TemplateDrafter().note(facts, [impact], None)
    assert note.cs_actions[0].startswith(
        "Update FAQ article “Returns”: it says “You don't need to include a receipt"
    )
