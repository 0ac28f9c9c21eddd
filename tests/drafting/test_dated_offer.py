"""An offer withdrawn from a date on (`drafting.datedoffer`): the KB's claims of it for every
case are kept for the earlier cases, in the prompt's date words, and the withdrawal said once.

Made-up agents: a bakery whose orders placed from 1 March 2027 no longer include free
delivery, and a gym whose memberships started from 15 January 2027 no longer come with a free
personal training session."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.datedoffer import (
    DATED_OFFER_REASON,
    dated_offer,
    dated_offer_edit,
    still_dated_claims,
)
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, model_edit


def _facts(variable: str, day: str, old: str, kept: str, withdrawn: str, tool: str) -> ChangeFacts:
    atoms = [{"feature": variable, "op": ">=", "value": day}]
    return ChangeFacts(
        id="C1",
        title=f"no longer calls {tool}",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=10,
        conditions=[Condition.from_dict({"text": f"{variable} >= {day}", "atoms": atoms})],
        before_actions=[ActionFact(tool, ())],
        rules=[
            Rule("H1", "sentence_changed", "Offers", old, kept, "changed"),
            Rule("H2", "sentence_added", "Offers", None, withdrawn, "added"),
        ],
        prompt_sections={"Offers": [kept, withdrawn]},
    )


def _bakery() -> ChangeFacts:
    return _facts(
        "ordered_on",
        "2027-03-01",
        "Every order comes with free delivery: book it with `book_delivery`.",
        "Orders placed before 1 March 2027 keep free delivery: book it with `book_delivery`.",
        "Orders placed from 1 March 2027 no longer include free delivery.",
        "book_delivery",
    )


def _gym() -> ChangeFacts:
    return _facts(
        "joined_on",
        "2027-01-15",
        "Every membership comes with a free personal training session: book it with "
        "`book_pt_session`.",
        "Memberships started before 15 January 2027 keep the free personal training session.",
        "Memberships started on or after 15 January 2027 don't come with a free personal "
        "training session.",
        "book_pt_session",
    )


def _edited(facts: ChangeFacts, key: str, body: str, kind: str = "article", title: str = "") -> str:
    item = kb_item(key, body, kind=kind, title=title or None)
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.item.key.endswith(key)]
    assert all(DATED_OFFER_REASON in c.reasons for c in impact.conflicts)
    found = dated_offer_edit(facts, impact)
    assert found is not None and found[0] is not None
    return found[0]


def test_the_offer_and_who_keeps_it_are_read_in_the_prompts_words() -> None:
    offer = dated_offer(_bakery())
    assert offer is not None
    assert offer.earlier == "orders placed before 1 March 2027"
    assert offer.since == "Orders placed from 1 March 2027 no longer include free delivery."
    assert offer.words == {"delivery"}
    gym = dated_offer(_gym())
    assert gym is not None and gym.earlier == "memberships started before 15 January 2027"


def test_a_claim_over_what_is_dated_is_kept_for_the_earlier_ones_and_the_rule_said_once() -> None:
    claim = "Every order we bake comes with free delivery to your door, so there's nothing to add."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim} Enjoy!\n\nThe Crumb Shop"
    assert _edited(_bakery(), "m", body, kind="macro") == body.replace(
        claim,
        "Every order placed before 1 March 2027 comes with free delivery to your door, so "
        "there's nothing to add. Orders placed from 1 March 2027 no longer include free "
        "delivery.",
    )


def test_a_claim_over_the_date_and_an_always_are_narrowed() -> None:
    whenever = "We bring it to you for free, whichever date you placed it, on our own van."
    always = "Delivery is always free, because we want your cake to arrive in one piece."
    body = f"# Delivery\n\n{whenever}\n\n## What does it cost?\n\n{always}\n"
    assert _edited(_bakery(), "d", body) == body.replace(
        whenever,
        "We bring it to you for free, as long as you placed it before 1 March 2027, on our own "
        "van. Orders placed from 1 March 2027 no longer include free delivery.",
    ).replace(
        always,
        "Delivery is free for orders placed before 1 March 2027, because we want your cake to "
        "arrive in one piece.",
    )


def test_a_list_item_under_an_every_lead_names_who_keeps_it() -> None:
    item = "- A free personal training session in your first month"
    body = (
        "# Memberships\n\nEvery membership costs £30 a month, whichever club you choose.\n\n"
        f"Every membership includes:\n\n- A locker\n{item}\n- Towels\n"
    )
    assert _edited(_gym(), "g", body) == body.replace(
        item,
        "- A free personal training session for memberships started before 15 January 2027 in "
        "your first month",
    )


def test_the_same_words_about_something_else_or_already_dated_stay() -> None:
    facts = _bakery()
    body = (
        "# Orders\n\nEvery order costs £2 to box.\n\nCollection is always free.\n\n"
        "Orders placed before 1 March 2027 come with free delivery.\n"
    )
    ranked = rank_items(facts, KnowledgeBase([kb_item("o", body)]))
    assert not any(DATED_OFFER_REASON in c.reasons for i in ranked for c in i.conflicts)
    # an item that never names the offer
    other = "# Cakes\n\nEvery order is baked fresh, whenever you placed it.\n"
    ranked = rank_items(facts, KnowledgeBase([kb_item("c", other)]))
    assert not any(DATED_OFFER_REASON in c.reasons for i in ranked for c in i.conflicts)


def test_a_drafting_model_is_told_the_same() -> None:
    told = " ".join(draft_facts(_bakery()))
    assert "Orders placed from 1 March 2027 no longer include free delivery." in told
    assert "orders placed before 1 March 2027" in told


def test_a_drafting_model_edit_keeping_a_claim_for_everyone_is_refused() -> None:
    facts = _bakery()
    claim = "Every order we bake comes with free delivery to your door."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim} Enjoy!\n\nThe Crumb Shop"
    item = kb_item("m", body, kind="macro")
    impact = next(i for i in rank_items(facts, KnowledgeBase([item])) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None and "before 1 March 2027" in template_edit.new_body
    kept = body.replace(claim, "Every order we bake comes with free delivery, always.")
    assert still_dated_claims(facts, kept, "text") == [
        "Every order we bake comes with free delivery, always."
    ]
    edit, failure = model_edit(facts, impact, template_edit, kept)
    assert edit is None
    assert failure is not None and "withdraws from a date on" in str(failure)
