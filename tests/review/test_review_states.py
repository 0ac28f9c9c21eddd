"""Review states in the core and the CLI: reject with a reason, needs-engineering with a
comment, provenance after approval, conflicts between two reviewers, warnings that block an
approval until fixed or dismissed, undo of a reset, and the schema migration behind them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.drafting.service import grounding_by_change
from behaviordiff.pipeline import release_to_review
from behaviordiff.review import (
    ReviewError,
    apply_edit,
    approve,
    dismiss_warnings,
    load_review,
    reject,
    reset,
    send_to_engineering,
    undo,
)
from behaviordiff.store import Workspace
from behaviordiff.store import workspace as workspace_module
from behaviordiff.store.drafts import DraftConflict, DraftRow, DraftStore
from behaviordiff.store.migrations import MIGRATIONS
from tests.conftest import DraftedSnapshots

Release = tuple[Workspace, int, Project]


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    return drafted_snapshots.restore(example_release, effective="2026-12-01")


@pytest.fixture
def review_cli(drafted: Release, tmp_path: Path) -> Any:
    """`behaviordiff review ...` in-process, as reviewer "dana" (named in the config)."""
    workspace = drafted[0]
    config = tmp_path / "behaviordiff.toml"
    config.write_text('[review]\nreviewer = "dana"\n', encoding="utf-8")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(
            app,
            ["review", *args, "--workspace", str(workspace.folder), "--config", str(config)],
        )

    return run


def _item(workspace: Workspace, release_id: int, handle: str) -> Any:
    return load_review(workspace, release_id).resolve([handle])[0]


def test_reject_with_a_reason_and_comment_for_engineering(
    review_cli: Any, drafted: Release
) -> None:
    workspace, release_id, _ = drafted
    rejected = review_cli(
        "reject", "C1.2", "--reason", "wrong-draft", "-m", "this article is about", "-f", "json"
    )
    assert rejected.exit_code == 0, rejected.output
    assert json.loads(rejected.output)["rejected"][0]["reason"] == "wrong-draft"
    sent = review_cli("comment", "C2", "-m", "the 45 days only holds for some members")
    assert sent.exit_code == 0, sent.output
    assert "needs-engineering  C2" in sent.output

    status = json.loads(review_cli("status", "--format", "json").output)
    by_handle = {entry["handle"]: entry for entry in status["drafts"]}
    assert by_handle["C1.2"]["status"] == "rejected"
    assert by_handle["C1.2"]["reason"] == "wrong-draft"
    assert by_handle["C1.2"]["comment"] == "this article is about"
    assert by_handle["C2"]["status"] == "needs-engineering"
    assert by_handle["C2"]["comment"] == "the 45 days only holds for some members"
    assert status["counts"]["rejected"] == 1 and status["counts"]["needs-engineering"] == 1
    assert status["reviewed"] == 1 and status["complete"] is False
    audit = [e for e in workspace.audit(release_id) if e["action"].startswith("drafts.")]
    assert [e["action"] for e in audit[-2:]] == ["drafts.rejected", "drafts.needs-engineering"]
    assert {e["actor"] for e in audit[-2:]} == {"dana"}
    assert audit[-2]["detail"]["reason"] == "wrong-draft"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reason", "boring"], "'boring' is not a reason to reject"),
        # no --reason at all lists the reasons too (was click's bare "Missing option")
        (
            [],
            "Rejecting needs a reason. Add --reason with one of: not-a-behavior-change, "
            "expected-noise, wrong-draft, other (with --text for other)",
        ),
        (["--reason", "other"], "needs a text saying why"),
    ],
)
def test_a_rejection_needs_a_known_reason_and_other_needs_text(
    review_cli: Any, args: list[str], message: str
) -> None:
    result = review_cli("reject", "C1", *args)
    assert result.exit_code != 0
    assert isinstance(result.exception, ReviewError)
    assert message in str(result.exception)


def test_a_comment_to_engineering_needs_words(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    with pytest.raises(ReviewError, match="needs a comment"):
        send_to_engineering(workspace, release_id, _item(workspace, release_id, "C1"), "  ")


def test_a_writers_text_stays_theirs_after_approval(review_cli: Any, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    edited = workspace.folder.parent / "c2.yaml"
    edited.write_text("title: Members get 45 days to return items\n", encoding="utf-8")
    assert review_cli("edit", "C2", "--from", str(edited)).exit_code == 0
    assert review_cli("approve", "C2", "C1").exit_code == 0

    status = json.loads(review_cli("status", "--format", "json").output)
    by_handle = {entry["handle"]: entry for entry in status["drafts"]}
    assert by_handle["C2"]["status"] == "approved"
    assert by_handle["C2"]["provenance"] == "writer" and by_handle["C2"]["edited_by"] == "dana"
    assert by_handle["C1"]["provenance"] == "template" and by_handle["C1"]["edited_by"] is None
    listed = review_cli("list").output
    assert "writer (dana)" in listed
    # regenerating keeps the approval and who wrote the text
    draft_release(workspace, release_id, drafted[2])
    note = _item(workspace, release_id, "C2").record
    assert note.status == "approved" and note.edited_by == "dana"


def test_two_reviewers_never_overwrite_each_other(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    groundings = grounding_by_change(workspace, release_id)
    seen_by_ann = _item(workspace, release_id, "C1")
    seen_by_bob = _item(workspace, release_id, "C1")
    apply_edit(
        workspace, release_id, seen_by_bob, {"title": "Bob's title"}, groundings, actor="bob"
    )
    with pytest.raises(DraftConflict) as conflict:
        apply_edit(
            workspace, release_id, seen_by_ann, {"title": "Ann's title"}, groundings, actor="ann"
        )
    assert conflict.value.mine["title"] == "Ann's title"
    assert conflict.value.theirs["title"] == "Bob's title"
    assert conflict.value.by == "bob"
    assert _item(workspace, release_id, "C1").record.content["title"] == "Bob's title"
    # an approval based on what Ann saw is refused too: Bob's text is not what she read
    with pytest.raises(DraftConflict):
        approve(workspace, release_id, [seen_by_ann], actor="ann")


def test_reset_is_undone_with_the_writers_text(review_cli: Any, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    groundings = grounding_by_change(workspace, release_id)
    item = _item(workspace, release_id, "C1.1")
    written = item.record.content["new_body"] + "\n\nWe are here to help."
    apply_edit(workspace, release_id, item, {"new_body": written}, groundings, actor="ann")
    approve(workspace, release_id, [_item(workspace, release_id, "C1.1")], actor="ann")
    back, changed = reset(workspace, release_id, _item(workspace, release_id, "C1.1"))
    assert changed and back.record.status == "draft"
    assert back.record.content == back.record.generated and back.record.edited_by is None

    result = review_cli("undo", "C1.1", "--format", "json")
    assert result.exit_code == 0, result.output
    undone = json.loads(result.output)
    assert undone["undone"] == "reset" and undone["status"] == "approved"
    restored = _item(workspace, release_id, "C1.1").record
    assert restored.content["new_body"] == written and restored.edited_by == "ann"
    # and again: the approval, then the edit; then nothing is left to undo
    assert undo(workspace, release_id, _item(workspace, release_id, "C1.1")).action == "approved"
    assert undo(workspace, release_id, _item(workspace, release_id, "C1.1")).action == "edited"
    assert _item(workspace, release_id, "C1.1").record.content["new_body"] != written
    with pytest.raises(ReviewError, match="no review action to undo"):
        undo(workspace, release_id, _item(workspace, release_id, "C1.1"))
    actions = [e["action"] for e in workspace.audit(release_id)]
    assert actions.count("drafts.undo") == 3 and "drafts.reset" in actions


def test_undo_without_a_handle_takes_back_the_newest_action(review_cli: Any) -> None:
    assert review_cli("approve", "C2.1").exit_code == 0
    assert review_cli("reject", "C1", "--reason", "expected-noise").exit_code == 0
    result = review_cli("undo")
    assert result.exit_code == 0, result.output
    # the app's wording; dana undid her own rejection, so her name is not repeated
    assert result.output.strip() == "C1 undid: rejected; the note is back to draft."
    # then C2.1's approval: an edit is accepted, not approved
    assert review_cli("undo").output.strip() == "C2.1 undid: accepted; the edit is back to draft."
    assert review_cli("undo").exit_code != 0


def test_undo_names_the_reviewer_whose_action_it_took_back(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    reject(workspace, release_id, _item(workspace, release_id, "C2"), "expected-noise", actor="bob")
    approve(workspace, release_id, [_item(workspace, release_id, "C2.1")], actor="ann")
    assert undo(
        workspace, release_id, _item(workspace, release_id, "C2.1"), actor="ann"
    ).summary() == ("C2.1 undid: accepted; the edit is back to draft.")
    done = undo(workspace, release_id, _item(workspace, release_id, "C2"), actor="ann")
    assert done.summary() == "C2 undid: rejected by bob; the note is back to draft."


def test_undo_does_not_undo_another_reviewers_later_change(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    approve(workspace, release_id, [_item(workspace, release_id, "C2")], actor="ann")
    reject(workspace, release_id, _item(workspace, release_id, "C2"), "expected-noise", actor="bob")
    DraftStore(workspace).db.execute("DELETE FROM draft_history WHERE action = 'rejected'")
    with pytest.raises(DraftConflict, match="after the approved to undo"):
        undo(workspace, release_id, _item(workspace, release_id, "C2"), actor="ann")


def test_warnings_block_approval_until_fixed_or_dismissed(
    review_cli: Any, drafted: Release
) -> None:
    workspace, release_id, _ = drafted
    groundings = grounding_by_change(workspace, release_id)
    item = _item(workspace, release_id, "C1")
    outcome = apply_edit(
        workspace, release_id, item, {"after": "The agent refunds $10 at once."}, groundings
    )
    assert outcome.warnings and "$10" in outcome.warnings[0]

    blocked = review_cli("approve", "C1", "--format", "json")
    assert blocked.exit_code == 1
    assert json.loads(blocked.output)["blocked_by_warnings"][0]["handle"] == "C1"
    assert _item(workspace, release_id, "C1").record.status == "edited"
    assert "1 warning" in review_cli("list").output

    # fixing the text resolves the warning; a new one comes back; dismissing clears it
    fixed = apply_edit(
        workspace,
        release_id,
        _item(workspace, release_id, "C1"),
        {"after": "The agent refunds part of the shipping fee."},
        groundings,
    )
    assert fixed.warnings == []
    again = apply_edit(
        workspace,
        release_id,
        _item(workspace, release_id, "C1"),
        {"after": "The agent refunds $10 at once."},
        groundings,
    )
    assert again.warnings
    dismissed = dismiss_warnings(workspace, release_id, _item(workspace, release_id, "C1"))
    assert dismissed.record.open_warnings == [] and dismissed.record.warnings
    assert review_cli("approve", "C1").exit_code == 0
    assert _item(workspace, release_id, "C1").record.status == "approved"


def test_approve_despite_warnings(review_cli: Any, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    apply_edit(
        workspace,
        release_id,
        _item(workspace, release_id, "C2"),
        {"after": "Members get 90 days."},
        grounding_by_change(workspace, release_id),
    )
    result = review_cli("approve", "--all", "--format", "json")
    assert result.exit_code == 0  # --all reports what it left, it does not fail
    assert [b["handle"] for b in json.loads(result.output)["blocked_by_warnings"]] == ["C2"]
    forced = review_cli("approve", "C2", "--despite-warnings")
    assert forced.exit_code == 0, forced.output
    assert _item(workspace, release_id, "C2").record.status == "approved"
    # the overridden check stays visible wherever the approval shows
    listed = review_cli("list").output
    assert "approved despite 1 warning" in " ".join(listed.split())
    status = json.loads(review_cli("status", "--format", "json").output)
    (c2,) = [draft for draft in status["drafts"] if draft["handle"] == "C2"]
    assert c2["dismissed_warnings"] and "90 days" in c2["dismissed_warnings"][0]
    from behaviordiff.publish.changelog import Selection, build_changelog, render_changelog

    document = build_changelog(workspace, Selection(release=release_id))
    (entry,) = [
        change
        for release in document["releases"]
        for change in release["changes"]
        if change["handle"] == "C2"
    ]
    assert entry["approved_despite"] and "90 days" in entry["approved_despite"][0]
    markdown = render_changelog(document, "markdown")
    assert "**Approved despite a check:**" in markdown


def test_a_rejected_change_stays_rejected_when_redrafted_unless_the_draft_was_wrong(
    drafted: Release,
) -> None:
    workspace, release_id, _ = drafted
    reject(workspace, release_id, _item(workspace, release_id, "C1"), "not-a-behavior-change")
    reject(workspace, release_id, _item(workspace, release_id, "C2"), "wrong-draft")
    store = DraftStore(workspace)
    # a drafting pass whose machine text reads differently for every draft
    rows = [
        DraftRow(
            record.kind,
            record.key,
            record.change_id,
            record.item_key,
            record.origin,
            {**record.generated, "title": "Redrafted", "new_body": "Redrafted body"},
        )
        for record in store.drafts(release_id)
    ]
    store.save_generated(release_id, rows)
    kept = _item(workspace, release_id, "C1").record
    assert kept.status == "rejected" and kept.reason == "not-a-behavior-change"
    assert kept.content["title"] == "Redrafted"
    redrafted = _item(workspace, release_id, "C2").record
    assert redrafted.status == "draft" and redrafted.reason is None
    assert redrafted.content["title"] == "Redrafted"


def test_the_release_choice_skips_releases_without_drafts(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    newer = workspace.create_release(base_label="a", head_label="b")
    choice = release_to_review(workspace)
    assert choice.release.id == release_id
    assert f"#{newer.id} have no drafts yet" in choice.warnings[0]
    assert release_to_review(workspace, newer.id).release.id == newer.id


def test_migration_widens_statuses_and_keeps_who_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "old"
    monkeypatch.setattr(workspace_module, "MIGRATIONS", MIGRATIONS[:6])
    with Workspace(folder) as old:
        release = old.create_release(base_label="a", head_label="b")
        for key, content in (("untouched", {"title": "T"}), ("edited", {"title": "Mine"})):
            old.db.execute(
                "INSERT INTO drafts (release_id, kind, key, change_id, status, origin, "
                "content_json, generated_json, updated_at, updated_by) "
                "VALUES (?, 'note', ?, 'C1', 'approved', 'template', ?, ?, 't0', 'ann')",
                (release.id, key, json.dumps(content), json.dumps({"title": "T"})),
            )
        with pytest.raises(sqlite3.IntegrityError):
            old.db.execute("UPDATE drafts SET status = 'rejected'")
    monkeypatch.setattr(workspace_module, "MIGRATIONS", MIGRATIONS)
    with Workspace(folder) as migrated:
        assert migrated.schema_version() == len(MIGRATIONS)
        records = {r.key: r for r in DraftStore(migrated).drafts(release.id)}
        assert records["edited"].edited_by == "ann" and records["edited"].provenance == "writer"
        assert records["untouched"].edited_by is None
        assert records["untouched"].revision == 1
        migrated.db.execute("UPDATE drafts SET status = 'needs-engineering'")
        with pytest.raises(sqlite3.IntegrityError):
            migrated.db.execute("UPDATE drafts SET status = 'thrown-away'")
