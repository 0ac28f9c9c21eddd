"""A requirement the new prompt drops for one category only (veterans no longer asked for
proof before their discount; students still are): the KB's asks naming the category, its
labelled list item and the wait after an ask are said the new way; the students' ask and the
same proof asked on another topic stay. A made-up case: a bike-hire shop's discounts."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categorydrop import (
    category_drop,
    category_drop_edit,
    category_drop_marks,
    category_drop_unsaid,
)
from behaviordiff.drafting.drafters import LLMDrafter, _more_draft_facts
from behaviordiff.drafting.dropped import dropped_requirement
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import ASK_REASON, WAIT_REASON, dropped_asks, rank_items
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import titled_item

RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Discounts",
        "Proof is needed before any discount is applied. If the rider has not sent it, ask "
        "them to reply with a photo of it and do not call `apply_discount` yet:",
        "Proof is needed before a student discount is applied. If the rider has not sent it, "
        "ask them to reply with a photo of it and do not call `apply_discount` yet:",
        "…",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Discounts",
        "veteran: a discharge certificate or a veterans railcard",
        "Veteran discounts need no proof: apply the discount with `apply_discount` straight "
        "away and confirm it is on the order.",
        "…",
    ),
]
ARTICLE = (
    """# Rider discounts

Students and veterans get 15% off every hire.

## How do I get my discount?

Book at the full price, then message us. We'll ask you for a photo of your proof:

1. Students: a valid student card.
2. Veterans: a discharge certificate or a veterans railcard.

## Do veterans get a discount?

"""
    "Yes, 15% off. We need to see your discharge certificate before we apply the veteran "
    "discount, so please have a photo ready.\n"
    """
## Veterans' ride club

