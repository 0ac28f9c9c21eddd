"""A writer's draft follows its change into the next release even when the change's numbers
moved (so its stable key did) and the analysis numbers the changes differently: the writer's
text is kept, flagged outdated, and the review says what was carried from where; a writer's
draft that no change of the new release matches is named as not carried, with why."""

from __future__ import annotations

import copy

from behaviordiff.detect.model import Analysis
from behaviordiff.drafting import draft_release
from behaviordiff.review import apply_edit, approve, load_review


def _next_release(workspace, analysis: Analysis) -> int:
    release = workspace.create_release(
        base_label="support-v1",
        head_label="support-v3",
        diff=workspace.release_diff(workspace.require_latest_release().id),
    )
    workspace.save_analysis(release.id, analysis)
    return release.id


def test_a_writers_text_follows_its_renumbered_change_and_drops_are_named(
    example_release,
) -> None:
    workspace, example, project = example_release
    analysis = copy.deepcopy(workspace.load_analysis(example))
    assert analysis is not None
    refund, returns = analysis.changes
    refund.after = ["issue_refund(percent=50, type=shipping)"]
    first = _next_release(workspace, analysis)
    draft_release(workspace, first, project, drafter="template")
    review = load_review(workspace, first)
    refund_note = next(i for i in review.items if i.record.kind == "note" and i.handle == "C1")
    returns_note = next(i for i in review.items if i.record.kind == "note" and i.handle == "C2")
    apply_edit(workspace, first, refund_note, {"title": "Late orders: we refund shipping"}, {})
    approve(workspace, first, [returns_note])

    # the refund moves (50 → 75%) and the analysis numbers the refund change second
    moved = copy.deepcopy(analysis)
    refund, returns = moved.changes
    refund.after = ["issue_refund(percent=75, type=shipping)"]
    refund.id, returns.id = "C2", "C1"
    moved.changes = [returns, refund]
    second = _next_release(workspace, moved)
    draft_release(workspace, second, project, drafter="template")

    review = load_review(workspace, second)
    note = next(i for i in review.items if i.record.kind == "note" and i.handle == "C2")
    assert note.record.key != refund_note.record.key  # its key moved with its numbers
    assert note.record.content["title"] == "Late orders: we refund shipping"
    assert note.record.status == "edited" and note.record.outdated
    assert note.record.carried_from == first
    [entry] = [e for e in review.carry["renumbered"] if e["kind"] == "note"]
    assert entry["from_change_id"] == "C1" and entry["change_id"] == "C2"
    assert entry["writer_text"] and entry["outdated"]
    lines = review.carry_lines()
    assert any(
        line.startswith(f"C2 the writer's text carried over from release #{first}'s C1")
        for line in lines
    )
    assert review.carry["dropped"] == []

    # a writer re-approves the carried note, and a rerun lands on this release and drafts it
    # again: what the first pass carried on is not reported left behind
    approve(workspace, second, [note], despite_warnings=True)
    draft_release(workspace, second, project, drafter="template")
    review = load_review(workspace, second)
    assert review.carry["dropped"] == []
    assert not [line for line in review.carry_lines() if line.startswith("not carried")]
    again = next(i for i in review.items if i.record.kind == "note" and i.handle == "C2")
    assert again.record.status == "approved" and again.record.carried_from == first

    # the return window is gone from the next analysis: its approved note is named, not lost
    later = copy.deepcopy(moved)
    later.changes = [later.changes[1]]
    third = _next_release(workspace, later)
    draft_release(workspace, third, project, drafter="template")
    review = load_review(workspace, third)
    dropped = [e for e in review.carry["dropped"] if e["kind"] == "note"]
    assert [(e["change_id"], e["status"]) for e in dropped] == [("C1", "approved")]
    assert "no change of this release matches it" in dropped[0]["why"]
    assert any(
        line.startswith(f"not carried: release #{second}'s C1 note")
        for line in review.carry_lines()
    )
