"""A tool the config swapped for another while the prompt stays the same: the KB sentences
that say we do what the old tool did say what the new one does, from the two tools'
descriptions, in the item's tense and with its own noun phrases. A parking garage's refunds
that became account credits."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import swapped_action
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD_TOOL = "Refund the parking charge to the card the stay was paid with. It shows within 3 days."
NEW_TOOL = (
    "Add a credit worth the parking charge to the customer's account. The credit comes off "
    "the next stay."
)


def test_the_old_action_is_said_as_the_new_tools_description_says_it() -> None:
    sentence = (
        "As the barrier was stuck, we've refunded the $12 parking charge to your card, and it "
        "shows there within 3 days."
    )
    assert swapped_action(sentence, OLD_TOOL, NEW_TOOL) == (
        "As the barrier was stuck, we've added a credit worth the $12 parking charge to your "
        "account. The credit comes off the next stay."
    )
    # the sentence's own tense; a clause that is not about what the old action led to stays
    assert swapped_action(
        "If the barrier is stuck, we refund the parking charge, and the gate opens.",
        OLD_TOOL,
        NEW_TOOL,
    ) == (
        "If the barrier is stuck, we add a credit worth the parking charge to your account, and "
        "the gate opens. The credit comes off the next stay."
    )


def test_a_sentence_it_cannot_say_that_way_is_left_to_a_writer() -> None:
    # not said with "we", or about another thing than the old tool acts on
    assert swapped_action("Your card is refunded within 3 days.", OLD_TOOL, NEW_TOOL) is None
    assert swapped_action("We refund season tickets in full.", OLD_TOOL, NEW_TOOL) is None
    # a new tool described with the agent's internals
    internal = "Call this tool to add a credit. Only use it for members."
    assert swapped_action("We refund the parking charge to your card.", OLD_TOOL, internal) is None


def test_a_macro_for_a_swapped_tool_says_what_the_new_tool_does() -> None:
    rules = [
        Rule("H1", "tool_added", None, None, None, "tool add_parking_credit added", NEW_TOOL),
        Rule("H2", "tool_removed", None, None, None, "tool refund_parking removed", OLD_TOOL),
    ]
    facts = ChangeFacts(
        id="C1",
        title="refund_parking → add_parking_credit",
        kind="actions",
        facets=["actions"],
        probe_ids=["stuck-1", "stuck-2"],
        before_actions=[ActionFact("refund_parking")],
        after_actions=[ActionFact("add_parking_credit")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:barrier", "op": "tag"}]})],
        rules=rules,
        excerpts=[
            Excerpt(probe_id="stuck-1", old="Refunded!", new="Credit added to your account."),
            Excerpt(probe_id="stuck-2", old="Refunded.", new="A credit is on your account."),
        ],
        others=3,
    )
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nSorry about the barrier. We've refunded the "
        "parking charge to your card, and it shows there within 3 days.\n\nSee you soon,\n"
        "{{current_user.first_name}}"
    )
    item = KnowledgeItem("macro", "1", "Parking::Barrier stuck", macro, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == macro.replace(
        "We've refunded the parking charge to your card, and it shows there within 3 days.",
        "We've added a credit worth the parking charge to your account. The credit comes off "
        "the next stay.",
    )
    assert "no longer declares" in edit.rationale
    # a drafting model is given the same facts: what each tool does, in the config's words
    from behaviordiff.drafting.drafters import LLMDrafter

    common = LLMDrafter(model=None, model_name="fake")._common(  # type: ignore[arg-type]
        facts, TemplateDrafter().note(facts, [impact], None)
    )
    assert common["rules"] == [
        f"tool add_parking_credit added: “{NEW_TOOL}”",
        f"tool refund_parking removed: “{OLD_TOOL}”",
    ]


def test_a_sentence_of_old_handling_alone_says_the_hand_off_instead() -> None:
    from behaviordiff.drafting.facts import value_pattern
    from behaviordiff.drafting.rules import handed_over

    desk = "Hand the conversation to a person on the member services desk."
    dropped = [value_pattern("7 business days")]
    # we do the old action (the first word of `note_claim`), and what it promised: the
    # hand-off as the tool's description says it; a team named for members stays a team
    assert handed_over(
        "We note your claim and our member services desk answers within 7 working days.",
        {"note"},
        dropped,
        desk,
    ) == ("We hand the conversation to a person on the member services desk.")
    # a clause that is neither stays true: no sentence is rewritten over it
    assert (
        handed_over("We note your claim, and you can track it in the app.", {"note"}, dropped, desk)
        is None
    )
    assert handed_over("Our desk answers within 7 working days.", {"note"}, dropped, desk) is None
