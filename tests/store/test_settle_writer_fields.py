"""A writer's decision over a machine draft that moved (a new user's trial, T9: a knowledge-base
refresh revoked an approved note every field of which the writer had written).

The decision on a writer's text holds when the change's facts are the same and the machine
text moved only in fields the writer wrote; the draft is flagged `suggestion_moved` so the
writer sees it. It is taken back (`edited` + `outdated`) when the facts moved (numbers,
probes, condition) or the machine text moved in a field the writer left to it (an edit's
current body included: the helpdesk's text moved under the writer's new body)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from behaviordiff.drafting import draft_release
from behaviordiff.review import apply_edit, approve, load_review, review_queue, review_state
from behaviordiff.store.drafts import DraftRow, DraftStore, settle

MACHINE: dict[str, Any] = {
    "title": "Refund now partial",
    "before": "Full refund.",
    "after": "Partial refund.",
    "when": "Cancellations 24 to 47 hours ahead.",
    "customer_impact": "They get 50%.",
    "cs_actions": ["Update macro “Refunds”: it says “24 hours”."],
    "severity": "high",
}
WRITER = {
    "title": "Partial (50%) refund for cancellations 24 to 47 hours before pickup",
    "before": "Full refund from 24 hours.",
    "after": "50% from 24 to 47 hours.",
    "when": "Cancelling 24 to 47 hours before pickup.",
    "customer_impact": "Half back.",
    "cs_actions": ["Use the new macro."],
    "severity": "high",
}
REFRESHED = {**MACHINE, "cs_actions": ["Update macro “Refunds”: it says “48 hours”."]}


def _prior(
    content: dict[str, Any], generated: dict[str, Any], kind: str = "note", **more: Any
) -> dict[str, Any]:
    return {
        "release_id": 1,
        "change_id": "C1",
        "kind": kind,
        "key": "change-1",
        "status": "approved",
        "origin": "template",
        "content_json": json.dumps(content),
        "generated_json": json.dumps(generated),
        "outdated": 0,
        "suggestion_moved": 0,
        "reason": None,
        "edited_by": "wendy",
        **more,
    }


def _row(content: dict[str, Any], kind: str = "note") -> DraftRow:
    return DraftRow(kind, "change-1", "C1", None, "template", content)  # type: ignore[arg-type]


def test_a_move_under_the_writers_own_fields_keeps_the_approval() -> None:
    settled = settle(_row(REFRESHED), _prior(WRITER, MACHINE), carried=False, same_facts=True)
    assert (settled.status, settled.outdated, settled.suggestion_moved) == (
        "approved",
        False,
        True,
    )
    assert settled.content["cs_actions"] == WRITER["cs_actions"]


@pytest.mark.parametrize(
    ("writer", "same_facts"),
    [
        (WRITER, False),  # the change itself moved: numbers, probes or condition
        ({**MACHINE, "title": WRITER["title"]}, True),  # CS actions were the machine's
    ],
    ids=["facts-moved", "field-the-writer-left"],
)
def test_the_approval_is_taken_back(writer: dict[str, Any], same_facts: bool) -> None:
    settled = settle(_row(REFRESHED), _prior(writer, MACHINE), carried=False, same_facts=same_facts)
    assert (settled.status, settled.outdated, settled.suggestion_moved) == (
        "edited",
        True,
        False,
    )
    assert settled.content["title"] == WRITER["title"]  # the writer's text stays


def test_an_edit_over_a_moved_helpdesk_body_is_taken_back() -> None:
    machine = {"old_body": "24 hours.", "new_body": "48 hours.", "rationale": "r"}
    writer = {**machine, "new_body": "48 hours, said our way.", "rationale": "mine"}
    refreshed = {"old_body": "48 hours.", "new_body": "72 hours.", "rationale": "r2"}
    moved = settle(
        _row(refreshed, "edit"), _prior(writer, machine, "edit"), carried=False, same_facts=True
    )
    assert (moved.status, moved.outdated) == ("edited", True)
    reworded = {**machine, "new_body": "48 hours, the machine's way.", "rationale": "r2"}
    kept = settle(
        _row(reworded, "edit"), _prior(writer, machine, "edit"), carried=False, same_facts=True
    )
    assert (kept.status, kept.outdated, kept.suggestion_moved) == ("approved", False, True)


def test_the_flag_stays_until_a_writer_looks_and_an_outdated_text_stays_outdated() -> None:
    flagged = _prior(WRITER, REFRESHED, suggestion_moved=1)
    again = settle(_row(REFRESHED), flagged, carried=False, same_facts=True)
    assert (again.status, again.suggestion_moved) == ("approved", True)
    outdated = _prior(WRITER, MACHINE, status="edited", outdated=1)
    still = settle(_row(REFRESHED), outdated, carried=False, same_facts=True)
    assert (still.status, still.outdated, still.suggestion_moved) == ("edited", True, False)


def _rows(workspace, release_id: int, cs_actions: list[str]) -> list[DraftRow]:
    """This release's machine drafts, C1's note with other CS actions (a KB refresh)."""
    rows = []
    for record in DraftStore(workspace).drafts(release_id):
        content = dict(record.generated)
        if record.kind == "note" and record.change_id == "C1":
            content["cs_actions"] = cs_actions
        rows.append(
            DraftRow(
                record.kind, record.key, record.change_id, record.item_key, record.origin, content
            )
        )
    return rows


def _written_and_approved(example_release) -> tuple[Any, int, Any]:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project, drafter="template")
    note = load_review(workspace, release_id).resolve(["C1"])[0]
    mine = {name: WRITER[name] for name in WRITER if name != "severity"}
    outcome = apply_edit(workspace, release_id, note, mine, {})
    assert approve(workspace, release_id, [outcome.item], despite_warnings=True).approved
    return workspace, release_id, note.record.key


def test_the_facts_are_read_from_the_stored_analyses(example_release) -> None:
    """Through `save_generated`: the same runs drafted again keep the approval; a next
    release whose change lost a probe takes it back."""
    workspace, release_id, key = _written_and_approved(example_release)
    store = DraftStore(workspace)
    counts = store.save_generated(release_id, _rows(workspace, release_id, ["KB moved."]))
    record = store.draft(release_id, "note", key)
    assert (record.status, record.outdated, record.suggestion_moved) == ("approved", False, True)
    assert counts["suggestion_moved"] == 1 and counts["outdated"] == 0
    item = load_review(workspace, release_id).resolve(["C1"])[0]
    assert review_state(item.record).settled  # nothing the gate waits for
    entry = next(e for e in review_queue(workspace, release_id).entries if e.handle == "C1")
    assert entry.flags == ["suggestion moved"]

    analysis = copy.deepcopy(workspace.load_analysis(release_id))
    assert analysis is not None
    analysis.changes[0].probe_ids = analysis.changes[0].probe_ids[:-1]
    following = workspace.create_release(
        base_label="support-v1", head_label="support-v3", diff=workspace.release_diff(release_id)
    )
    workspace.save_analysis(following.id, analysis)
    store.save_generated(following.id, _rows(workspace, release_id, ["KB moved again."]))
    carried = store.draft(following.id, "note", key)
    assert (carried.status, carried.outdated, carried.suggestion_moved) == ("edited", True, False)
