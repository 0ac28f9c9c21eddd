"""A claim for every case that the change bounds, when the cases left out get a price of their
own (issue 8): the claim bounded alone ("free on every booking of $100 or more") would be half
the rule, so it is never written; and the same claim made of another thing ("Gift bags are
free on every booking") is never touched. Made-up domains, none of them the scenarios':

- a hotel's parking, free on every booking, now free from $100 and $8 below (a sentence of
  its own for the rest);
- a bakery's delivery, free on any order, now free on orders over €40 and €4.50 below that
  (the rest's price in the same sentence);
- a gym's towels, free on every visit, now free on visits of 2 hours or more with 10% off the
  rest (a share for the rest);
- a florist's card, free on any order, now on orders of £30 or more with nothing said of the
  rest: the bound alone is the rule, and is written.
"""

from __future__ import annotations

from behaviordiff.drafting.boundclaim import rest_priced
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import (
    RuleMove,
    claims_of_another,
    rewrite_sentence,
    rule_moves,
    states_old_rule,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item, moved_facts

PARKING_OLD = "Parking is free on every booking: tell the guest there's nothing to pay."
PARKING_NEW = "Parking is free on bookings of $100 or more: tell the guest there's nothing to pay."
PARKING_REST = "On bookings under $100, parking costs $8 a night: add it to the bill."


def _rules(*added: str) -> list[Rule]:
    return [
        Rule("H1", "sentence_changed", "Parking", PARKING_OLD, PARKING_NEW, "changed"),
        *(
            Rule(f"H{i + 2}", "sentence_added", "Parking", "", text, "added")
            for i, text in enumerate(added)
        ),
    ]


def _drafted(rules: list[Rule], items: list[KnowledgeItem]) -> dict[str, str | None]:
    facts = moved_facts(rules, [{"feature": "booking_total", "op": "<", "value": 100}])
    out: dict[str, str | None] = {}
    for impact in rank_items(facts, KnowledgeBase(items)):
        if impact.conflicts:
            edit = TemplateDrafter().edit(facts, impact)
            out[impact.item.key] = edit.new_body if edit is not None else None
    return out


def test_what_the_rest_now_pay_is_read_from_the_sentences_the_change_adds_or_rewrites() -> None:
    # a sentence of its own for the rest, naming the bound beside its price
    assert rest_priced(PARKING_OLD, PARKING_NEW, "bookings of $100 or more", [PARKING_REST])
    # the rest's price in the bounded sentence itself
    assert rest_priced(
        "Delivery is free on any order.",
        "Delivery is free on orders over €40 and costs €4.50 below that.",
        "orders over €40",
        [],
    )
    # a share for the rest
    assert (
        rest_priced(
            "Towels are free on every visit.",
            "Towels are free on visits of 2 hours or more.",
            "visits of 2 hours or more",
            ["Visits under 2 hours get 10% off towels."],
        )
        is False
    )  # the bound is no amount: no line to read a rest by
    assert rest_priced(
        "Towel hire is free on every order.",
        "Towel hire is free on orders of $20 or more.",
        "orders of $20 or more",
        ["Orders under $20 get 10% off towel hire."],
    )
    # nothing said of the rest, or an amount the old rule said already, or another line's price
    assert not rest_priced(
        "A card is free on any order.", "A card is free on orders of £30 or more.",
        "orders of £30 or more", [],
    )  # fmt: skip
    assert not rest_priced(
        "Cards are free on any order: fee 0.", "Cards are free on orders of £30 or more: fee 0.",
        "orders of £30 or more", ["Wrapping costs £2 on every order."],
    )  # fmt: skip


def test_a_claim_bounded_while_the_rest_get_a_price_is_no_move_of_its_own() -> None:
    assert not [m for m in rule_moves(_rules(PARKING_REST)) if m.old == "every booking"]
    # with nothing said of the rest, the bound alone is the move
    assert [m.new for m in rule_moves(_rules()) if m.old == "every booking"] == [
        "bookings of $100 or more"
    ]


PARKING_FAQ = (
    "# Parking\n\n## What does parking cost?\n\nParking is free on every booking, however long "
    "you stay.\n\n## Where do I park?\n\nIn the courtyard behind reception.\n"
)
GIFT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWelcome gift bags are free on every booking, so "
    "there's nothing extra to pay.\n\nThe Quay Hotel"
)


def test_no_half_rule_is_written_and_the_same_claim_of_another_thing_stays() -> None:
    out = _drafted(
        _rules(PARKING_REST),
        [kb_item("parking", PARKING_FAQ), kb_item("gift", GIFT_MACRO, kind="macro")],
    )
    # the welcome gift is another thing free on every booking: neither edited nor flagged
    assert "macro:gift" not in out
    # the parking FAQ is flagged (no text): the bound alone would be half the rule, and the
    # sentence has no place for the rest's price
    assert out == {"article:parking": None}


def test_with_nothing_said_of_the_rest_the_bound_is_written_and_another_thing_stays() -> None:
    out = _drafted(
        _rules(), [kb_item("parking", PARKING_FAQ), kb_item("gift", GIFT_MACRO, kind="macro")]
    )
    assert out["article:parking"] == PARKING_FAQ.replace(
        "free on every booking,", "free on every booking of $100 or more,"
    )
    assert "macro:gift" not in out


def _claim_move(old: str, new: str) -> RuleMove:
    return next(m for m in rule_moves([Rule("H1", "sentence_changed", "Offers", old, new, "")]))


def test_a_claim_of_the_subject_joined_with_another_thing_is_stated_but_not_written() -> None:
    # a bike shop's fitting, free on every order, now free on orders of €80 or more
    move = _claim_move(
        "Saddle fitting is free on every order.", "Saddle fitting is free on orders of €80 or more."
    )
    for joined in (
        "Bell fitting and saddle fitting are free on every order.",
        "Saddle fitting & bell fitting are free on every order.",
        "Lights, saddle fitting or a bell: all free on every order.",
    ):
        assert states_old_rule(move, joined), joined
        assert rewrite_sentence(move, joined) is None, joined  # a flag, never a bound on both
    assert rewrite_sentence(move, "Expert saddle fitting is free on every order.") == (
        "Expert saddle fitting is free on every order of €80 or more."
    )
    # a lead-in before a comma joins nothing to the subject
    assert rewrite_sentence(move, "Good news, saddle fitting is free on every order.") == (
        "Good news, saddle fitting is free on every order of €80 or more."
    )
    # the prompt's own claim joins both: both are bounded
    both = _claim_move(
        "Saddle and bell fitting are free on every order.",
        "Saddle and bell fitting are free on orders of €80 or more.",
    )
    assert rewrite_sentence(both, "Saddle and bell fitting are free on every order.") == (
        "Saddle and bell fitting are free on every order of €80 or more."
    )


def test_an_agents_order_before_the_prompts_claim_is_no_subject_of_it() -> None:
    # a pet shop's grooming, told to the customer, free on any booking, now from $60
    move = _claim_move(
        "Tell customers that grooming is free on any booking.",
        "Tell customers that grooming is free on bookings of $60 or more.",
    )
    said = "Basic grooming is free on any booking."
    assert not claims_of_another(move, said)
    assert states_old_rule(move, said)
    assert rewrite_sentence(move, said) == "Basic grooming is free on any booking of $60 or more."
    # another service with the same claim stays
    assert claims_of_another(move, "Nail clipping is free on any booking.")
