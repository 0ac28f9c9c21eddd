"""A change whose numbers moved between two runs from the same version (a prompt tweak before
shipping: the refund 50% → 75%) carries the writer's note under a new key; the changelog lists
it once, in the newest release, the older one superseded. From another starting version the
move happened after the older release shipped, and both are listed."""

from __future__ import annotations

import copy

from behaviordiff.detect.model import Analysis
from behaviordiff.drafting import draft_release
from behaviordiff.publish.changelog import Selection, build_changelog
from behaviordiff.review import apply_edit, approve, load_review


def _release(workspace, analysis: Analysis, base: str, head: str) -> int:
    release = workspace.create_release(
        base_label=base,
        head_label=head,
        diff=workspace.release_diff(workspace.require_latest_release().id),
    )
    workspace.save_analysis(release.id, analysis)
    return release.id


def _approve_everything(workspace, release_id: int) -> None:
    review = load_review(workspace, release_id)
    notes = [item for item in review.items if item.record.kind == "note"]
    approve(workspace, release_id, notes, despite_warnings=True)


def _two_runs(example_release, second_base: str) -> tuple[object, int, int]:
    workspace, example, project = example_release
    analysis = copy.deepcopy(workspace.load_analysis(example))
    assert analysis is not None
    analysis.changes[0].after = ["issue_refund(percent=50, type=shipping)"]
    first = _release(workspace, analysis, "support-v1", "support-v3")
    draft_release(workspace, first, project, drafter="template")
    review = load_review(workspace, first)
    refund = next(i for i in review.items if i.record.kind == "note" and i.handle == "C1")
    apply_edit(workspace, first, refund, {"title": "Late orders: we refund shipping"}, {})
    _approve_everything(workspace, first)

    moved = copy.deepcopy(analysis)
    moved.changes[0].after = ["issue_refund(percent=75, type=shipping)"]
    second = _release(workspace, moved, second_base, "support-v4")
    draft_release(workspace, second, project, drafter="template")
    note = next(
        i
        for i in load_review(workspace, second).items
        if i.record.kind == "note" and i.handle == "C1"
    )
    assert note.record.key != refund.record.key and note.record.carried_from == first
    _approve_everything(workspace, second)
    return workspace, first, second


def _listed(workspace) -> dict[int, list[str]]:
    data = build_changelog(workspace, Selection())
    return {
        release["id"]: [change["title"] for change in release["changes"]]
        for release in data["releases"]
    }, {release["id"]: release["supersedes"] for release in data["releases"]}


def test_a_tweak_of_the_same_version_lists_the_change_once(example_release) -> None:
    workspace, first, second = _two_runs(example_release, "support-v1")
    listed, supersedes = _listed(workspace)
    assert first not in listed  # both of its changes are in the newer release
    assert listed[second].count("Late orders: we refund shipping") == 1
    assert supersedes[second] == [first]


def test_a_move_after_the_older_release_shipped_lists_both(example_release) -> None:
    workspace, first, second = _two_runs(example_release, "support-v3")
    listed, _ = _listed(workspace)
    assert "Late orders: we refund shipping" in listed[first]
    assert "Late orders: we refund shipping" in listed[second]


def test_a_rerun_left_out_stays_out_when_a_tweak_supersedes_the_newer_one(
    example_release,
) -> None:
    """Release A, a rerun B of the same versions (the same changes, so A is left out), then a
    tweak C from the same version (the refund moved again, carried from B): A stays out with
    B, both named in C's `supersedes`, and the old value is listed nowhere (a writer's trial
    saw A come back beside C)."""
    workspace, example, project = example_release
    analysis = copy.deepcopy(workspace.load_analysis(example))
    assert analysis is not None
    analysis.changes[0].after = ["issue_refund(percent=50, type=shipping)"]
    first = _release(workspace, analysis, "support-v1", "support-v3")
    draft_release(workspace, first, project, drafter="template")
    _approve_everything(workspace, first)
    rerun = _release(workspace, copy.deepcopy(analysis), "support-v1", "support-v3")
    draft_release(workspace, rerun, project, drafter="template")
    _approve_everything(workspace, rerun)
    listed, supersedes = _listed(workspace)
    assert first not in listed and supersedes[rerun] == [first]

    moved = copy.deepcopy(analysis)
    moved.changes[0].after = ["issue_refund(percent=75, type=shipping)"]
    tweak = _release(workspace, moved, "support-v1", "support-v4")
    draft_release(workspace, tweak, project, drafter="template")
    _approve_everything(workspace, tweak)
    listed, supersedes = _listed(workspace)
    assert list(listed) == [tweak]
    assert sorted(supersedes[tweak]) == [first, rerun]
