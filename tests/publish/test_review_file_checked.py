"""A review file is checked whole before any of it is recorded: one rejection with an unknown
reason (or none, or 'other' without a comment) is named by its entry and handle, and nothing of
the file is applied (it was applied up to that entry, under a "workspace error"); a writer's
text over the length a writer's text may have is skipped with why, like `review edit`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.publish.review_file import (
    ReviewFileError,
    export_reviews,
    import_reviews,
    read_review_file,
    write_review_file,
)
from behaviordiff.review import load_review
from behaviordiff.store import Workspace
from tests.publish.conftest import Release, approve_all
from tests.publish.test_review_file_acks import _copy


def _document(drafted: Release, path: Path) -> dict[str, Any]:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    write_review_file(path, export_reviews(workspace, release_id, actor="wendy"))
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reason": "nope"}, ".reason: unknown reason 'nope' for a rejection"),
        ({"reason": None}, ".reason: no reason for a rejection"),
        ({"reason": "other", "comment": " "}, ".comment: a rejection for 'other' needs a comment"),
    ],
)
def test_a_bad_rejection_is_named_and_nothing_is_recorded(
    drafted: Release, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    document = _document(drafted, tmp_path / "reviews.json")
    entry = document["drafts"][3]
    entry.update({"status": "rejected", **change})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ReviewFileError) as caught:
        read_review_file(bad)
    assert str(caught.value.message).startswith(f"drafts.3 ({entry['handle']}){message}")
    assert caught.value.where == str(bad)
    assert "nothing of the file was recorded" in (caught.value.hint or "")


def test_the_cli_records_nothing_of_a_file_with_a_bad_rejection(
    drafted: Release, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from behaviordiff.cli.app import app

    document = _document(drafted, tmp_path / "reviews.json")
    document["drafts"][3].update({"status": "rejected", "reason": "nope"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    other, release_id = _copy(drafted, tmp_path / "ci")
    result = CliRunner().invoke(
        app, ["review", "import", str(bad), "--workspace", str(other.folder)]
    )
    assert isinstance(result.exception, ReviewFileError)  # the entry point prints it, exit 2
    assert "unknown reason 'nope'" in result.exception.message
    counts = load_review(other, release_id).counts()
    assert counts["approved"] == 0 and counts["rejected"] == 0


def test_a_text_over_the_writers_limit_is_skipped_with_why(
    drafted: Release, tmp_path: Path
) -> None:
    document = _document(drafted, tmp_path / "reviews.json")
    note = next(entry for entry in document["drafts"] if entry["kind"] == "note")
    note["text"] = {**(note["text"] or {}), "title": "Pasted log line. " * 200_000}
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other, release_id = _copy(drafted, tmp_path / "ci")
    outcome = import_reviews(other, release_id, read_review_file(path), file=str(path))
    [skipped] = [s for s in outcome.skipped if s["key"] == note["key"]]
    assert "title is 3,400,000 characters, over the 20,000" in skipped["reason"]
    assert len(outcome.applied) == len(document["drafts"]) - 1
    record = next(i for i in load_review(other, release_id).items if i.record.key == note["key"])
    assert record.record.status == "draft"
    assert isinstance(other, Workspace)


def test_a_decision_made_here_is_not_replaced_silently(drafted: Release, tmp_path: Path) -> None:
    """trial (w43): importing another writer's file replaced this workspace's approved text
    and decisions without a word. A draft a writer here decided differently keeps that
    decision, listed with why; `replace` takes the file's; drafts decided only by imports (CI's
    workspace) take the file's as before."""
    from behaviordiff.review import apply_edit, approve

    document = _document(drafted, tmp_path / "reviews.json")  # everything approved there
    path = tmp_path / "reviews.json"
    note = next(entry for entry in document["drafts"] if entry["kind"] == "note")
    other, release_id = _copy(drafted, tmp_path / "laptop")
    mine = next(i for i in load_review(other, release_id).items if i.record.key == note["key"])
    apply_edit(other, release_id, mine, {"title": "My own title"}, {}, actor="wren")
    approve(
        other,
        release_id,
        [load_review(other, release_id).resolve([mine.handle])[0]],
        despite_warnings=True,
        actor="wren",
    )
    outcome = import_reviews(other, release_id, read_review_file(path), file=str(path))
    [kept] = [s for s in outcome.skipped if s["key"] == note["key"]]
    assert "decided here differently (approved by wren, with wren's text): kept" in kept["reason"]
    assert "--replace" in kept["reason"]
    record = load_review(other, release_id).resolve([mine.handle])[0].record
    assert record.content["title"] == "My own title"
    assert len(outcome.applied) == len(document["drafts"]) - 1  # the others, undecided here

    again = import_reviews(other, release_id, read_review_file(path), file=str(path), replace=True)
    assert note["key"] in again.applied
    record = load_review(other, release_id).resolve([mine.handle])[0].record
    assert record.content["title"] != "My own title"
    # a later file replaces what an import decided (CI's cached workspace)
    third = import_reviews(other, release_id, read_review_file(path), file=str(path))
    assert note["key"] in third.unchanged


