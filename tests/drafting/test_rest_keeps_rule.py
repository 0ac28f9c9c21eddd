"""A change for a subset written against a KB sentence that claims the old rule for everyone
by listing the cases ("…, and it doesn't matter whether you're booking a cat, a dog or a
rabbit"): the edit says the subset's new rule, keeps the old one for the rest, and the listed
claim goes when every case it lists is one the change tells apart. Made-up domains unlike the
scenarios it came from (a home fitness shop's return window for refurbished items): a pet
hotel whose free cancellation moves from 48 to 72 hours for dogs (a category; a macro with
placeholders, a Q&A answer, a list item, a table), and a shop whose card refunds now take 3
days instead of 10 (a case appended to a kept rule; prose and a numbered list), and a bike
hire whose deposit moves from £50 to £150 for e-bikes (a bare "That's the same for every bike,
whether …" after the old value; a table cell "£50, for every bike"). A claim that
lists a case beyond the split ("online, by phone or at the desk"), the same number on another
topic ("Grooming can be moved up to 48 hours before"), and the row of a category that keeps
the old rule stay byte for byte."""

from __future__ import annotations

import re

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, split_claim_sentence
from behaviordiff.drafting.splitclaim import (
    closing_every_kind,
    listed_claim_length,
    only_a_claim,
    without_sides_claim,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item, moved_facts

_DOGS = (
    "Free cancellation: up to 48 hours before arrival.",
    "Free cancellation: up to 72 hours before arrival for dogs, 48 hours for cats and rabbits.",
)
_CARD = (
    "Refunds reach you within 10 days.",
    "Refunds reach you within 10 days, or 3 days for orders paid by card (10 days for orders "
    "paid by voucher or bank transfer).",
)


def _facts(rule: tuple[str, str], variable: str, value: str) -> ChangeFacts:
    return moved_facts(
        [Rule("H1", "sentence_changed", "Policies", *rule, "…")],
        [{"feature": variable, "op": "=", "value": value}],
    )


def _edited(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, str | None]:
    drafter = TemplateDrafter()
    return {
        impact.item.key: drafter.edit(facts, impact).new_body
        for impact in rank_items(facts, KnowledgeBase(list(items)))
        if impact.conflicts
    }


def test_a_macro_listing_every_kind_loses_the_claim_and_says_both_rules() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nYou can cancel free of charge up to 48 hours "
        "before arrival, and it doesn't matter whether you're booking a cat, a dog or a "
        "rabbit.\n\nOur kennels open at 8am.\n\nPawstay"
    )
    edited = _edited(_facts(_DOGS, "pet", "dog"), kb_item("m1", body, kind="macro"))
    assert edited["macro:m1"] == body.replace(
        "up to 48 hours before arrival, and it doesn't matter whether you're booking a cat, a "
        "dog or a rabbit.",
        "up to 72 hours before arrival for dogs (48 hours for cats and rabbits).",
    )


def test_a_list_item_with_no_matter_whether_loses_the_claim() -> None:
    body = (
        "# Stays\n\n- Free cancellation up to 48 hours before arrival, no matter whether it's a "
        "cat, dog or rabbit.\n- Check-in from 8am.\n"
    )
    edited = _edited(_facts(_DOGS, "pet", "dog"), kb_item("a2", body))
    assert edited["article:a2"] == body.replace(
        "up to 48 hours before arrival, no matter whether it's a cat, dog or rabbit.",
        "up to 72 hours before arrival for dogs (48 hours for cats and rabbits).",
    )


def test_a_claim_over_something_else_a_trap_and_the_rests_row_stay() -> None:
    body = (
        "# Cancelling\n\n**Can I cancel late?** Yes: free up to 48 hours before arrival, "
        "whether you booked online, by phone or at the desk.\n\nGrooming can be moved up to 48 "
        "hours before.\n\n| Pet | Free cancellation |\n| --- | --- |\n"
        "| Dogs | Up to 48 hours before |\n| Cats | Up to 48 hours before |\n"
    )
    edited = _edited(_facts(_DOGS, "pet", "dog"), kb_item("a1", body))
    new = edited["article:a1"]
    assert new == body.replace(
        "free up to 48 hours before arrival, whether",
        "free up to 72 hours before arrival for dogs (48 hours for cats and rabbits), whether",
    ).replace("| Dogs | Up to 48 hours before |", "| Dogs | Up to 72 hours before |")
    assert "Grooming can be moved up to 48 hours before." in new
    assert "| Cats | Up to 48 hours before |" in new


