"""A tool the config added while the prompt stays the same, the prompt saying what to do
without such a tool ("If none does, ask the customer to email the workshop …"): the new
version stops doing that, so KB sentences that send the customer there say what the tool
does, from its description. A bike shop whose assistant can now schedule repairs."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, fallbacks
from behaviordiff.drafting.impact import FALLBACK_REASON, rank_items, sentence_conflict
from behaviordiff.drafting.rules import (
    done_with_tool,
    fallback_action,
    says_fallback,
    tool_fallback,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

TOOL = "Schedule the next free repair slot for a broken gear. Returns the date of the slot."
SECTIONS = {
    "Repairs": [
        "Look the bike up first with `find_bike`.",
        "If one of your tools schedules repair slots, schedule the next free one with it.",
        "Otherwise, tell the customer to email our workshop at fix@spokes.test to arrange one.",
    ],
    "Shop": ["Our shop is open 9am to 6pm.", "Email us at hello@spokes.test for a quote."],
}
FALLBACK = "Otherwise, tell the customer to email our workshop at fix@spokes.test to arrange one."


def test_the_prompts_handling_without_the_tool_is_found_from_the_tools_description() -> None:
    assert tool_fallback(SECTIONS, TOOL) == FALLBACK
    # the sentence offering a tool must share its description's words
    assert tool_fallback(SECTIONS, "Print a receipt for the last order.") is None
    # a sentence after one that offers no tool is not a fallback
    plain = {"Repairs": ["Check the gears.", "Otherwise, email the workshop to arrange one."]}
    assert tool_fallback(plain, TOOL) is None
    assert fallback_action(FALLBACK) == "email our workshop at fix@spokes.test to arrange one"


def test_only_sentences_sending_the_customer_there_say_the_old_handling() -> None:
    action = "email our workshop at fix@spokes.test to arrange one"
    assert says_fallback(action, "Please email our workshop at fix@spokes.test to book a slot.")
    # the same verb for another purpose, or the same place without the verb
    assert not says_fallback(action, "Email us at hello@spokes.test for a quote.")
    assert not says_fallback(action, "Our workshop fits new gears within 5 days.")


def test_the_sentence_says_what_the_tool_does_keeping_its_condition() -> None:
    action = "email our workshop at fix@spokes.test to arrange one"
    assert done_with_tool(
        "If a gear is broken, email our workshop at fix@spokes.test to book a slot.",
        action,
        TOOL,
    ) == ("If a gear is broken, we'll schedule the next free repair slot.")
    assert done_with_tool(
        "Please email our workshop at fix@spokes.test, and they'll book a slot.", action, TOOL
    ) == ("We'll schedule the next free repair slot for a broken gear.")
    # a sentence with something else before the action is left to a writer
    assert (
        done_with_tool(
            "Our staff say you should email our workshop at fix@spokes.test.", action, TOOL
        )
        is None
    )
    internal = "Call this tool to schedule a repair slot."
    assert done_with_tool("Please email our workshop at fix@spokes.test.", action, internal) is None


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="now calls schedule_repair",
        kind="actions",
        facets=["actions"],
        probe_ids=["gear-1", "gear-2"],
        after_actions=[ActionFact("schedule_repair")],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "find_bike.state", "op": "=", "value": "broken"}]}
            )
        ],
        rules=[Rule("H1", "tool_added", None, None, None, "tool schedule_repair added", TOOL)],
        excerpts=[
            Excerpt(probe_id="gear-1", old="Email the workshop.", new="Booked for Monday."),
            Excerpt(probe_id="gear-2", old="Email our workshop.", new="Booked for Friday."),
        ],
        others=3,
    )
    facts.tool_fallbacks = fallbacks(facts, SECTIONS)
    return facts


def test_a_macro_sending_customers_to_the_old_handling_says_what_the_tool_does() -> None:
    facts = _facts()
    assert facts.tool_fallbacks == [(TOOL, FALLBACK)]
    assert sentence_conflict(facts, "Email us at hello@spokes.test for a quote.") == ()
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nSorry your gear broke. Please email our workshop "
        "at fix@spokes.test, and they'll book a slot.\n\nYour warranty still applies.\n\n"
        "Ride safe,\n{{current_user.first_name}}"
    )
    quote = "Hi,\n\nEmail us at hello@spokes.test for a quote.\n\nThanks"
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Repairs::Broken gear", macro, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Shop::Quote", quote, "text", "kb", "m"),
        ]
    )
    [impact] = [i for i in rank_items(facts, kb) if i.affected]
    assert impact.item.key == "macro:1"
    assert any(r.startswith(FALLBACK_REASON) for r in impact.conflicts[0].reasons)
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == macro.replace(
        "Please email our workshop at fix@spokes.test, and they'll book a slot.",
        "We'll schedule the next free repair slot for a broken gear.",
    )
