"""trial10 T10: a writer's rejection of an edit's wording (a wrong draft) is about that machine
text; when a later release drafts the edit differently, the new draft is for a writer again,
but the dropped rejection is said (`dropped` in the carry report, with who rejected it and
CS's by-hand rewrite), never dropped silently."""

from __future__ import annotations

from pathlib import Path

from behaviordiff.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.store.acks import AckStore
from behaviordiff.store.drafts import DraftRow, DraftStore


def _edit(body: str) -> DraftRow:
    content = {
        "new_body": body,
        "rationale": "why",
        "old_body": "old",
        "change_id": "C1",
        "item_title": "House rules",
    }
    return DraftRow("edit", "change-pets:article:rules", "C1", "article:rules", "template", content)


def _note() -> DraftRow:
    content = {"title": "Pets", "after": "dogs", "cs_actions": [], "change_id": "C1"}
    return DraftRow("note", "change-pets", "C1", None, "template", content)


def test_a_wrong_draft_rejection_not_carried_is_reported(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws") as workspace:
        store = DraftStore(workspace)
        first = workspace.create_release(base_label="a", head_label="b").id
        store.save_generated(first, [_note(), _edit("We residents may bring a dog.")])
        store.update(
            first,
            "edit",
            "change-pets:article:rules",
            status="rejected",
            reason="wrong-draft",
            comment="CS rewrites it",
        )
        AckStore(workspace).record_delivery(
            first, ["change-pets:article:rules"], "done", "Sam (CS)"
        )

        second = workspace.create_release(base_label="a", head_label="b").id
        counts = store.save_generated(
            second, [_note(), _edit("We residents may bring a dog. Guests: 3.")]
        )
        new = store.draft(second, "edit", "change-pets:article:rules")
        assert new.status == "draft" and new.outdated  # a writer decided on it before
        assert counts["dropped"] == 1
        [entry] = store.carry_report(second)["dropped"]
        assert entry["status"] == "rejected" and entry["reason"] == "wrong-draft"
        assert entry["release_id"] == first
        assert "not carried" in entry["why"] and "Sam (CS)" in entry["why"]
        lines = load_review(workspace, second).carry_lines()
        assert any(line.startswith(f"not carried: release #{first}'s C1") for line in lines)

        # the same machine text again: the rejection holds, nothing reported
        third = workspace.create_release(base_label="a", head_label="b").id
        store.update(
            second,
            "edit",
            "change-pets:article:rules",
            status="rejected",
            reason="wrong-draft",
        )
        store.save_generated(third, [_note(), _edit("We residents may bring a dog. Guests: 3.")])
        assert store.draft(third, "edit", "change-pets:article:rules").status == "rejected"
        assert store.carry_report(third)["dropped"] == []
