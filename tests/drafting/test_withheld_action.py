"""An action the new prompt withholds from one category, with something else offered in its
place. An electronics shop's assistant used to send a replacement for any faulty device; now,
for a laptop (check_purchase.category = laptop), it sends none and offers a free repair at the
service centre, while phones and tablets keep the replacement. The macro's "whether it's a
phone, a tablet or a laptop" keeps the replacement for the others and says what laptops get;
the article's "Whatever you purchased" loses its claim over every purchase and gains the laptop's
case as its exception; its list with an item per category has only its laptop item rewritten.
The prompt still sends a replacement, unchanged, for a wrong colour delivered: the KB row on
that topic describes the action too and stays."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryway import category_way, with_category_way
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptaction import about_kept_action, kept_action_words
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

WITHHELD = (
    "For a laptop, don't send a replacement: offer a free repair at our service centre, and "
    "tell the customer that if they'd like it, we'll email a prepaid label within 2 working days."
)
KEPT_FOR_OTHERS = (
    "For phones and tablets, send a replacement with `send_replacement` (order_id) and tell "
    "them it arrives within 3 working days."
)
SECTIONS = {
    "Faulty devices": [
        "Look the purchase up with `check_purchase` (order_id).",
        KEPT_FOR_OTHERS,
        WITHHELD,
    ],
    "Wrong colour": [
        "If the wrong colour was delivered, send a replacement in the right colour with "
        "`send_replacement` and arrange a courier collection of the other one.",
    ],
    "Delivery": ["Standard delivery takes 3 working days."],
}
OLD_REPLY = "I've sent a replacement; it arrives within 3 working days."
NEW_REPLY = "We can repair it for free at our service centre; I'll email a prepaid label."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your device is faulty. We send a replacement "
    "for every faulty device, whether it's a phone, a tablet or a laptop, and it arrives within "
    "3 working days.\n\nThanks,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# If a device is faulty\n\nTell us in chat within a year of buying it.\n\n"
    "Whatever you purchased, a faulty device is replaced free of charge.\n\n"
    "## What you'll get\n\n"
    "- Phones: a replacement, arriving within 3 working days.\n"
    "- Tablets: a replacement, arriving within 3 working days.\n"
    "- Laptops: a replacement, arriving within 3 working days.\n\n"
    "Keep the box until it arrives.\n"
)
COLOURS = (
    "# Wrong colour or wrong model\n\n"
    "| Problem | What we do | How long |\n|---|---|---|\n"
    "| Wrong colour delivered | We send a replacement in the right colour | 3 working days |\n"
)


def _facts() -> ChangeFacts:
    conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {"feature": "tag:faulty", "op": "tag"},
                    {"feature": "check_purchase.category", "op": "=", "value": "laptop"},
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 12},
            }
        )
    ]
    rules = [
        Rule(
            "H2",
            "sentence_changed",
            "Faulty devices",
            "This goes for phones, tablets and laptops alike.",
            WITHHELD,
            "changed",
        ),
        Rule(
            "H1",
            "sentence_changed",
            "Faulty devices",
            "Send a replacement with `send_replacement` (order_id).",
            KEPT_FOR_OTHERS,
            "changed",
        ),
    ]
    facts = ChangeFacts(
        id="C1",
        title="no longer calls send_replacement",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("send_replacement")],
        removed_promises=[Promise("duration", "3 business days", "replacement")],
        added_promises=[Promise("duration", "2 business days", "label")],
        conditions=conditions,
        rules=rules,
        excerpts=[Excerpt(f"p{n}", OLD_REPLY, NEW_REPLY) for n in (1, 2, 3)],
        others=12,
    )
    facts.kept_action_topics = kept_action_words(["send_replacement"], rules, SECTIONS)
    return facts


def _knowledge() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("faulty", MACRO, kind="macro", title="Faults::Faulty device"),
            kb_item("faults", ARTICLE),
            kb_item("colours", COLOURS),
        ]
    )


def test_the_way_is_the_offer_the_new_prompt_makes_in_the_actions_place() -> None:
    way = category_way(_facts())
    assert way is not None
    assert way.case == "for a laptop"
    assert way.withheld == "send a replacement"
    assert way.statement == (
        "we offer a free repair at our service centre, and if you'd like it, we'll email a "
        "prepaid label within 2 working days"
    )
    assert way.promises == ("3 business days",)
    # an instruction withholding something the dropped action's name does not say
    facts = _facts()
    facts.rules[0] = Rule(
        "H2",
        "sentence_changed",
        "Faulty devices",
        None,
        "For a laptop, don't rush: offer a free repair at our service centre.",
        "changed",
    )
    assert category_way(facts) is None
    # a new tool in the action's place is another class (`_swapped_action_way`)
    facts = _facts()
    facts.after_actions = [ActionFact("book_repair")]
    way = category_way(facts)
    assert way is None or not way.withheld
    # so is a hand-off in its place
    facts = _facts()
    facts.after_actions = [ActionFact("handoff_to_human")]
    facts.escalation = "added"
    way = category_way(facts)
    assert way is None or not way.withheld


def test_only_the_claims_and_the_categorys_item_conflict() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _knowledge())}
    macro = impacts["macro:faulty"]
    assert [c.sentence for c in macro.conflicts] == [
        "We send a replacement for every faulty device, whether it's a phone, a tablet or a "
        "laptop, and it arrives within 3 working days."
    ]
    article = impacts["article:faults"]
    assert [c.sentence for c in article.conflicts] == [
        "Whatever you purchased, a faulty device is replaced free of charge.",
        "- Laptops: a replacement, arriving within 3 working days.",
    ]
    # a replacement for a wrong colour: the new prompt still sends one, unchanged
    colours = impacts.get("article:colours")
    assert colours is None or not colours.conflicts


def test_the_others_keep_the_action_and_the_category_gets_the_offer() -> None:
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, _knowledge())}
    drafter = TemplateDrafter()
    offer = (
        "we offer a free repair at our service centre, and if you'd like it, we'll email a "
        "prepaid label within 2 working days"
    )
    macro = drafter.edit(facts, impacts["macro:faulty"])
    assert macro.new_body == MACRO.replace(
        "for every faulty device, whether it's a phone, a tablet or a laptop, and it arrives "
        "within 3 working days.",
        "for every faulty device, if it's a phone or a tablet, and it arrives within 3 working "
        f"days; if it's a laptop, {offer}.",
    )
    article = drafter.edit(facts, impacts["article:faults"])
    assert article.new_body == ARTICLE.replace(
        "Whatever you purchased, a faulty device is replaced free of charge.",
        f"A faulty device is replaced free of charge, except for a laptop: then {offer}.",
    ).replace("- Laptops: a replacement, arriving within 3 working days.", f"- Laptops: {offer}.")
    assert "may no longer send a replacement" in article.rationale


def test_a_list_opening_with_its_subject_says_it_of_every_item() -> None:
    way = category_way(_facts())
    assert way is not None
    said = with_category_way(
        way, "We replace it within 3 working days, whether it's phones, tablets or laptops.", ""
    )
    assert said == (
        "We replace it within 3 working days if it's phones or tablets; if it's laptops, we "
        "offer a free repair at our service centre, and if you'd like it, we'll email a "
        "prepaid label within 2 working days."
    )


def test_a_claim_over_what_was_bought_opening_the_sentence() -> None:
    way = category_way(_facts())
    assert way is not None
    said = with_category_way(way, "Whatever you purchased, we replace it for free.", "")
    assert said is not None and said.startswith("We replace it for free, except for a laptop: ")
    # what the customer did that is no kind of the category: no claim over it
    assert with_category_way(way, "Whatever you need, we replace it for free.", "") is None


def test_a_kept_section_names_its_topic_apart_from_the_changes() -> None:
    topics = kept_action_words(["send_replacement"], _facts().rules, SECTIONS)
    assert len(topics) == 1
    assert {"wrong", "colour"} <= topics[0]
    # the delivery section never describes the action; the change's own words are no topic
    assert not topics[0] & {"deliveri", "laptop", "replac", "send"}
    assert about_kept_action(topics, "| Wrong colour delivered | We send a replacement |")
    assert not about_kept_action(topics, "We send a replacement for every faulty phone.")
    # a change whose rules never call the tool (a check added before it): the unchanged
    # section calling it is where the change reaches it, no other topic
    check = Rule(
        "H3",
        "sentence_added",
        "Identity",
        None,
        "Ask for the order number first; send the replacement only once it matches.",
        "added",
    )
    sections = {"Identity": [str(check.new)], "Replacements": SECTIONS["Wrong colour"]}
    assert kept_action_words(["send_replacement"], [check], sections) == []


def test_the_old_handling_is_kept_for_whom_the_rule_names_once() -> None:
    facts = _facts()
    note = TemplateDrafter().note(facts, rank_items(facts, _knowledge()), None)
    assert "stays for phones and tablets" in note.after
    assert "for for" not in note.after


def test_the_drafting_model_gets_the_offer_and_the_same_check() -> None:
    from behaviordiff.drafting.categoryway import still_claims_every_kind

    facts = _facts()
    assert any(
        "send a replacement" in fact and "prepaid label" in fact and "for a laptop" in fact
        for fact in draft_facts(facts)
    )
    impact = next(i for i in rank_items(facts, _knowledge()) if i.item.key == "article:faults")
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert (
        still_claims_every_kind(facts, conflicts, ARTICLE, template_edit.new_body, "markdown") == []
    )
    # a model's edit that rewrites the claim but keeps the laptop item's replacement
    kept = ARTICLE.replace(
        "Whatever you purchased, a faulty device is replaced free of charge.",
        "A faulty phone or tablet is replaced free of charge; laptops are repaired.",
    )
    assert still_claims_every_kind(facts, conflicts, ARTICLE, kept, "markdown") == [
        "- Laptops: a replacement, arriving within 3 working days."
    ]
    reply = json.dumps({"new_body": kept, "rationale": "Laptops are repaired."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "- Laptops: a replacement" in failure