def test_a_case_appended_to_a_kept_rule_drops_a_claim_listing_its_cases() -> None:
    facts = _facts(_CARD, "payment", "card")
    prose = (
        "# Refund times\n\nA refund reaches you within 10 days, whether you paid by card or "
        "by voucher.\n"
    )
    listed = (
        "Hello {{ticket.requester.first_name}},\n\nYour refund reaches you within 10 days, "
        "whether you paid by card, voucher or bank transfer. Exchanges are posted within 10 "
        "days.\n\nThanks,\nShop"
    )
    edited = _edited(facts, kb_item("b", prose), kb_item("m2", listed, kind="macro"))
    tail = "or 3 days for orders paid by card (10 days for orders paid by voucher or bank transfer)"
    assert edited["article:b"] == prose.replace(
        "within 10 days, whether you paid by card or by voucher.", f"within 10 days, {tail}."
    )
    assert edited["macro:m2"] == listed.replace(
        "within 10 days, whether you paid by card, voucher or bank transfer.",
        f"within 10 days, {tail}.",
    )


def test_the_listed_claim_reader_alone() -> None:
    cases = "3 days for orders paid by card (10 days for orders paid by voucher or bank transfer)"
    rest = ", whether you paid by card, voucher or bank transfer."
    assert listed_claim_length(rest, cases) == len(rest) - 1
    # a case the change does not name: the claim says more than the split, and stays
    assert listed_claim_length(", whether you paid by card, voucher or cheque.", cases) == 0
    # no list of cases at all
    assert listed_claim_length(", and we email you when it's done.", cases) == 0
    # the split's sides must both be named, in the singular or the plural
    dogs, rest_pets = [re.compile(r"\bdogs\b", re.I)], [re.compile(r"\bcats\b", re.I)]
    said = "You can cancel up to 48 hours before, whether it's a cat or a dog."
    sides = ("for dogs", "for cats and rabbits")
    assert without_sides_claim(said, dogs, rest_pets, sides) == (
        "You can cancel up to 48 hours before."
    )
    only_one = "You can cancel up to 48 hours before, whether it's a dog or a puppy."
    assert without_sides_claim(only_one, dogs, rest_pets, sides) == only_one


def test_huge_sentences_are_read_in_bounded_time() -> None:
    long = "You can cancel up to 48 hours before" + ", a cat" * 20000 + " or a dog."
    sides = ("for dogs", "for cats and rabbits")
    assert without_sides_claim(long, [], [], sides) == long
    assert listed_claim_length(", whether" + " a cat," * 20000 + " or a dog.", "dogs cats") == 0


def test_a_bare_claim_after_the_old_value_and_a_row_claiming_every_kind() -> None:
    # a bike hire's deposit moved from £50 to £150 for e-bikes, £50 kept for standard bikes
    facts = _facts(
        ("The deposit is £50.", "The deposit is £150 for e-bikes and £50 for standard bikes."),
        "bike_type",
        "e-bike",
    )
    body = (
        "# Hiring a bike\n\n## Deposit\n\nWe take a deposit of £50 when you collect. That's the "
        "same for every bike, whether it's a standard bike or an e-bike.\n\n## Helmets\n\n"
        "Helmets cost £5 a day. That goes for everyone, whether you hire a standard bike or an "
        "e-bike.\n\n| | Details |\n|---|---|\n| Deposit | £50, for every bike |\n"
        "| Late return | £50, for every day |\n"
    )
    edited = _edited(facts, kb_item("hire", body))
    assert edited["article:hire"] == body.replace(
        "That's the same for every bike, whether it's a standard bike or an e-bike.",
        "For e-bikes, it's £150 (£50 for standard bikes).",
    ).replace("| Deposit | £50, for every bike |", "| Deposit | £50 (£150 for e-bikes) |")
    # the same claim after another topic's amount, and the same amount "for every day" (a
    # rate, not a claim over the kinds of bike), stay byte for byte
    new = edited["article:hire"] or ""
    assert "Helmets cost £5 a day. That goes for everyone, whether you hire a standard" in new
    assert "| Late return | £50, for every day |" in new


