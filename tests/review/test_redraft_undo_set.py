"""Undoing a re-draft restores the change's drafts as the exact set they were: an edit the
re-draft added goes, one it removed comes back, one it marked stale is current again; from
the note or any of its edits, in one step, and never half way."""

from __future__ import annotations

from typing import Any

import pytest

from behaviordiff.config import Project
from behaviordiff.pipeline.review import (
    DraftConflict,
    apply_edit,
    approve,
    last_action,
    load_review,
    undo,
    writer_groundings,
)
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftRow, DraftStore
from tests.conftest import DraftedSnapshots

Release = tuple[Workspace, int, Project]


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    return drafted_snapshots.restore(example_release, drafter="template")


def _snapshot(workspace: Workspace, release_id: int, note_key: str) -> dict[str, Any]:
    return {
        (record.kind, record.key): (
            record.content,
            record.generated,
            record.status,
            record.stale,
            record.edited_by,
            record.origin,
        )
        for record in DraftStore(workspace).drafts(release_id)
        if record.key == note_key or record.key.startswith(f"{note_key}:")
    }


def _writer_works_on_c1(workspace: Workspace, release_id: int) -> None:
    """A writer's text on C1.2, and C1 approved: what a re-draft replaces."""
    second = load_review(workspace, release_id).resolve(["C1.2"])[0]
    groundings = writer_groundings(workspace, release_id)
    body = str(second.record.content["new_body"]) + "\n\nA writer's line."
    apply_edit(workspace, release_id, second, {"new_body": body}, groundings, actor="wren")
    note = load_review(workspace, release_id).resolve(["C1"])[0]
    approve(workspace, release_id, [note], despite_warnings=True, actor="wren")


def _redraft_changing_the_set(workspace: Workspace, release_id: int) -> tuple[str, str]:
    """C1 re-drafted so that C1.1 (untouched) is no longer produced, C1.2 (a writer's text)
    is no longer produced, and a new macro edit appears. Returns the note key and the new
    edit's key."""
    store = DraftStore(workspace)
    note, first = load_review(workspace, release_id).resolve(["C1", "C1.1"])
    record = note.record
    added_key = f"{record.key}:macro:999999"
    rows = [
        DraftRow("note", record.key, record.change_id, None, "template", dict(record.generated)),
        DraftRow(
            "edit",
            added_key,
            record.change_id,
            "macro:999999",
            "template",
            {**first.record.generated, "item_key": "macro:999999", "item_title": "New macro"},
        ),
    ]
    counts = store.redraft(release_id, record.key, rows, actor="wren")
    assert counts == {"replaced": 1, "added": 1, "removed": 1, "stale": 1}
    return record.key, added_key


def test_undo_of_a_redraft_restores_the_exact_earlier_set(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    note_key = load_review(workspace, release_id).resolve(["C1"])[0].record.key
    _writer_works_on_c1(workspace, release_id)
    before = _snapshot(workspace, release_id, note_key)
    _, added_key = _redraft_changing_the_set(workspace, release_id)
    after = _snapshot(workspace, release_id, note_key)
    assert ("edit", added_key) in after and len(after) == len(before)  # one out, one in
    review = load_review(workspace, release_id)
    assert last_action(workspace, review) == review.resolve(["C1"])[0]

    done = undo(workspace, release_id, review.resolve(["C1"])[0], actor="wren")
    assert done.action == "redraft"
    assert _snapshot(workspace, release_id, note_key) == before
    assert [entry["action"] for entry in workspace.audit(release_id)][-1] == "drafts.undo"
    handles = [item.handle for item in load_review(workspace, release_id).items]
    assert handles[:3] == ["C1", "C1.1", "C1.2"]


def test_undo_from_an_edit_undoes_the_whole_redraft(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    note_key = load_review(workspace, release_id).resolve(["C1"])[0].record.key
    _writer_works_on_c1(workspace, release_id)
    _redraft_changing_the_set(workspace, release_id)
    review = load_review(workspace, release_id)
    added = next(item for item in review.items if item.record.key.endswith(":macro:999999"))
    done = undo(workspace, release_id, added, actor="wren")
    assert done.item.handle == "C1" and done.action == "redraft"
    keys = set(_snapshot(workspace, release_id, note_key))
    assert not any(key.endswith(":macro:999999") for _, key in keys)


def test_an_edit_written_since_the_redraft_stops_the_undo_before_anything_moves(
    drafted: Release,
) -> None:
    workspace, release_id, _ = drafted
    note_key = load_review(workspace, release_id).resolve(["C1"])[0].record.key
    _writer_works_on_c1(workspace, release_id)
    _redraft_changing_the_set(workspace, release_id)
    review = load_review(workspace, release_id)
    added = next(item for item in review.items if item.record.key.endswith(":macro:999999"))
    groundings = writer_groundings(workspace, release_id)
    apply_edit(workspace, release_id, added, {"rationale": "Bo's reason."}, groundings, actor="bo")
    written = _snapshot(workspace, release_id, note_key)
    with pytest.raises(DraftConflict, match="changed by bo"):
        undo(workspace, release_id, load_review(workspace, release_id).resolve(["C1"])[0])
    assert _snapshot(workspace, release_id, note_key) == written
