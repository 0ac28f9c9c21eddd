"""A time the new prompt gives one category in a sentence of its own, in another unit ("3
hours" → "1 day" for a hand strip, the others keeping 3 hours): a KB sentence claiming the
old time whatever the kind loses that claim and gets the exception, and an item about the
category alone (its title names it, nothing in it names the others) says the new time
outright (a dog groomer's; not the bundled example's domain)."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import (
    about_category_alone,
    case_kinds,
    category_moves,
    lead_claim,
    others_keeping,
    rewrite_category,
    without_lead_claim,
)
from behaviordiff.drafting.drafters import category_claims
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Every groom is ready for collection within 3 hours of drop-off."
KEPT = "A bath and brush or a puppy trim is ready for collection within 3 hours of drop-off."
ADDED = "A hand strip is ready for collection within 1 day of drop-off."
HUNKS = {
    "H1": {"kind": "sentence_changed", "section": "Grooms", "file": "system.md", "old": OLD},
    "H2": {"kind": "sentence_added", "section": "Grooms", "file": "system.md", "new": ADDED},
}
SECTIONS = {"Grooms": [KEPT, ADDED]}


def _facts(sections: dict[str, list[str]] = SECTIONS) -> ChangeFacts:
    condition = Condition.from_dict(
        {
            "text": "lookup_booking.groom_type = hand_strip",
            "atoms": [{"feature": "lookup_booking.groom_type", "op": "=", "value": "hand_strip"}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 8},
        }
    )
    facts = ChangeFacts(
        id="C1",
        title="3 hours → 1 day",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        conditions=[condition],
        others=8,
        rules=[Rule("H2", "sentence_added", "Grooms", None, ADDED, "sentence added")],
        removed_promises=[Promise("duration", "3 hours")],
        added_promises=[Promise("duration", "1 day")],
    )
    facts.moves = category_moves(
        facts.rules,
        HUNKS,
        sections,
        facts.conditions,
        facts.removed_promises,
        facts.added_promises,
    )
    facts.kept_for_others = others_keeping(facts.moves, sections)
    return facts


def test_a_lead_claiming_the_old_time_for_every_kind_goes_and_the_rest_gets_the_exception() -> None:
    [move] = _facts().moves
    assert (move.old, move.new, move.category) == ("3 hours", "1 day", "hand_strip")
    # the prompt's "A hand strip is …": the category with its article
    assert move.scope == "for a hand strip"
    nouns = {"groom", "booking"}
    said = "Whichever groom you book, your dog is ready within 3 hours of drop-off."
    assert rewrite_category(move, said, None, nouns) == (
        f"Your dog is ready within 3 hours of drop-off (1 day {move.scope})."
    )
    # a range naming the category among the others goes with the claim: the new time is not
    # every groom's
    ranged = (
        "Whichever groom you've booked, from a bath and brush to a hand strip, your dog is "
        "ready within 3 hours of drop-off."
    )
    assert rewrite_category(move, ranged, None, nouns) == (
        f"Your dog is ready within 3 hours of drop-off (1 day {move.scope})."
    )
    assert rewrite_category(move, "Whatever you book, it takes 3 hours.", None, nouns) == (
        f"It takes 3 hours (1 day {move.scope})."
    )
    # a lead about something else claims nothing for the kinds of groom
    assert lead_claim(move, "Whatever the weather, it takes 3 hours.", nouns) is None
    assert rewrite_category(move, "Whatever the weather, it takes 3 hours.", None, nouns) == (
        f"Whatever the weather, it takes 3 hours (1 day {move.scope})."
    )


BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nYour hand strip is booked for "
    "{{ticket.custom_field_date}}. It's £60, and we finish with a nail clip.\n\n"
    "Your dog will be ready for collection within 3 hours of drop-off.\n\nWoof,\nThe Salon"
)


def test_an_item_about_the_category_alone_says_its_new_time_outright() -> None:
    facts = _facts()
    assert facts.kept_for_others == [KEPT]
    item = kb_item("hs", BOOKED, "macro", title="Grooming::Hand strip booked")
    [impact] = [impact for impact in rank_items(facts, KnowledgeBase([item])) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == BOOKED.replace("within 3 hours", "within 1 day")
    assert "alone" in edit.rationale


def test_an_item_naming_another_kind_or_claiming_every_kind_keeps_the_exception() -> None:
    [move] = _facts().moves
    texts = ["Your hand strip is booked.", "Your dog is ready within 3 hours of drop-off."]
    assert about_category_alone(move, "Hand strip booked", texts, [KEPT], {"groom"})
    # a sentence of the item names another kind of groom: the time may be theirs
    other = [*texts, "Fancy a puppy trim next time?"]
    assert not about_category_alone(move, "Hand strip booked", other, [KEPT], {"groom"})
    # it claims the time for every groom
    every = [*texts, "Every groom gets a bow."]
    assert not about_category_alone(move, "Hand strip booked", every, [KEPT], {"groom"})
    # the category named only in the body, with no prompt sentence naming the others: unknown
    assert not about_category_alone(move, "Booked", texts, [], {"groom"})
    assert about_category_alone(move, "Booked", texts, [KEPT], {"groom"})
    assert not about_category_alone(move, "Booked", texts[1:], [KEPT], {"groom"})
    said = "Your dog is ready within 3 hours of drop-off."
    assert rewrite_category(move, said, None, {"groom"}, alone=True) == (
        "Your dog is ready within 1 day of drop-off."
    )
    assert rewrite_category(move, said, None, {"groom"}) == (
        f"Your dog is ready within 3 hours of drop-off (1 day {move.scope})."
    )
    # a possessive the old time was written with stays, in the new unit's grammar
    weeks = replace(move, old="3 working days", new="2 weeks")
    notice = "Allow 3 working days’ notice."
    assert rewrite_category(weeks, notice, None, {"groom"}, alone=True) == (
        "Allow 2 weeks’ notice."
    )
    day = replace(move, old="3 working days", new="1 day")
    assert rewrite_category(day, notice, None, {"groom"}, alone=True) == "Allow 1 day’s notice."


def test_a_sentence_naming_the_category_beside_another_keeps_neither_value_alone() -> None:
    [move] = _facts().moves
    nouns = {"groom", "booking"}
    # named as one of alternatives or one end of a range: the old time is said of both
    assert (
        rewrite_category(move, "A puppy trim or a hand strip takes 3 hours.", None, nouns) is None
    )
    ranged = "From a puppy trim to a hand strip, every groom takes 3 hours."
    assert rewrite_category(move, ranged, None, nouns) == (
        f"A groom takes 3 hours (1 day {move.scope})."
    )
    tail = "Grooms take 3 hours, be it a puppy trim or a hand strip."
    assert rewrite_category(move, tail, None, nouns) == f"Grooms take 3 hours (1 day {move.scope})."
    # the category alone, or with another category of the move, takes its value
    assert rewrite_category(move, "A hand strip takes 3 hours.", None, nouns) == (
        "A hand strip takes 1 day."
    )
    # a claim between commas goes with its commas; an opening "All" over the kind goes
    aside = "Your dog, whatever groom you book, is ready within 3 hours."
    assert rewrite_category(move, aside, None, nouns) == (
        f"Your dog is ready within 3 hours (1 day {move.scope})."
    )
    assert rewrite_category(move, "All our grooms take 3 hours.", None, nouns) == (
        f"Our grooms take 3 hours (1 day {move.scope})."
    )
    assert rewrite_category(move, "All dogs are ready in 3 hours.", None, nouns) == (
        f"All dogs are ready in 3 hours (1 day {move.scope})."
    )


def test_a_model_edit_keeping_the_claim_or_the_old_time_in_the_categorys_item_fails() -> None:
    facts = _facts()
    item = kb_item("hs", BOOKED, "macro", title="Grooming::Hand strip booked")
    [impact] = [impact for impact in rank_items(facts, KnowledgeBase([item])) if impact.affected]
    right = BOOKED.replace("within 3 hours", "within 1 day")
    assert category_claims(facts, impact, right) == []
    aside = BOOKED.replace("within 3 hours", "within 3 hours (1 day for a hand strip)")
    [problem] = category_claims(facts, impact, aside)
    assert "the item is about a hand strip alone: say 1 day there" in problem
    general = "Hi,\n\nWhichever groom you book, your dog is ready within 3 hours of drop-off.\n"
    item = kb_item("when", general, "macro", title="Grooming::When is my dog ready")
    [impact] = [impact for impact in rank_items(facts, KnowledgeBase([item])) if impact.affected]
    kept = general.replace("3 hours", "3 hours (1 day for a hand strip)")
    [problem] = category_claims(facts, impact, kept)
    assert "whatever the kind" in problem
    edit = TemplateDrafter().edit(facts, impact)
    assert (
        edit.new_body
        == "Hi,\n\nYour dog is ready within 3 hours of drop-off (1 day for a hand strip).\n"
    )
    assert category_claims(facts, impact, edit.new_body) == []


def test_any_exception_beside_the_old_value_ends_a_leading_claim_for_every_kind() -> None:
    # the prompt's own aside or a promise's audience, not only a category's move
    kinds = case_kinds([], "on annual plans")
    said = "Whatever plan you're on, you can cancel within 14 days (30 days on annual plans)."
    assert without_lead_claim(said, kinds) == (
        "You can cancel within 14 days (30 days on annual plans)."
    )
    # a lead about something else, or holding a value itself, stays
    weather = "Whatever the weather, you can cancel within 14 days (30 days on annual plans)."
    assert without_lead_claim(weather, kinds) == weather
    valued = "For every plan over 2 seats, you can cancel within 14 days (30 days on annual plans)."
    assert without_lead_claim(valued, kinds) == valued
