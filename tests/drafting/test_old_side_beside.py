"""The prompt-diff last resort beside the class rules (`drafting.oldside`): the old side of a
changed prompt sentence is looked for in every item no class rule marked, even when a class
rule marked another item; an item a class rule marked but could not write, each of its marked
sentences restating the old side, gets the new prompt sentence in the KB's voice; a sentence a
class rule read and cleared stays clear.

Made-up agents: a ski school that now lends a helmet past 3 lessons a week, while a removed
wait promise has a class rule mark one macro; a car park whose permit no longer stays with the
car ("stays with the car, not the driver" restates it)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, extract_promises
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact, _old_side_impacts, rank_items
from behaviordiff.drafting.oldside import OLD_SIDE_REASON, old_side_view
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

SKI_OLD = "We don't lend helmets to pupils."
SKI_NEW = (
    "If the customer is booked for more than 3 lessons this week, lend them a helmet with "
    "`lend_helmet` (pupil_id) at the hut, and tell them it's on the school."
)
SKI_SECTIONS = {
    "At the hut": [
        "Check the pupil in with `check_pupil` (pupil_id).",
        SKI_NEW,
        "Helmets can be hired for £4 a day.",
    ],
    "Refunds": ["We don't refund missed lessons."],
}
SKI_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your message. Just so you know, we don't "
    "lend helmets to pupils, whatever your course.\n\nSee you on the slopes,\n"
    "{{current_user.first_name}}\n"
)
SKI_ARTICLE = """# Helmets and kit

## Can I borrow a helmet?

| Lessons this week | Pupil helmet |
| --- | --- |
| Up to 3 | No |
| More than 3 | No |

Helmets can be hired for £4 a day at the hut.
"""
SKI_TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nWe don't refund missed lessons, but you can move "
    "yours to another day. Helmets can be hired for £4 a day.\n"
)


def _ski() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="now calls lend_helmet",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=6,
        after_actions=[ActionFact("lend_helmet", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lessons_this_week > 3",
                    "atoms": [{"feature": "lessons_this_week", "op": ">", "value": 3}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "At the hut", SKI_OLD, SKI_NEW, "sentence changed"),
            Rule("H2", "tool_added", None, None, None, "tool lend_helmet added"),
        ],
        prompt_sections=SKI_SECTIONS,
    )
    # a promise the old replies made and the new ones do not: a class rule marks the macro
    return replace(facts, removed_promises=extract_promises("Your helmet is ready in 10 minutes."))


def _ski_kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("helmets", SKI_ARTICLE),
            kb_item("helmet-macro", SKI_MACRO, kind="macro"),
            kb_item("missed", SKI_TRAP, kind="macro"),
        ]
    )


def test_the_old_side_is_found_in_an_item_no_class_rule_marked_beside_one_that_did() -> None:
    ranked = {impact.item.key: impact for impact in rank_items(_ski(), _ski_kb())}
    macro = ranked["macro:helmet-macro"]
    # a class rule marked the macro, for its own reason
    assert macro.conflicts and all(OLD_SIDE_REASON not in c.reasons for c in macro.conflicts)
    # the article, which no class rule marked, states the old rule in its row past the line
    assert [(c.sentence, c.reasons) for c in ranked["article:helmets"].conflicts] == [
        ("| More than 3 | No |", (OLD_SIDE_REASON,))
    ]
    # another denial in the same voice is no old side
    assert "macro:missed" not in ranked or not ranked["macro:missed"].conflicts
    edit = TemplateDrafter().edit(_ski(), ranked["article:helmets"])
    assert edit.new_body == SKI_ARTICLE.replace(
        "| More than 3 | No |", "| More than 3 | A helmet at the hut |"
    )


def test_an_item_a_class_rule_marked_but_could_not_write_gets_the_new_rule() -> None:
    facts = _ski()
    macro = next(i for i in rank_items(facts, _ski_kb()) if i.item.key == "macro:helmet-macro")
    assert old_side_view(facts, macro) is not None
    edit = TemplateDrafter().edit(facts, macro)
    assert edit.new_body == SKI_MACRO.replace(
        "we don't lend helmets to pupils, whatever your course.",
        "if you are booked for more than 3 lessons this week, we lend you a helmet at the hut, "
        "and it's on the school.",
    )
    assert "lend_helmet" not in edit.new_body


def test_an_item_with_a_marked_sentence_the_old_side_does_not_read_stays_the_class_rules() -> None:
    facts = _ski()
    body = SKI_MACRO.replace(
        "See you on the slopes", "Your helmet is ready in 10 minutes at the hut. See you"
    )
    item = kb_item("mixed", body, kind="macro")
    item_units = units(body)
    at = {unit.text: index for index, unit in enumerate(item_units)}
    denial = "Just so you know, we don't lend helmets to pupils, whatever your course."
    ready = "Your helmet is ready in 10 minutes at the hut."
    alone = Impact(
        item, 1.0, [Conflict(at[denial], denial, ("a class rule's reason",))], item_units
    )
    assert old_side_view(facts, alone) is not None
    both = Impact(
        item,
        1.0,
        [
            Conflict(at[denial], denial, ("a class rule's reason",)),
            Conflict(at[ready], ready, ("a class rule's reason",)),
        ],
        item_units,
    )
    assert old_side_view(facts, both) is None


def test_a_sentence_a_class_rule_cleared_stays_clear() -> None:
    facts = replace(_ski(), removed_promises=frozenset())
    item = kb_item("helmets", SKI_ARTICLE)
    item_units = units(SKI_ARTICLE)
    row = next(i for i, u in enumerate(item_units) if u.text == "| More than 3 | No |")
    found = _old_side_impacts(facts, [(item, 1.0, item_units)], [], {})
    assert [c.unit_index for impact in found for c in impact.conflicts] == [row]
    assert _old_side_impacts(facts, [(item, 1.0, item_units)], [], {item.key: {row}}) == []


# --- a car park: the permit no longer stays with the car (a swap) ------------------------------

PARK_OLD = (
    "Your parking permit lasts 12 months from the first payment and stays with the car: if "
    "`months_held` is under 12, parking is free, whoever drives the car now, family drivers "
    "included."
)
PARK_NEW = (
    "Your parking permit lasts 12 months from the first payment and covers the named driver "
    "only: if `months_held` is under 12 and `named_driver` is true, parking is free."
)
PARK_ARTICLE = """# Parking permits