def test_every_problem_of_a_file_is_named_at_once(drafted: Release, tmp_path: Path) -> None:
    """A hand-edited file with a misspelt status on one draft and a list for a handle on
    another: both are named in one error (the status was missed while the type error was
    the only one reported), so the writer fixes the file once."""
    document = _document(drafted, tmp_path / "reviews.json")
    document["drafts"][0]["status"] = "aproved"
    document["drafts"][1]["handle"] = ["x"]
    document["drafts"][2].update({"status": "rejected", "reason": None})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ReviewFileError) as caught:
        read_review_file(bad)
    message = caught.value.message
    assert "drafts.1.handle: Input should be a valid string" in message
    assert f"drafts.0 ({document['drafts'][0]['handle']}).status: unknown status 'aproved'" in (
        message
    )
    assert ".reason: no reason for a rejection" in message
    assert "nothing of the file was recorded" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("note", {"no_such_field": "x"}, ".text: unknown key 'no_such_field' for a note"),
        ("note", {"title": 5}, ".text.title: text, not int"),
        ("note", {"title": " "}, ".text.title: text, not empty"),
        ("note", {"cs_actions": "Brief reps"}, ".text.cs_actions: a list of text, not str"),
        ("note", {"severity": "urgent"}, ".text.severity: 'urgent' is not one of high"),
        ("edit", {"title": "x"}, ".text: unknown key 'title' for an edit"),
        ("edit", {"new_body": ["a"]}, ".text.new_body: text, not list"),
    ],
)
def test_a_writers_text_of_the_wrong_shape_is_named_and_nothing_is_recorded(
    drafted: Release, tmp_path: Path, kind: str, text: dict[str, Any], message: str
) -> None:
    """A hand-edited text with a key a writer does not write or a value of the wrong shape
    was stored into the draft by `review import` (exit 0), where `review edit --from`
    refuses the same."""
    document = _document(drafted, tmp_path / "reviews.json")
    number, entry = next((n, e) for n, e in enumerate(document["drafts"]) if e["kind"] == kind)
    entry["text"] = {**(entry["text"] or entry["reviewed_text"]), **text}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ReviewFileError) as caught:
        read_review_file(bad)
    assert f"drafts.{number} ({entry['handle']}){message}" in str(caught.value.message)
    assert "nothing of the file was recorded" in (caught.value.hint or "")


def test_a_writers_exported_text_reads_back(drafted: Release, tmp_path: Path) -> None:
    document = _document(drafted, tmp_path / "reviews.json")
    for entry in document["drafts"]:
        entry["text"] = dict(entry["reviewed_text"])
    path = tmp_path / "all.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert len(read_review_file(path).drafts) == len(document["drafts"])
