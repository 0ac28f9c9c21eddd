"""`draft` (and `run`, which prints the same drafts) says how many review decisions of the
earlier release it carried over and how many it dropped, in text and in `--format json`."""

from __future__ import annotations

import copy
import json
from typing import Any

from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.cli.render import carry_counts_text
from behaviordiff.detect.model import Analysis
from behaviordiff.drafting import draft_release
from behaviordiff.review import approve, load_review, reject
from tests.conftest import EXAMPLE


def _next_release(workspace: Any, analysis: Analysis) -> int:
    release = workspace.create_release(
        base_label="support-v1",
        head_label="support-v3",
        diff=workspace.release_diff(workspace.require_latest_release().id),
    )
    workspace.save_analysis(release.id, analysis)
    return release.id


def _draft(workspace: Any, release_id: int, *extra: str) -> Any:
    return CliRunner().invoke(
        app,
        [
            "draft",
            "--release",
            str(release_id),
            "--drafter",
            "template",
            "--workspace",
            str(workspace.folder),
            "--config",
            str(EXAMPLE / "behaviordiff.toml"),
            *extra,
        ],
    )


def test_draft_counts_the_decisions_carried_over_and_dropped(example_release: Any) -> None:
    workspace, first, project = example_release
    analysis = workspace.load_analysis(first)
    assert analysis is not None and len(analysis.changes) == 2
    draft_release(workspace, first, project, drafter="template")
    review = load_review(workspace, first)
    notes = [item for item in review.items if item.record.kind == "note"]
    approve(workspace, first, [notes[0]])
    reject(workspace, first, notes[1], "expected-noise")

    # the next release finds only the first change: its approval carries, the rejection drops
    later = copy.deepcopy(analysis)
    later.changes = later.changes[:1]
    second = _next_release(workspace, later)
    result = _draft(workspace, second, "--format", "json")
    assert result.exit_code == 0, result.output
    drafted = json.loads(result.output)
    assert (drafted["carried"], drafted["dropped"]) == (1, 1)

    again = _draft(workspace, second)  # a re-draft of the same release: nothing new carried
    assert again.exit_code == 0, again.output
    said = " ".join(again.output.split())
    assert "From an earlier release: 0 review decisions carried over, 1 dropped" in said
    assert "`behaviordiff review list` says which and why" in said


def test_the_counts_line_says_nothing_dropped_when_nothing_was() -> None:
    assert carry_counts_text(1, 0).plain == (
        "From an earlier release: 1 review decision carried over."
    )
    assert carry_counts_text(2, 3).plain == (
        "From an earlier release: 2 review decisions carried over, 3 dropped "
        "(`behaviordiff review list` says which and why)."
    )


def test_the_printed_note_says_whose_text_it_is(example_release: Any) -> None:
    """A writer's edited note is shown by `draft` (and `run`) as the writer's, as `review list`
    says it, not as the template's."""
    from behaviordiff.review import apply_edit

    workspace, first, project = example_release
    draft_release(workspace, first, project, drafter="template")
    note = next(i for i in load_review(workspace, first).items if i.record.kind == "note")
    apply_edit(
        workspace, first, note, {"title": "Late orders: we refund shipping"}, {}, actor="Wren"
    )
    approve(
        workspace,
        first,
        [load_review(workspace, first).resolve([note.handle])[0]],
        despite_warnings=True,
    )
    shown = _draft(workspace, first)
    assert shown.exit_code == 0, shown.output
    said = " ".join(shown.output.split())
    assert "approved · writer (Wren)" in said
    assert "approved · template" not in said


def test_the_next_release_carries_from_where_the_writer_last_worked(example_release: Any) -> None:
    """A rerun came back to release #1 (its versions fixed after a failed run #2 between): the
    writer edited and approved there, after #2 was drafted. The next release carries #1's
    text and approvals, not #2's untouched drafts (the highest number is not where the writer
    worked)."""
    from behaviordiff.review import apply_edit

    workspace, first, project = example_release
    analysis = workspace.load_analysis(first)
    assert analysis is not None
    draft_release(workspace, first, project, drafter="template")
    broken = _next_release(workspace, copy.deepcopy(analysis))
    draft_release(workspace, broken, project, drafter="template")
    # back on #1: the writer's text and approvals
    note = next(i for i in load_review(workspace, first).items if i.record.kind == "note")
    apply_edit(
        workspace, first, note, {"title": "Late orders: we refund shipping"}, {}, actor="Wren"
    )
    review = load_review(workspace, first)
    approve(workspace, first, review.items, despite_warnings=True)
    approved = {
        i.record.key for i in load_review(workspace, first).items if i.record.status == "approved"
    }
    assert approved

    later = _next_release(workspace, copy.deepcopy(analysis))
    result = _draft(workspace, later, "--format", "json")
    assert result.exit_code == 0, result.output
    carried = load_review(workspace, later)
    by_key = {item.record.key: item.record for item in carried.items}
    assert by_key[note.record.key].content["title"] == "Late orders: we refund shipping"
    assert by_key[note.record.key].edited_by == "Wren"
    assert {key for key, record in by_key.items() if record.status == "approved"} == approved


def test_a_rerun_that_comes_back_carries_the_newer_release_s_decisions(
    example_release: Any,
) -> None:
    """Trial T3: a writer approved while release #2's run was broken; the engineer fixed the
    agent and `run` came back to #1 (same versions as #1). The approvals and the writer's text
    made on #2 come to #1's drafts that read the same, as a new release would carry them; an
    approval made on #2 before it was left behind by a later rerun does not come back twice."""
    from behaviordiff.review import apply_edit

    workspace, first, project = example_release
    analysis = workspace.load_analysis(first)
    assert analysis is not None
    draft_release(workspace, first, project, drafter="template")
    broken = _next_release(workspace, copy.deepcopy(analysis))
    draft_release(workspace, broken, project, drafter="template")
    note = next(i for i in load_review(workspace, broken).items if i.record.kind == "note")
    apply_edit(workspace, broken, note, {"title": "Late orders: refunds"}, {}, actor="Wren")
    approve(workspace, broken, load_review(workspace, broken).items, despite_warnings=True)
    approved = {
        i.record.key for i in load_review(workspace, broken).items if i.record.status == "approved"
    }
    assert approved

    # drafting #1 again without coming back to it carries nothing from the newer release
    draft_release(workspace, first, project, drafter="template")
    assert all(i.record.status == "draft" for i in load_review(workspace, first).items)

    workspace.log("run.unchanged", release_id=first, detail={"runs": 1})
    outcome = draft_release(workspace, first, project, drafter="template")
    assert outcome.carried >= len(approved)
    back = {item.record.key: item.record for item in load_review(workspace, first).items}
    assert {key for key, record in back.items() if record.status == "approved"} == approved
    assert back[note.record.key].content["title"] == "Late orders: refunds"
    assert back[note.record.key].edited_by == "Wren"
