"""A line moved whole, with what lies past it: a builders' merchant now lets customers collect
up to 10 bags of gravel the same day without ordering ahead (it was 20), and past the line
(more than 10 bags, it was more than 20) orders the stock and tells them to allow 3 working
days. A macro that only says the near side ("up to 20 bags … the same day") gets the new line
and the far side's rule after it in the KB's voice, so a customer wanting 15 bags learns what
to do; an item that already says the far side keeps its own words."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.pastline import with_past_line
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

NEAR = "Customers can collect up to 20 bags of gravel the same day without ordering ahead."
FAR = (
    "For more than 20 bags, call `order_stock` (the product and the quantity) and tell the "
    "customer to allow 3 working days for delivery to the yard."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou can collect up to 20 bags of gravel the same "
    "day without ordering ahead, so come by whenever suits you.\n\n{{current_user.first_name}}"
)
SAID = "For more than 10 bags, allow 3 working days for delivery to the yard."


def _facts() -> ChangeFacts:
    return moved_facts(
        [
            Rule("H1", "sentence_changed", "Collection", NEAR, NEAR.replace("20", "10"), ""),
            Rule("H2", "sentence_changed", "Collection", FAR, FAR.replace("20", "10"), ""),
        ],
        [band_atom("bags", 11, 21)],
        title="collect_order → order_stock",
    )


def test_the_far_side_is_said_after_the_new_line() -> None:
    facts = _facts()
    macro = kb_item("macro:1", MACRO, kind="macro", title="Gravel::Collecting")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([macro])) if i.conflicts]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert (
        "You can collect up to 10 bags of gravel the same day without ordering ahead, so come "
        f"by whenever suits you. {SAID}" in edit.new_body
    )
    assert "20" not in edit.new_body


def test_an_item_saying_the_far_side_keeps_its_words() -> None:
    facts = _facts()
    old = MACRO.replace("suits you.", "suits you. Larger orders take 3 working days.")
    new = old.replace("20 bags", "10 bags")
    assert with_past_line(facts.moves, old, new, "macro", lambda body: []) is None
    # nor is anything said where no sentence moved to the new line
    assert with_past_line(facts.moves, MACRO, MACRO, "macro", lambda body: []) is None
