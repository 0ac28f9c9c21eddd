"""A promise the new prompt withholds from one category, with only what the customer is told in
its place. An appliance-rental assistant used to promise an engineer visit within 24 hours for
any appliance that broke down; now, for a fridge (check_rental.appliance = fridge), it
promises no visit and no time and only says our cooling specialists will be in touch, while
washers and ovens keep the visit. The macro's "whether it's a washer, a fridge or an oven"
keeps the visit for the others and says what fridges get; the article's list with an item per
appliance has only its fridge item rewritten, the washer and oven items byte for byte; a list
of collection times per appliance (another subject, the same "within 24 hours") stays."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

WITHHELD = (
    "For a fridge, don't promise a visit or a time: tell the customer the fault is recorded "
    "and our cooling specialists will be in touch."
)
OLD_REPLY = "I've recorded the fault, and an engineer will visit within 24 hours, at no charge."
NEW_REPLY = "I've recorded the fault, and our cooling specialists will get in touch with you."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your {{ticket.custom_field_appliance}} has "
    "stopped working. I've recorded the fault, and an engineer will visit within 24 hours, "
    "whether it's a washer, a fridge or an oven. It's all included in your rental.\n\n"
    "Thanks,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# When an appliance breaks down\n\nTell us in chat and we'll record the fault for you.\n\n"
    "## Who comes out?\n\n"
    "- Washers: an engineer visits within 24 hours, at no charge.\n"
    "- Fridges: an engineer visits within 24 hours, at no charge.\n"
    "- Ovens: an engineer visits within 24 hours, at no charge.\n\n"
    "Visits are part of your rental.\n"
)
COLLECTIONS = (
    "# Ending your rental\n\n## When do you collect it?\n\n"
    "- Washers: collected within 24 hours of your rental ending.\n"
    "- Fridges: collected within 24 hours of your rental ending.\n\n"
    "Please empty it first.\n"
)


def _facts() -> ChangeFacts:
    conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {"feature": "tag:breakdown", "op": "tag"},
                    {"feature": "check_rental.appliance", "op": "=", "value": "fridge"},
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 12},
            }
        )
    ]
    return ChangeFacts(
        id="C1",
        title="no longer states 24 hours",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        removed_promises=[Promise("duration", "24 hours"), Promise("term", "free of charge")],
        conditions=conditions,
        rules=[
            Rule(
                "H2",
                "sentence_changed",
                "Breakdowns",
                "This goes for washers, fridges and ovens alike.",
                WITHHELD,
                "changed",
            )
        ],
        excerpts=[Excerpt(f"p{n}", OLD_REPLY, NEW_REPLY) for n in (1, 2, 3)],
        others=12,
    )


def _knowledge() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("breakdown", MACRO, kind="macro", title="Repairs::Appliance broken"),
            kb_item("breakdowns", ARTICLE),
            kb_item("collections", COLLECTIONS),
        ]
    )


def test_the_way_is_what_the_new_prompt_tells_that_category() -> None:
    from behaviordiff.drafting.categoryway import category_way

    way = category_way(_facts())
    assert way is not None
    assert way.case == "for a fridge"
    assert way.statement == "the fault is recorded and our cooling specialists will be in touch"
    assert way.promises == ("24 hours", "free of charge")
    # a clause the item already says is not said again; nothing left: the whole statement
    assert way.said_for("I've recorded the fault.") == "our cooling specialists will be in touch"
    assert way.said_for("We record the fault; our cooling specialists will be in touch.") == (
        way.statement
    )
    # the case as the rule's label names it
    facts = _facts()
    labelled = "Fridges: don't promise a visit; tell them our cooling specialists will call."
    facts.rules[0] = Rule("H2", "sentence_changed", "Breakdowns", None, labelled, "changed")
    found = category_way(facts)
    assert found is not None and found.case == "for fridges"
    assert found.statement == "our cooling specialists will call"
    # what the customer is told cut off by the agent's tool is not said
    facts.rules[0] = Rule(
        "H2",
        "sentence_changed",
        "Breakdowns",
        None,
        "For a fridge, don't promise a visit: tell them it's logged with `log_fault`.",
        "changed",
    )
    assert category_way(facts) is None
    # no instruction to withhold the promise: no such way
    facts = _facts()
    facts.rules[0] = Rule(
        "H2", "sentence_changed", "Breakdowns", None, "For a fridge, be extra kind.", "changed"
    )
    assert category_way(facts) is None
    # a change that took or dropped an action is another class (`_swapped_action_way`)
    facts = _facts()
    facts.kind = "actions"
    from behaviordiff.drafting.facts import ActionFact

    facts.before_actions = [ActionFact("book_engineer")]
    assert category_way(facts) is None


def test_only_the_categorys_list_item_conflicts() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _knowledge())}
    article = impacts["article:breakdowns"]
    assert [c.sentence for c in article.conflicts] == [
        "- Fridges: an engineer visits within 24 hours, at no charge."
    ]
    macro = impacts["macro:breakdown"]
    assert [c.sentence for c in macro.conflicts] == [
        "I've recorded the fault, and an engineer will visit within 24 hours, whether it's a "
        "washer, a fridge or an oven."
    ]
    # a list of collection times per appliance states the same value about another subject
    collections = impacts.get("article:collections")
    assert collections is None or not collections.conflicts


def test_the_promise_stays_for_the_others_and_the_category_gets_what_it_is_told() -> None:
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, _knowledge())}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:breakdown"])
    assert macro.new_body == MACRO.replace(
        "within 24 hours, whether it's a washer, a fridge or an oven.",
        "within 24 hours if it's a washer or an oven; if it's a fridge, our cooling "
        "specialists will be in touch.",
    )
    article = drafter.edit(facts, impacts["article:breakdowns"])
    assert article.new_body == ARTICLE.replace(
        "- Fridges: an engineer visits within 24 hours, at no charge.",
        "- Fridges: our cooling specialists will be in touch.",
    )
    assert "our cooling specialists" in article.rationale
    assert "for a fridge" in article.rationale


def test_a_leading_whether_list_and_a_trailing_one_are_split() -> None:
    from behaviordiff.drafting.categoryway import category_way, with_category_way

    way = category_way(_facts())
    assert way is not None
    said = with_category_way(
        way, "Whether it's a washer or a fridge, an engineer visits within 24 hours.", ""
    )
    assert said == (
        "If it's a washer, an engineer visits within 24 hours; if it's a fridge, the fault is "
        "recorded and our cooling specialists will be in touch."
    )
    said = with_category_way(
        way, "An engineer visits within 24 hours, whether it's a washer, a fridge or an oven.", ""
    )
    assert said == (
        "An engineer visits within 24 hours if it's a washer or an oven; if it's a fridge, the "
        "fault is recorded and our cooling specialists will be in touch."
    )
    # a sentence that is all the list names no case to keep
    assert with_category_way(way, "Whether it's a washer, a fridge or an oven.", "") is None


def test_the_drafting_model_gets_the_way_and_the_same_check() -> None:
    from behaviordiff.drafting.categoryway import still_claims_every_kind

    facts = _facts()
    assert any(
        "our cooling specialists will be in touch" in fact and "for a fridge" in fact
        for fact in draft_facts(facts)
    )
    impact = next(i for i in rank_items(facts, _knowledge()) if i.item.key == "article:breakdowns")
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert (
        still_claims_every_kind(facts, conflicts, ARTICLE, template_edit.new_body, "markdown") == []
    )
    # a model's edit that adds a sentence but keeps the fridge item's visit
    kept = ARTICLE.replace(
        "Visits are part of your rental.", "Our cooling specialists look after fridges."
    )
    assert still_claims_every_kind(facts, conflicts, ARTICLE, kept, "markdown") == [
        "- Fridges: an engineer visits within 24 hours, at no charge."
    ]
    reply = json.dumps({"new_body": kept, "rationale": "Named the cooling specialists."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "promises", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "- Fridges: an engineer visits" in failure


def test_a_category_ending_in_y_is_named_in_the_plural_too() -> None:
    from behaviordiff.drafting.categories import category_pattern

    assert category_pattern("body").search("- Camera bodies: a replacement body.")
    assert category_pattern("battery").search("Batteries: swapped the same day.")
    assert not category_pattern("body").search("Our bodyguards are on site.")
    # a vowel before the "y" takes an "s"
    assert category_pattern("day").search("on weekdays and days off")


def test_the_note_says_what_the_category_is_told_from_the_prompt() -> None:
    facts = _facts()
    note = TemplateDrafter().note(facts, rank_items(facts, _knowledge()), None)
    told = "our cooling specialists will be in touch"
    assert "the agent no longer promises 24 hours" in note.after
    assert told in note.after and WITHHELD in note.after
    # one conversation's reply is no statement of what every such customer is told
    assert NEW_REPLY not in note.after and "get in touch" not in note.after
    assert f"They are told the fault is recorded and {told} instead." in note.customer_impact
