"""Shapes read in the session of 2026-12-07 18:12 from scenarios seen before (development), each
a class of change rather than one agent's wording.

* One category's call argument moved (gift-card orders refunded as store credit): the way is
  the new prompt's sentence naming the category and the new value; a claim over every payment
  ("whether that was a bank card, PayPal, Apple Pay or a Tessellate gift card", "…, so a PayPal
  payment is refunded to PayPal and a gift card gets its balance topped back up") keeps the
  old way for the others and says the category's; its list item says its new way.
* A claim that the category is among every case (", sale items included"; "It doesn't matter
  whether you paid full price or picked it up in our sale: …"), and the category's table row.
* A requirement above a threshold whose case lists kinds ("cracked, chipped or broken and it
  cost £80 or less"), asked "to reply with" a photo the KB calls "pictures".
* A moved upper limit's other side in a table ("| 11 or more |") when two prompt sentences
  move the same value.
* An address a call passed that it passes no more ("parts@snugride.example" → the spare parts
  form's link): the KB's "email our parts team at …" says the new rule's instruction.
"""

from __future__ import annotations

import re

import pytest

from behaviordiff.drafting.categoryway import (
    _PASSIVE,
    CategoryWay,
    _example,
    _included,
    _matters,
    _passive_statement,
    category_row,
    claims_every_kind,
    with_category_row,
    with_category_way,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.insertedbound import bound_conflict, inserted_bound, with_bound
from behaviordiff.drafting.movedaddress import address_phrase, rewrite_address
from behaviordiff.drafting.rules import RuleMove, old_in_own_clause
from behaviordiff.drafting.scopedneed import ScopedNeed, _bound_part, _noun, scoped_need
from behaviordiff.drafting.template import _paragraph_names
from behaviordiff.drafting.text import units
from tests.conftest import run_scenario, scenario_edits


def _way(named: str, **extra: object) -> CategoryWay:
    return CategoryWay(
        re.compile(rf"\b{named}s?\b", re.I),
        frozenset({"payment", "price"}),
        frozenset(),
        f"for {named} items",
        "we give store credit instead of a card refund",
        "Sale items: give store credit instead of a card refund.",
        **extra,  # type: ignore[arg-type]
    )


def test_an_example_naming_the_category_is_its_case() -> None:
    way = _way("gift card", moved=re.compile("store credit"))
    said = (
        "Your money always goes back to the card you paid with, so a PayPal payment is "
        "refunded to PayPal and a gift card gets its balance topped back up."
    )
    assert _example(way, said) is not None and claims_every_kind(way, said)
    rewritten = with_category_way(way, said, "")
    assert rewritten is not None
    assert rewritten.startswith(
        "Your money always goes back to the card you paid with, so a PayPal payment is "
        "refunded to PayPal, except for gift card items: then we give store credit"
    )
    # no claim before the examples: nothing to except
    assert (
        _example(way, "We refund it, so a gift card gets its balance back and PayPal too.") is None
    )


def test_the_category_included_in_every_case() -> None:
    way = _way("sale")
    said = "Every return is refunded to the card in just the same way, sale items included."
    assert _included(way, said) is not None
    assert with_category_way(way, said, "") == (
        "For sale items, we give store credit instead of a card refund."
    )
    assert _included(way, "Refunds go to the card, sale items included.") is None  # no claim


def test_it_does_not_matter_whether() -> None:
    way = _way("sale")
    said = (
        "It doesn't matter whether you paid full price or picked it up in our July sale: the "
        "money goes back onto your card."
    )
    assert _matters(way, said) == (
        "you paid full price",
        "you picked it up in our July sale",
        "the money goes back onto your card.",
    )
    assert with_category_way(way, said, "") == (
        "If you paid full price, the money goes back onto your card; if you picked it up in our "
        "July sale, we give store credit instead of a card refund."
    )


def test_the_category_row_says_its_way_without_the_old_one() -> None:
    way = _way("sale")
    row = "| Returning a sale item | Refund to your card within 5 working days |"
    assert category_row(way, row)
    assert with_category_row(way, row) == "| Returning a sale item | We give store credit |"
    assert not category_row(way, "| Returning a full-price item | Refund to your card |")


def test_a_listed_case_and_its_bound() -> None:
    assert _bound_part("if an item arrives cracked, chipped or broken and it cost £80 or less") == (
        "if it cost £80 or less"
    )
    assert _bound_part("if the tiles come to £150 or less") == "if the tiles come to £150 or less"
    assert _noun("pictures") == _noun("photos") == "photo"


def test_an_address_said_as_the_new_rule_says_it() -> None:
    rule = (
        "Spare parts: the customer fills in the spare parts form at "
        "snugride.example/spare-parts, which asks for the seat's model."
    )
    phrase = address_phrase(rule, "snugride.example/spare-parts")
    assert phrase == "fill in the spare parts form at snugride.example/spare-parts"
    assert rewrite_address(
        "Just email our parts team at parts@snugride.example with the model.",
        "parts@snugride.example",
        phrase,
    ) == ("Just fill in the spare parts form at snugride.example/spare-parts with the model.")
    assert rewrite_address(
        "| Spare parts | parts@snugride.example |", "parts@snugride.example", phrase
    ) == ("| Spare parts | The spare parts form at snugride.example/spare-parts |")
    # an address said in another shape is not rewritten
    assert (
        rewrite_address("Our address is parts@snugride.example.", "parts@snugride.example", phrase)
        is None
    )


def test_gift_card_refunds_become_store_credit(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("jigsaw"), "jigsawshop-giftcard-credit")
    edits = scenario_edits(found)
    article = " ".join(edits["article:6600100"]["new_body"].split())
    assert "if that was a bank card, PayPal or Apple Pay; if that was a Tessellate gift card" in (
        article
    )
    assert (
        "- Returns on gift card orders: we refund as store credit"
        in (edits["article:6600101"]["new_body"])
    )


def test_sale_returns_become_store_credit(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("knit"), "knitwear-sale-credit")
    edits = scenario_edits(found)
    assert (
        "| Returning a full-price item | Refund to your card within 5 working days |"
        in (edits["article:7100102"]["new_body"])
    )
    assert "sale items included" not in edits["macro:9301"]["new_body"]


def test_the_events_row_moves_with_the_band(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("karaoke"), "karaoke-deposit-band-eight")
    table = scenario_edits(found)["article:8800100"]["new_body"]
    assert "| 9 or more |" in table and "| 6 to 8 |" in table


def test_the_parts_address_becomes_the_form(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("carseat"), "carseat-parts-webform")
    edits = scenario_edits(found)
    assert "parts@snugride.example" not in edits["macro:4401"]["new_body"]
    assert "snugride.example/spare-parts" in edits["macro:4401"]["new_body"]


def test_a_labelled_case_and_a_held_action() -> None:
    rules = [
        Rule(
            "H1",
            "sentence_added",
            "Damaged",
            None,
            "Items worth £60 or less: refund the price straight away with `refund_item`.",
            "",
        ),
        Rule(
            "H2",
            "sentence_added",
            "Damaged",
            None,
            "Ask the customer to reply with a photo of the damage first, and wait for it.",
            "",
        ),
    ]
    sections = {
        "Damaged": [
            rules[0].new or "",
            "Items worth more than £60: don't refund yet.",
            rules[1].new or "",
        ]
    }
    need = scoped_need(rules, None, sections)
    assert need is not None and need.rule is rules[1]  # the prompt's own sentence is quoted
    assert need.rest == "for items worth £60 or less"
    assert need.statement == (
        "For items worth more than £60, we'll ask you to reply with a photo of the damage first."
    )
    assert scoped_need(rules) is None  # without the label, no case


def test_bedding_photos_over_sixty(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("bedlinen"), "bedlinen-photo-over-sixty")
    macro = scenario_edits(found)["macro:9601"]["new_body"]
    assert "For items worth £60 or less, you don't need to send us a photo" in macro
    assert "whatever the item cost" not in macro


def test_a_row_naming_the_charged_thing_by_its_verb(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # "Moving it less than 24 hours before costs £5": "| Move your booking | … | Free |"
    found, _ = run_scenario(tmp_path_factory.mktemp("barber"), "barbershop-move-fee")
    table = scenario_edits(found)["article:3310102"]["new_body"]
    assert "| Move your booking | Up to 2 hours before | £5 for moving it under 24 hours" in table
    assert "| Cancel your booking | Less than 24 hours before | £10 |" in table


def test_hours_said_as_working_days_are_the_old_value() -> None:
    # "48 hours" → "2 working days": "within 48 hours" and "within two days …, weekends
    # included" state the old rule, not the new one
    move = RuleMove(
        "H1",
        "Report it within 48 hours of delivery.",
        "Report it within 2 working days of delivery.",
        "48 hours",
        "2 working days",
        "value",
    )
    assert old_in_own_clause(move, "Let us know within 48 hours of delivery.")
    assert old_in_own_clause(move, "Report it within two days of arrival, weekends included.")
    assert not old_in_own_clause(move, "Report it within 2 working days of delivery.")


def test_a_grace_period_is_said_where_the_moment_is() -> None:
    rule = Rule(
        "H1",
        "sentence_added",
        "Returns",
        None,
        "A book that reaches us more than 3 days after its due date is charged a £10 late fee.",
        "",
    )
    old = Rule(
        "H2",
        "sentence_changed",
        "Returns",
        "Late returns: a book that reaches us after its due date is charged a £10 late fee.",
        "Late returns: there are 3 days' grace after the due date.",
        "",
    )
    facts = ChangeFacts("C1", "t", "actions", ["actions"], [], rules=[old, rule])
    bound = inserted_bound(facts)
    assert bound is not None and bound.bound == "more than 3 days"
    assert with_bound(bound, "It reached us after its due date, so a £10 late fee applies.") == (
        "It reached us more than 3 days after its due date, so a £10 late fee applies."
    )
    assert with_bound(bound, "Miss it, even by a day, and there's a £10 late fee.") == (
        "Miss it by more than 3 days, and there's a £10 late fee."
    )
    # the moment said of another subject, with no word of the rule, stays
    assert not bound_conflict(bound, "Extend the rental from your account after the due date.")


def test_late_fees_after_three_days_grace(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("textbook"), "textbookrent-grace-threedays")
    edits = scenario_edits(found)
    assert (
        "| Late return (any book back more than 3 days after its due date) | £10 |"
        in (edits["article:5300411"]["new_body"])
    )
    assert "even by a" not in edits["article:5300410"]["new_body"]


def test_a_bound_that_moved_is_no_bound_put_in() -> None:
    old = Rule(
        "H1",
        "sentence_changed",
        "Guarantee",
        "If the stain comes back more than 7 days after the clean, offer a paid clean.",
        "If the stain comes back more than 14 days after the clean, offer a paid clean.",
        "",
    )
    facts = ChangeFacts("C1", "t", "actions", ["actions"], [], rules=[old])
    assert inserted_bound(facts) is None


def test_a_passive_rule_and_an_inclusion_before_a_colon() -> None:
    found = _PASSIVE.match(
        "Orders paid with a gift card are refunded as store credit on the customer's account "
        "(refund_to store_credit), ready to spend; the refund doesn't go back onto the card."
    )
    assert found is not None and found["subject"] == "Orders paid with a gift card"
    assert _passive_statement(found) == (
        "it is refunded as store credit on your account, ready to spend"
    )
    way = _way("gift card", moved=re.compile("store credit"))
    said = (
        "Always back the way it came, and that includes our own gift cards: if you paid with "
        "one, we top its balance back up."
    )
    assert claims_every_kind(way, said)
    assert with_category_way(way, said, "") == (
        "Always back the way it came, except for gift card items: then we give store credit "
        "instead of a card refund."
    )


def test_gift_card_refunds_said_in_the_passive(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("milliner"), "milliner-giftcard-storecredit")
    edits = scenario_edits(found)
    assert (
        "| Hartley & Rose gift card | Refunded as store credit on your Hartley & Rose"
        in (edits["article:8200102"]["new_body"])
    )
    assert "that includes our own gift cards" not in edits["article:8200101"]["new_body"]


def test_a_paragraph_opened_on_the_category_is_about_it() -> None:
    text = (
        "Priority is for customers in a hurry. An engineer rings you within four hours.\n\n"
        "Standard customers hear from us the next day. An engineer visits within a week."
    )
    text_units = units(text)
    at = next(i for i, u in enumerate(text_units) if u.text.startswith("An engineer rings"))
    assert _paragraph_names(text, text_units, at, "priority")
    later = next(i for i, u in enumerate(text_units) if u.text.startswith("An engineer visits"))
    assert not _paragraph_names(text, text_units, later, "priority")


def test_the_priority_paragraph_gets_the_new_time(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("garage"), "garagedoors-priority-twohours")
    article = " ".join(scenario_edits(found)["article:6410101"]["new_body"].split())
    assert "ring you back no more than two hours after you report it" in article
    assert "Standard customers hear from an engineer by the end of the next working day." in (
        article
    )


def test_a_step_asked_first_and_a_question_not_asked() -> None:
    from behaviordiff.drafting.promptrule import _to_you
    from behaviordiff.drafting.scopedneed import _needs, says_not_needed

    said = (
        "If the item cost more than £100, first ask the customer to reply with photos of the "
        "damage, and don't refund it until they have sent them."
    )
    needs = _needs(said)
    assert needs is not None
    assert needs[2] == "we'll ask you to reply with photos of the damage first"
    need = ScopedNeed(
        Rule("H", "sentence_added", "D", None, said, ""), "photos", "photo", "t", "", ""
    )
    assert says_not_needed(need, "You won't be asked for pictures, and the money is back.")
    assert _to_you("don't refund it until they have sent them", None) == (
        "don't refund it until you have sent them"
    )