Every permit runs for twelve months from the day it was first paid for.

## Does the permit transfer if I lend my car?

Yes. The permit stays with the car, not the driver, so if your family drives it they park free
for whatever is left of the year.

## Lost permits

A replacement permit costs £5.
"""


def _park() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="parking no longer free for other drivers",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=4,
        rules=[Rule("H1", "sentence_changed", "Permits", PARK_OLD, PARK_NEW, "sentence changed")],
        prompt_sections={"Permits": [PARK_NEW, "A replacement permit costs £5."]},
    )


def test_a_swap_restated_with_a_contrast_is_found_and_flagged() -> None:
    facts = _park()
    ranked = {
        i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("park", PARK_ARTICLE)]))
    }
    impact = ranked["article:park"]
    assert [" ".join(c.sentence.split()) for c in impact.conflicts] == [
        "The permit stays with the car, not the driver, so if your family drives it they park "
        "free for whatever is left of the year."
    ]
    edit = TemplateDrafter().edit(facts, impact)
    # it says more than the old rule: flagged with the reason, no wrong text
    assert edit.new_body is None
    assert "Flagged for review" in edit.rationale


def _fake(body: str) -> FakeChatModel:
    reply = json.dumps({"new_body": body, "rationale": "Updated."})
    note = json.dumps(
        {
            "title": "A helmet past 3 lessons",
            "before": "No helmets lent.",
            "after": "A helmet lent past 3 lessons a week.",
            "when": "More than 3 lessons this week.",
            "customer_impact": "Pupils get a helmet.",
            "cs_actions": [],
        }
    )
    return FakeChatModel([note, reply, reply, reply, reply, reply, reply])


def test_the_llm_drafter_is_told_the_old_side_of_an_item_a_class_rule_marked() -> None:
    facts = _ski()
    impacts = [i for i in rank_items(facts, _ski_kb()) if i.item.key == "macro:helmet-macro"]
    reworded = SKI_MACRO.replace(
        "Just so you know, we don't lend helmets to pupils, whatever your course.",
        "Please note that we don't lend any helmets to our pupils.",
    )
    model = _fake(reworded)
    draft = asyncio.run(
        LLMDrafter(model, "fake").draft(facts, impacts, Grounding([SKI_NEW, SKI_OLD]), None)
    )
    [macro] = draft.edits
    sent = " ".join(
        str(message.get("content")) for request in model.requests for message in request.messages
    )
    assert SKI_OLD in sent and "we lend you a helmet at the hut" in sent
    # the model's edit still denying it is refused; the template's text is used
    assert macro.origin == "llm-fallback"
    assert macro.new_body is not None and "we lend you a helmet at the hut" in macro.new_body
