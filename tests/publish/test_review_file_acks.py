"""CS's acknowledgements and applied edits travel in the committed review file, so the CI
gate (another workspace) sees what CS acknowledged on its own machine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.drafting import draft_release
from behaviordiff.publish.ack import acknowledge, mark_done
from behaviordiff.publish.gate import evaluate
from behaviordiff.publish.review_file import (
    ReviewFileError,
    export_reviews,
    import_reviews,
    read_review_file,
    write_review_file,
)
from behaviordiff.publish.state import load_state
from behaviordiff.store import Workspace
from tests.publish.conftest import Release, approve_all


def _copy(drafted: Release, folder: Path) -> tuple[Workspace, int]:
    """A second workspace (CI's) holding the same release, drafted, nothing reviewed."""
    workspace, release_id, project = drafted
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    other = Workspace(folder)
    release = other.create_release(
        base_label="support-v1", head_label="support-v2", diff=workspace.release_diff(release_id)
    )
    other.save_analysis(release.id, analysis)
    draft_release(other, release.id, project)
    return other, release.id


def _file(workspace: Workspace, release_id: int, path: Path) -> dict[str, Any]:
    write_review_file(path, export_reviews(workspace, release_id, actor="wendy"))
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def test_acknowledgements_and_applied_edits_reach_the_ci_gate(
    drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)", note="reps told")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    document = _file(workspace, release_id, tmp_path / "reviews.json")
    assert document["behaviordiff-reviews"] == 3
    assert [ack["handle"] for ack in document["acknowledgements"]] == ["C1", "C2"]
    assert document["acknowledgements"][0]["acked_by"] == "Sam (CS)"
    assert document["acknowledgements"][0]["note"] == "reps told"
    assert [entry["handle"] for entry in document["applied"]] == ["C1.1", "C1.2", "C2.1", "C2.2"]
    assert {entry["how"] for entry in document["applied"]} == {"done"}

    with _copy(drafted, tmp_path / "ci")[0] as ci:
        assert not evaluate(load_state(ci, 1), "full").passed
        reviews = read_review_file(tmp_path / "reviews.json")
        outcome = import_reviews(ci, 1, reviews, file="reviews.json")
        assert len(outcome.acknowledged) == 2 and len(outcome.marked_done) == 4
        assert outcome.cs_skipped == []
        state = load_state(ci, 1)
        result = evaluate(state, "full")
        assert (result.passed, result.missing) == (True, [])
        first = state.changes[0].ack
        assert first is not None and first.acked_by == "Sam (CS)"
        assert first.acked_at == document["acknowledgements"][0]["acked_at"]  # when CS did it
        actions = [entry["action"] for entry in ci.audit(1)]
        assert actions.count("ack.record") == 2 and actions.count("delivery.done") == 4
        again = import_reviews(ci, 1, reviews, file="reviews.json")
        assert (again.acknowledged, again.marked_done) == ([], [])
        assert len(again.cs_unchanged) == 6


def test_an_acknowledgement_of_another_text_is_not_taken_over(
    drafted: Release, tmp_path: Path
) -> None:
    """The file says CS acknowledged C1 for a text C1 does not read here (and applied C1.1 as
    another text): CS reads and applies them again; C2 holds."""
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    mark_done(workspace, release_id, ["C1.1"], all_approved=False, by="Sam")
    document = _file(workspace, release_id, tmp_path / "reviews.json")
    document["acknowledgements"][0]["content_digest"] = "0123456789abcdef"
    document["applied"][0]["content_digest"] = "0123456789abcdef"
    (tmp_path / "moved.json").write_text(json.dumps(document), encoding="utf-8")
    ci, ci_release = _copy(drafted, tmp_path / "ci")
    with ci:
        reviews = read_review_file(tmp_path / "moved.json")
        outcome = import_reviews(ci, ci_release, reviews, file="moved.json")
        reasons = {entry["handle"]: entry["reason"] for entry in outcome.cs_skipped}
        assert reasons == {
            "C1": "Sam acknowledged a text that reads differently here: CS reads it again "
            "(`behaviordiff ack --change C1 --by NAME`)",
            "C1.1": "Sam applied a text that reads differently here: apply this one and "
            "`behaviordiff ack done C1.1 --by NAME`",
        }
        state = load_state(ci, ci_release)
        assert [change.acked for change in state.changes] == [False, True]
        assert not state.applied(state.changes[0].edits[0].record.key)


def test_an_acknowledgement_waits_for_the_note_to_be_approved_here(
    drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    document = _file(workspace, release_id, tmp_path / "reviews.json")
    document["drafts"] = []  # the decisions are not in the file: nothing approved in CI
    (tmp_path / "acks-only.json").write_text(json.dumps(document), encoding="utf-8")
    ci, ci_release = _copy(drafted, tmp_path / "ci")
    with ci:
        reviews = read_review_file(tmp_path / "acks-only.json")
        outcome = import_reviews(ci, ci_release, reviews, file="acks-only.json")
        assert outcome.acknowledged == []
        assert outcome.cs_skipped[0]["reason"].startswith(
            "acknowledged by Sam, but the note is draft here: a writer approves it first"
        )


def test_a_format_1_file_is_still_read(drafted: Release, tmp_path: Path) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    document = _file(workspace, release_id, tmp_path / "reviews.json")
    document["behaviordiff-reviews"] = 1
    del document["acknowledgements"], document["applied"]
    (tmp_path / "v1.json").write_text(json.dumps(document), encoding="utf-8")
    assert read_review_file(tmp_path / "v1.json").acknowledgements == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"acked_by": ""}, "acknowledgements.0.acked_by: String should have at least 1 character"),
        ({"content_digest": None}, "acknowledgements.0.content_digest: Input should be a valid"),
        ({"by_whom": "x"}, "acknowledgements.0.by_whom: Extra inputs are not permitted"),
    ],
)
def test_a_broken_acknowledgement_names_its_key(
    drafted: Release, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    document = _file(workspace, release_id, tmp_path / "reviews.json")
    document["acknowledgements"][0].update(change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ReviewFileError) as caught:
        read_review_file(bad)
    assert str(caught.value.message).startswith(message)
    assert caught.value.where == str(bad)
    assert "review export" in (caught.value.hint or "")


def test_gate_reviews_records_cs_acknowledgements_and_says_so(
    drafted: Release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`behaviordiff review export` on CS's machine, `gate --stage full --reviews` in CI."""
    from typer.testing import CliRunner

    from behaviordiff.cli.app import app
    from tests.conftest import EXAMPLE

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam")
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    config = str(EXAMPLE / "behaviordiff.toml")
    committed = tmp_path / "reviews.json"
    written = runner.invoke(
        app, ["review", "export", "-o", str(committed), "-c", config, "-w", str(workspace.folder)]
    )
    assert written.exit_code == 0, written.output
    assert "with 2 CS acknowledgement(s) and 4 edit(s) CS applied" in written.stdout
    ci, _ = _copy(drafted, tmp_path / "ci")
    ci.close()
    gate = ["gate", "--stage", "full", "-c", config, "-w", str(tmp_path / "ci")]
    assert runner.invoke(app, gate).exit_code == 1
    result = runner.invoke(app, [*gate, "--reviews", str(committed)])
    assert result.exit_code == 0, result.output
    assert "CS: 2 acknowledgement(s) and 4 applied edit(s) recorded, 0 already held" in (
        result.stdout
    )
    data = json.loads(runner.invoke(app, [*gate, "--reviews", str(committed), "-f", "json"]).stdout)
    assert data["passed"] and len(data["reviews"]["cs_unchanged"]) == 6


def test_an_item_rewritten_by_hand_travels_to_the_ci_gate(drafted: Release, tmp_path: Path) -> None:
    """trial10 T8: a wrong draft rejected leaves its item for CS to rewrite by hand; CS's
    `ack done` on it is in the review file, so the CI `full` gate sees the item done."""
    from behaviordiff.review import load_review, reject

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    item = load_review(workspace, release_id).resolve(["C1.2"])[0]
    reject(workspace, release_id, item, "wrong-draft", "CS rewrites the section")
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, release_id, ["C1.2"], all_approved=False, by="Sam (CS)")
    assert evaluate(load_state(workspace, release_id), "full").passed
    document = _file(workspace, release_id, tmp_path / "reviews.json")
    assert "C1.2" in [entry["handle"] for entry in document["applied"]]

    with _copy(drafted, tmp_path / "ci")[0] as ci:
        reviews = read_review_file(tmp_path / "reviews.json")
        outcome = import_reviews(ci, 1, reviews, file="reviews.json")
        assert outcome.cs_skipped == []
        result = evaluate(load_state(ci, 1), "full")
        assert (result.passed, result.missing) == (True, [])