To join the veterans' ride club, please send a photo of your discharge certificate.
"""
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for riding with us!\n\n"
    "Before we can apply your veteran discount to order {{ticket.custom_field_order}}, please "
    "reply with a photo of your discharge certificate or veterans railcard. Once it arrives, "
    "we'll apply the discount and email you a new receipt.\n\nBest,\nThe shop"
)
STUDENT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nBefore we can apply your student discount to "
    "order {{ticket.custom_field_order}}, please reply with a photo of your student card.\n\n"
    "Best,\nThe shop"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls apply_discount",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["vet-1", "vet-2", "vet-3"],
        after_actions=[ActionFact("apply_discount")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "proof_sent", "op": "=", "value": False},
                        {"feature": "rider_type", "op": "=", "value": "veteran"},
                    ]
                }
            )
        ],
        rules=list(RULES),
        excerpts=[
            Excerpt(probe_id="vet-1", old="Please send a photo.", new="Discount applied."),
            Excerpt(probe_id="vet-2", old="Please send a photo.", new="Done, 15% off."),
        ],
        others=6,
    )


def test_the_category_whose_proof_is_dropped_is_found_when_the_ask_stays_for_others() -> None:
    facts = _facts()
    assert dropped_requirement(RULES) is None
    drop = category_drop(RULES, facts.conditions)
    assert drop is not None
    assert (drop.category, drop.noun, drop.timing) == ("veteran", "proof", "straight away")


def test_asks_naming_the_category_are_said_the_new_way_and_others_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Rider discounts", ARTICLE),
            titled_item("macro", "Discounts::Veteran - ask for proof", MACRO),
            titled_item("macro", "Discounts::Student - ask for proof", STUDENT_MACRO),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(facts, knowledge)}
    reasons = {c.sentence: c.reasons for c in impacts["Rider discounts"].conflicts}
    assert reasons["Veterans: a discharge certificate or a veterans railcard."][0].startswith(
        ASK_REASON
    )
    assert not any("ride club" in sentence or "Students" in sentence for sentence in reasons)
    macro_reasons = [c.reasons[0] for c in impacts["Discounts::Veteran - ask for proof"].conflicts]
    assert [r.split(":")[0].split(" (")[0] for r in macro_reasons] == [ASK_REASON, WAIT_REASON]
    assert not impacts["Discounts::Student - ask for proof"].conflicts
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["Rider discounts"])
    assert article.new_body == ARTICLE.replace(
        "2. Veterans: a discharge certificate or a veterans railcard.",
        "2. Veterans: no proof needed.",
    ).replace(
        "We need to see your discharge certificate before we apply the veteran discount, so "
        "please have a photo ready.",
        "We don't need proof to apply the veteran discount: we do it straight away.",
    )
    macro = drafter.edit(facts, impacts["Discounts::Veteran - ask for proof"])
    assert macro.new_body == MACRO.replace(
        "Before we can apply your veteran discount to order {{ticket.custom_field_order}}, "
        "please reply with a photo of your discharge certificate or veterans railcard. Once it "
        "arrives, we'll apply the discount and email you a new receipt.",
        "We don't need proof to apply your veteran discount to order "
        "{{ticket.custom_field_order}}. We'll apply the discount and email you a new receipt "
        "straight away.",
    )


def test_the_drafting_model_is_held_to_the_same_check() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([titled_item("macro", "Discounts::Veteran", MACRO)])
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    assert dropped_asks(facts, impact.item, template_edit.new_body) == []
    reply = json.dumps({"new_body": MACRO, "rationale": "Kept."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still asks for what the new agent no longer needs" in failure


def test_the_drafting_model_is_told_the_fact_and_checked_on_the_other_categories() -> None:
    facts = _facts()
    said = _more_draft_facts(facts)
    assert any("no longer asks for proof for veteran" in fact for fact in said)
    article = titled_item("article", "Rider discounts", ARTICLE)
    template_body = (
        TemplateDrafter()
        .edit(
            facts,
            next(i for i in rank_items(facts, KnowledgeBase([article])) if i.affected),
        )
        .new_body
    )
    assert template_body is not None
    assert category_drop_unsaid(RULES, facts.conditions, ARTICLE, template_body) == []
    # the students' requirement dropped with the veterans'
    both_gone = template_body.replace("1. Students: a valid student card.\n", "")
    assert category_drop_unsaid(RULES, facts.conditions, ARTICLE, both_gone) == [
        "“Students: a valid student card.” is another category's requirement, which still "
        "holds: keep it"
    ]
    # the veterans' ask deleted with nothing said in its place
    silent = ARTICLE.replace(
        "2. Veterans: a discharge certificate or a veterans railcard.\n", ""
    ).replace(
        "We need to see your discharge certificate before we apply the veteran discount, so "
        "please have a photo ready.",
        "",
    )
    assert category_drop_unsaid(RULES, facts.conditions, ARTICLE, silent) == [
        "the new body does not say that veteran no longer needs proof"
    ]


def test_a_model_edit_saying_the_new_way_is_accepted() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([titled_item("article", "Rider discounts", ARTICLE)])
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reply = json.dumps({"new_body": template_edit.new_body, "rationale": "Veterans need none."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert failure is None or failure == "", failure
    assert edit is not None and edit.new_body == template_edit.new_body


def test_an_ask_worded_with_until_is_said_the_new_way_and_an_ask_with_no_action_is_left() -> None:
    facts = _facts()
    drop = category_drop(RULES, facts.conditions)
    assert drop is not None
    text = (
        "Veterans ride for less. We can't apply the veteran discount to order {{ref}} until "
        "we've seen your discharge certificate.\n\nVeterans, please send a photo of your "
        "discharge certificate to join the ride club.\n"
    )
    item_units = units(text)
    marks = category_drop_marks(drop, text, item_units)
    assert [item_units[i].text for i in marks] == [
        "We can't apply the veteran discount to order {{ref}} until we've seen your discharge "
        "certificate."
    ]
    assert category_drop_edit(drop, text, item_units, marks) == text.replace(
        "We can't apply the veteran discount to order {{ref}} until we've seen your discharge "
        "certificate.",
        "We don't need proof to apply the veteran discount to order {{ref}}: we do it straight "
        "away.",
    )
