"""A macro's non-reply settings against a behavior change: flagged with a suggestion for a
person to confirm, in the export and in the note's "what CS should do"."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import draft_release
from behaviordiff.kb import KnowledgeItem
from behaviordiff.kb.settings import BehaviorShift, review_settings
from behaviordiff.store.drafts import DraftStore


def _macro(actions: list[dict[str, Any]]) -> KnowledgeItem:
    return KnowledgeItem(
        kind="macro",
        id="1",
        title="Billing::Refund",
        body="Hi",
        body_format="text",
        source="macros.json",
        record="macros[0]",
        metadata={
            "format": "zendesk",
            "actions": [{"field": "comment_value", "value": "Hi"}, *actions],
        },
    )


def test_the_demo_note_says_to_check_macro_360001s_routing(example_release) -> None:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project, drafter="template")
    notes = {note.change_id: note for note in DraftStore(workspace).drafts(release_id, "note")}
    actions = notes["C1"].content["cs_actions"]
    (check,) = [action for action in actions if action.startswith("Check the settings")]
    assert "“Shipping::Delayed order”" in check
    assert "routes the ticket to a group, tags it as escalated and sets status to pending" in check
    assert "for orders over $50 delayed more than 48 hours" in check
    assert "for you to confirm" in check and "keep a macro for them" in check
    assert not any(a.startswith("Check the settings") for a in notes["C2"].content["cs_actions"])


def test_escalation_added_flags_a_solving_macro() -> None:
    review = review_settings(
        _macro([{"field": "status", "value": "solved"}, {"field": "set_tags", "value": "billing"}]),
        BehaviorShift(escalation="added"),
    )
    assert review is not None
    flags = {flag.field: flag for flag in review.flags}
    assert flags["status"].suggested_value == "open"
    assert flags["group_id"].suggestion == "add" and flags["group_id"].suggested_value is None
    assert {"field": "status", "value": "open"} in review.suggested_actions
    assert "choose the group" in review.cs_action()


def test_tags_naming_a_removed_action_are_flagged() -> None:
    shift = BehaviorShift(removed_actions=("issue_full_refund",), added_actions=("offer_voucher",))
    review = review_settings(
        _macro(
            [
                {"field": "current_tags", "value": "refund_issued vip"},
                {"field": "status", "value": "pending"},
            ]
        ),
        shift,
    )
    assert review is not None
    (flag,) = review.flags  # status alone says nothing without an escalation
    assert flag.field == "current_tags" and flag.suggested_value == "vip"


def test_nothing_to_flag() -> None:
    removed = BehaviorShift(escalation="removed")
    assert review_settings(_macro([{"field": "status", "value": "pending"}]), removed) is None
    assert (
        review_settings(_macro([{"field": "assignee_id", "value": "current_user"}]), removed)
        is None
    )
    text_only = KnowledgeItem("macro", "2", "Hi", "Hi", "text", "m.csv", "row 1")
    assert review_settings(text_only, removed) is None
    routed = review_settings(
        _macro(
            [
                {"field": "assignee_id", "value": "296220096"},
                {"field": "priority", "value": "urgent"},
            ]
        ),
        removed,
    )
    assert routed is not None
    assert [(f.field, f.suggestion, f.suggested_value) for f in routed.flags] == [
        ("assignee_id", "remove", None),
        ("priority", "change", "normal"),
    ]


def test_an_edited_macro_that_still_hands_off_keeps_its_routing_to_check() -> None:
    """trial14: the export suggested removing the group and solving the ticket for a macro
    whose edited text still hands part of the customers to a person. Made-up case: a plumber
    now books repairs under £200 in the chat; bigger jobs still go to the surveyor."""
    from behaviordiff.kb.settings import for_edited_macro, handoff_sentence

    macro = _macro([{"field": "group_id", "value": "42"}, {"field": "status", "value": "pending"}])
    review = review_settings(macro, BehaviorShift(escalation="removed"))
    assert review is not None
    assert [flag.suggestion for flag in review.flags] == ["remove", "change"]
    old = ["Our surveyor will phone you within two working days to price the job."]
    new = ["I've booked the repair for Tuesday morning."]
    still = handoff_sentence(
        "For jobs over £200, I've passed this on. The surveyor phones within two working "
        "days to price the job.",
        old,
        new,
    )
    assert still == "The surveyor phones within two working days to price the job."
    checked = for_edited_macro(review, macro, still)
    assert [flag.suggestion for flag in checked.flags] == ["check", "check"]
    assert checked.suggested_actions == macro.metadata["actions"]  # nothing removed
    assert "check group_id “42”" in checked.summary() and still in checked.summary()

    gone = handoff_sentence("I've booked the repair: see you on Tuesday.", old, new)
    assert gone == ""
    assert for_edited_macro(review, macro, gone) is review  # removal still suggested
