"""A perk given from a line on a number a tool returns, where the KB says everyone gets the
same. A made-up car hire now gives customers with 10 or more completed rentals
(lookup_customer.rentals_completed >= 10) a free upgrade to a premium car on every booking
(`reserve_car` class standard → premium); everyone else still books a standard car and pays
£25 a day for a premium one. The KB's "the same for every customer, however many times you've
rented with us", "We don't give free upgrades", "for every customer" in a table row and
"whether you rented once or fifty times" lose their claims and the perk is said once; a rule
on another subject ("every customer pays the same fuel charge") and a sentence stating the
line of another rule ("10 days") stay."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rangeperk import (
    RANGE_PERK_REASON,
    range_perk,
    still_for_everyone,
    without_claims,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

PERK = (
    "Frequent renters: customers who have completed 10 or more rentals with us get a free "
    "upgrade to a premium car (leather seats and satnav) on every booking. Reserve it with "
    "`reserve_car`, class `premium`, and tell them the upgrade is free."
)
OTHERS = (
    "Other customers (under 10 rentals): reserve the car with `reserve_car`, class "
    "`standard`. For them a premium car is £25 a day extra."
)
STATEMENT = (
    "Customers who have completed 10 or more rentals with us get a free upgrade to a premium "
    "car on every booking."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour standard car is reserved for "
    "{{ticket.custom_field_pickup}}.\n\nWant a premium car instead? It's £25 a day extra, paid at "
    "the desk, and the price is the same for every customer, however many times you've rented "
    "with us.\n\nEvery customer pays the same fuel charge of £10 if the tank comes back empty."
    "\n\nThanks,\n{{current_user.first_name}}"
)
PRICE = (
    "Hi {{ticket.requester.first_name}},\n\nA premium car has leather seats and satnav. It costs "
    "£25 a day on top of your hire.\n\nWe don't give free upgrades to premium cars: every "
    "customer pays the same, whether you rented once or fifty times.\n\nYou can keep any car "
    "for up to 10 days.\n\nThanks,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# Choosing a car\n\n| Class | What you get | Price |\n| --- | --- | --- |\n"
    "| Standard | A five-door hatchback | Included |\n"
    "| Premium | Leather seats and satnav | £25 a day extra, for every customer |\n\n"
    "## Do regular customers get upgrades?\n\nEvery customer pays the same for extras. A premium "
    "car costs £25 a day whether you rented once or fifty times, and we don't give free "
    "upgrades.\n"
)


def _facts(op: str = ">=", value: object = 10) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="reserve_car class standard → premium",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("reserve_car", (("class", "standard"),))],
        after_actions=[ActionFact("reserve_car", (("class", "premium"),))],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:booking", "op": "tag"},
                        {"feature": "lookup_customer.rentals_completed", "op": op, "value": value},
                    ]
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Booking a car", "Reserve a car.", PERK, "changed"),
            Rule("H2", "sentence_added", "Booking a car", None, OTHERS, "added"),
        ],
    )


def test_the_perk_is_read_from_the_prompt_sentence_stating_the_line() -> None:
    perk = range_perk(_facts())
    assert perk is not None
    assert perk.line == "10"
    assert perk.statement == STATEMENT
    assert {"free", "premium"} <= perk.perk_words
    # a flag (`= true`) has its own edits; two lines, or none, are not this change
    assert range_perk(_facts("=", True)) is None
    facts = _facts()
    facts.after_actions = [ActionFact("reserve_car", (("class", "standard"),))]
    assert range_perk(facts) is None


def test_claims_for_everyone_are_cut_and_what_holds_for_the_rest_kept() -> None:
    perk = range_perk(_facts())
    assert perk is not None
    assert (
        without_claims(
            perk,
            "It's £25 a day extra, paid at the desk, and the price is the same for every "
            "customer, however many times you've rented with us",
        )
        == "It's £25 a day extra, paid at the desk"
    )
    assert without_claims(perk, "We don't give free upgrades: every customer pays the same") == ""
    assert (
        without_claims(perk, "A premium car costs £25 a day whether you rented once or twice")
        == "A premium car costs £25 a day"
    )
    assert without_claims(perk, "£25 a day extra, for every customer") == "£25 a day extra"
    # nothing claimed; a claim followed by something else it says is no confident cut
    assert without_claims(perk, "A premium car costs £25 a day") is None
    assert without_claims(perk, "We don't give free upgrades, but ask about deals") is None


def test_the_items_claims_are_rewritten_the_perk_said_once_and_the_rest_kept() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            kb_item("reserved", MACRO, kind="macro", title="Bookings::Car reserved"),
            kb_item("price", PRICE, kind="macro", title="Bookings::Premium price"),
            kb_item("choosing", ARTICLE, title="Choosing a car"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    marked = {
        c.sentence for i in impacts.values() for c in i.conflicts if RANGE_PERK_REASON in c.reasons
    }
    assert not any("fuel charge" in s or "10 days" in s for s in marked)
    drafter = TemplateDrafter()
    reserved = drafter.edit(facts, impacts["macro:reserved"]).new_body
    assert reserved == MACRO.replace(
        ", and the price is the same for every customer, however many times you've rented with us.",
        f". {STATEMENT}",
    )
    price = drafter.edit(facts, impacts["macro:price"]).new_body
    assert price == PRICE.replace(
        "We don't give free upgrades to premium cars: every customer pays the same, whether you "
        "rented once or fifty times.",
        STATEMENT,
    )
    article = drafter.edit(facts, impacts["article:choosing"]).new_body
    assert article is not None
    assert "| Premium | Leather seats and satnav | £25 a day extra |" in article
    assert f"A premium car costs £25 a day. {STATEMENT}" in article
    assert "Every customer pays the same for extras." not in article
    assert article.count(STATEMENT) == 1 and "Included |" in article


def test_the_drafting_model_gets_the_perk_and_the_same_check() -> None:
    facts = _facts()
    assert any(STATEMENT in fact for fact in draft_facts(facts))
    [impact] = rank_items(facts, KnowledgeBase([kb_item("price", PRICE, kind="macro")]))
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_for_everyone(facts, conflicts, PRICE, template_edit.new_body, "text") == []
    kept = PRICE.replace("fifty times.", f"fifty times. {STATEMENT}")
    assert still_for_everyone(facts, conflicts, PRICE, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the perk."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common: dict[str, Any] = {
        "change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}
    }
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says everyone gets the same" in failure


def test_other_rules_about_the_perks_subject_are_no_claim() -> None:
    perk = range_perk(_facts())
    assert perk is not None
    # "the same day" is no claim for everyone, and a denial of another rule about premium
    # cars (not of the free upgrade) stays
    assert without_claims(perk, "You can swap to a premium car the same day at the desk") is None
    assert without_claims(perk, "We can't hold a premium car past noon") is None
    assert without_claims(perk, "We never give free upgrades") == ""
