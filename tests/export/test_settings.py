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
