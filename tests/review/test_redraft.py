"""Re-drafting one change: the core entry point (template drafter, fake model), the CLI door
to it (`review redraft`), undo giving a writer's work back, and the conflict check."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.config import Project, find_project
from behaviordiff.detect.model import Analysis
from behaviordiff.drafting import draft_release
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from behaviordiff.pipeline.review import (
    DraftConflict,
    RedraftCancelled,
    apply_edit,
    load_review,
    redraft,
    undo,
    writer_groundings,
    writer_work,
)
from behaviordiff.store import Workspace
from tests.conftest import CliResult, CliRunner, DraftedSnapshots
from tests.drafting.test_llm import GOOD_NOTES, rewritten
from tests.example_data import EXAMPLE

Release = tuple[Workspace, int, Project]


def llm_project(project: Project, **run: Any) -> Project:
    """The example project with the drafting model chosen (and `run` settings)."""
    config = project.config.model_copy(
        update={
            "drafting": project.config.drafting.model_copy(update={"drafter": "llm"}),
            "run": project.config.run.model_copy(update=run),
        }
    )
    return replace(project, config=config)


def fake_reply(request: ChatRequest) -> str:
    """What the drafting model answers: a valid note for C1, or the body rewritten."""
    prompt = str(request.messages[-1]["content"])
    if "<<<BODY" in prompt:
        original = prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]
        return json.dumps({"new_body": rewritten(original), "rationale": "Updated."})
    change = "C1" if "Behavior change C1:" in prompt else "C2"
    return json.dumps(GOOD_NOTES[change])


@pytest.fixture
def project() -> Project:
    return find_project(config=EXAMPLE / "behaviordiff.toml")


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    return drafted_snapshots.restore(example_release, drafter="template", effective="2026-12-01")


def _group(workspace: Workspace, release_id: int, handle: str) -> tuple[Any, list[Any]]:
    review = load_review(workspace, release_id)
    note = review.resolve([handle])[0]
    return note, [item for item in review.items if item.handle.startswith(f"{handle}.")]


def _writer_edits_c1(workspace: Workspace, release_id: int) -> None:
    note, edits = _group(workspace, release_id, "C1")
    groundings = writer_groundings(workspace, release_id)
    apply_edit(workspace, release_id, note, {"title": "Wren's title"}, groundings, actor="wren")
    body = str(edits[0].record.content["new_body"]) + "\n\nWren's line."
    apply_edit(workspace, release_id, edits[0], {"new_body": body}, groundings, actor="wren")


def test_a_redraft_replaces_the_writers_text_and_undo_gives_it_all_back(
    drafted: Release,
) -> None:
    workspace, release_id, project = drafted
    _writer_edits_c1(workspace, release_id)
    note, edits = _group(workspace, release_id, "C1")
    assert {item.handle for item in writer_work([note, *edits])} == {"C1", "C1.1"}
    before = {item.handle: item.record for item in (note, *edits)}

    model = FakeChatModel(responder=fake_reply)
    outcome = redraft(
        workspace, release_id, llm_project(project), note, edits, actor="wren", chat_model=model
    )

    assert outcome.drafter == "llm" and outcome.counts["replaced"] == 1 + len(edits)
    note, edits = _group(workspace, release_id, "C1")
    assert note.record.content["title"] == GOOD_NOTES["C1"]["title"]
    assert note.record.origin == "llm" and note.record.status == "draft"
    assert note.record.edited_by is None and note.record.provenance == "llm"
    assert all("Wren's line." not in str(e.record.content["new_body"]) for e in edits)
    other, _ = _group(workspace, release_id, "C2")
    assert other.record.origin == "template"  # only the change asked for
    assert [entry["action"] for entry in workspace.audit(release_id)][-1] == "drafts.redraft"

    done = undo(workspace, release_id, note, actor="wren")
    assert done.action == "redraft"
    note, edits = _group(workspace, release_id, "C1")
    for item in (note, *edits):
        assert item.record.content == before[item.handle].content
        assert item.record.generated == before[item.handle].generated
        assert item.record.origin == before[item.handle].origin
        assert item.record.edited_by == before[item.handle].edited_by
    assert note.record.content["title"] == "Wren's title"


def test_a_redraft_based_on_an_old_revision_is_a_conflict(drafted: Release) -> None:
    workspace, release_id, project = drafted
    note, edits = _group(workspace, release_id, "C1")
    _writer_edits_c1(workspace, release_id)  # another reviewer, after `note` was read
    with pytest.raises(DraftConflict):
        redraft(workspace, release_id, project, note, edits, actor="bo")
    fresh, _ = _group(workspace, release_id, "C1")
    assert fresh.record.content["title"] == "Wren's title"


def test_a_stopped_redraft_stores_nothing(drafted: Release) -> None:
    workspace, release_id, project = drafted
    note, edits = _group(workspace, release_id, "C1")
    with pytest.raises(RedraftCancelled):
        redraft(
            workspace,
            release_id,
            llm_project(project),
            note,
            edits,
            chat_model=FakeChatModel(responder=fake_reply),
            should_stop=lambda: True,
        )
    fresh, _ = _group(workspace, release_id, "C1")
    assert fresh.record.revision == note.record.revision


@pytest.fixture
def review(cli: CliRunner, drafted: Release) -> Any:
    workspace = drafted[0]

    def run(*args: str) -> CliResult:
        config = str(EXAMPLE / "behaviordiff.toml")
        return cli("review", *args, "--workspace", str(workspace.folder), "--config", config)

    return run


def test_review_redraft_and_undo_from_the_cli(drafted: Release, review: Any) -> None:
    workspace, release_id, _ = drafted
    _writer_edits_c1(workspace, release_id)

    result = review("redraft", "C1", "--drafter", "template", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["handle"] == "C1" and data["drafter"] == "template"
    assert data["replaced"] >= 2 and data["added"] == 0
    titles = {draft["handle"]: draft["content"].get("title") for draft in data["drafts"]}
    assert titles["C1"] != "Wren's title"

    text = review("redraft", "C1", "--drafter", "template")
    assert text.exit_code == 0, text.stdout + text.stderr
    assert "re-drafted with the template drafter" in text.stdout

    review("undo", "C1")  # the second re-draft
    undone = review("undo", "C1", "--format", "json")  # the first: the writer's text
    assert undone.exit_code == 0, undone.stdout + undone.stderr
    assert json.loads(undone.stdout)["content"]["title"] == "Wren's title"


def test_review_redraft_of_an_edit_handle_says_to_name_the_change(review: Any) -> None:
    result = review("redraft", "C1.1")
    assert result.exit_code != 0
    assert "a re-draft is of a whole change" in (result.stdout + result.stderr)
    assert "C1" in (result.stdout + result.stderr)


def test_a_redraft_without_writer_work_leaves_the_template_text(drafted: Release) -> None:
    workspace, release_id, project = drafted
    note, edits = _group(workspace, release_id, "C1")
    assert writer_work([note, *edits]) == []
    outcome = redraft(workspace, release_id, project, note, edits, drafter="template")
    assert outcome.counts == {"replaced": 1 + len(edits), "added": 0, "removed": 0, "stale": 0}
    fresh, fresh_edits = _group(workspace, release_id, "C1")
    assert fresh.record.content == note.record.content
    assert [e.record.content for e in fresh_edits] == [e.record.content for e in edits]


def test_a_change_whose_key_is_told_apart_from_another_is_redrafted(
    tmp_path: Path, project: Project
) -> None:
    """Two changes moved the same values: the second's key depends on the whole release,
    so re-drafting it alone still finds it (and only it)."""
    from tests.drafting.test_change_keys import _analysis

    with Workspace(tmp_path / "keys") as workspace:
        release = workspace.create_release(base_label="a", head_label="b")
        workspace.save_analysis(release.id, Analysis.from_dict(_analysis()))
        draft_release(workspace, release.id, project, drafter="template")
        review = load_review(workspace, release.id)
        second = review.resolve(["C2"])[0]
        first_before = review.resolve(["C1"])[0].record
        outcome = redraft(workspace, release.id, project, second, drafter="template")
        assert outcome.note_key == second.record.key and outcome.counts["replaced"] >= 1
        after = load_review(workspace, release.id)
        assert after.resolve(["C1"])[0].record.revision == first_before.revision


def test_a_writers_text_is_checked_against_its_change_alone(
    tmp_path: Path, project: Project
) -> None:
    """The app checks one change at a time, by change id: right for a change whose key is
    told apart from another's, and nothing (not another change's evidence) for a stale one."""
    from behaviordiff.pipeline.review import change_grounding
    from tests.drafting.test_change_keys import _analysis

    with Workspace(tmp_path / "keys") as workspace:
        release = workspace.create_release(base_label="a", head_label="b")
        workspace.save_analysis(release.id, Analysis.from_dict(_analysis()))
        draft_release(workspace, release.id, project, drafter="template")
        second = load_review(workspace, release.id).resolve(["C2"])[0]
        grounding = change_grounding(workspace, release.id, second)
        assert grounding is not None
        assert not grounding.check("Freezes are limited to 60 days per year.").problems
        assert grounding.check("Freezes are limited to 90 days per year.").problems
        stale = second.with_record(replace(second.record, stale=True))
        assert change_grounding(workspace, release.id, stale) is None


def test_a_redraft_whose_model_drafts_all_fell_back_says_so(
    drafted: Release, review: Any, openai_server: Any
) -> None:
    from tests.openai_server import text_reply

    openai_server.responder = lambda body: text_reply("Sure! Here is the note: {title: oops")
    result = review("redraft", "C1", "--drafter", "llm")
    assert result.exit_code == 0, result.stdout + result.stderr
    said = " ".join(result.stdout.split())
    assert "re-drafted with the template drafter (every llm draft failed its checks)" in said
    assert "not valid JSON" in result.stderr