def test_the_bare_claim_reader_alone() -> None:
    sides = ("for refurbished items", "for new and ex-display items")
    claim = (
        "That goes for everything we sell, whether you bought it new, ex-display or refurbished."
    )
    assert only_a_claim(claim, *sides)
    # a sentence with a rule of its own before the listed claim is more than a claim
    own = "Collection is free, whether you bought it new, ex-display or refurbished."
    assert not only_a_claim(own, *sides)
    assert closing_every_kind(" Within 30 days of delivery, for every item ", *sides) == (27, 43)
    assert closing_every_kind(" 1 point per £1, for every customer ", *sides) is None


def test_a_listed_claim_inside_the_sentence_goes_and_the_sentence_goes_on() -> None:
    body = (
        "# Stays\n\n- Free cancellation up to 48 hours before arrival, whether it's a cat, a dog "
        "or a rabbit, and refunds reach you within 5 days.\n- Check-in from 8am.\n"
    )
    edited = _edited(_facts(_DOGS, "pet", "dog"), kb_item("a3", body))
    assert edited["article:a3"] == body.replace(
        "up to 48 hours before arrival, whether it's a cat, a dog or a rabbit, and",
        "up to 72 hours before arrival for dogs (48 hours for cats and rabbits), and",
    )


def test_a_bare_claim_after_the_same_amount_on_another_topic_stays() -> None:
    facts = _facts(
        ("The deposit is £50.", "The deposit is £150 for e-bikes and £50 for standard bikes."),
        "bike_type",
        "e-bike",
    )
    body = (
        "# Extras\n\nA guided tour costs £50. That's the same for every bike, whether it's a "
        "standard bike or an e-bike.\n"
    )
    edited = _edited(facts, kb_item("extras", body))
    assert edited.get("article:extras") in (None, body)


def test_a_row_of_another_topic_claiming_the_same_amount_for_every_kind_stays() -> None:
    # review fc5 MUST: only the row whose key is on the moved rule's topic takes the split
    facts = _facts(
        ("The deposit is £50.", "The deposit is £150 for e-bikes and £50 for standard bikes."),
        "bike_type",
        "e-bike",
    )
    body = (
        "# Hiring a bike\n\n## Charges\n\n| | Details |\n|---|---|\n"
        "| Deposit | £50, for every bike |\n| Damage excess | £50, for every bike |\n"
        "| Lost lock | £50, for every bike |\n"
    )
    new = _edited(facts, kb_item("hire", body)).get("article:hire") or ""
    assert "| Deposit | £50 (£150 for e-bikes) |" in new
    assert "| Damage excess | £50, for every bike |" in new
    assert "| Lost lock | £50, for every bike |" in new
    # a row whose header cell over the amount is on the topic, with a key of its own
    headed = (
        "# Hiring a bike\n\n| Bike | Deposit |\n|---|---|\n| Any bike | £50, for every bike |\n"
    )
    said = _edited(facts, kb_item("h2", headed)).get("article:h2") or ""
    assert "| Any bike | £50 (£150 for e-bikes) |" in said


def test_the_claims_sentence_puts_a_side_said_with_another_preposition_after_its_value() -> None:
    # review fc5 NIT: "On a full-time place, it's 15% (…)" read oddly; a "for" side is fronted
    on = RuleMove(
        "H1",
        "",
        "",
        "10%",
        "15%",
        "value",
        scope="on a full-time place",
        others="on a part-time place",
    )
    assert split_claim_sentence(on) == "It's 15% on a full-time place (10% on a part-time place)."
    side = RuleMove("H1", "", "", "£50", "£150", "value", scope="for e-bikes", others="for others")
    assert split_claim_sentence(side) == "For e-bikes, it's £150 (£50 for others)."


def test_a_flag_labelling_the_topic_tag_keeps_the_change_whole_topic() -> None:
    # review fc5 Cross-branch: a raised flag every probe of the topic has (stated beside the
    # tag as its label) picks no one out of the topic; a flag of its own does
    tag = {"feature": "tag:renew", "op": "tag"}
    flag: dict[str, object] = {"feature": "unpaid_fines", "op": "=", "value": True}
    rule = ("Renew at the desk.", "Renew online.")
    assert _facts(rule, "unpaid_fines", "x").whole_topic is False
    labelled = moved_facts(
        [Rule("H1", "sentence_changed", "P", *rule, "…")], [tag, {**flag, "tag_label": True}]
    )
    assert labelled.whole_topic
    own = moved_facts([Rule("H1", "sentence_changed", "P", *rule, "…")], [tag, flag])
    assert not own.whole_topic
    assert moved_facts([Rule("H1", "sentence_changed", "P", *rule, "…")], [tag]).whole_topic
