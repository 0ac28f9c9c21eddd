"""Rejecting a change as a whole (`review reject C3`) takes its edits with it, whatever their
own status: out of every export, of what `export status` asks of CS, and of the gate, which
names the rejection once, under its own reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.export import export_release
from behaviordiff.export.status import delivery_status
from behaviordiff.publish.gate import evaluate
from behaviordiff.publish.state import load_state
from behaviordiff.review import load_review, reject
from tests.export import helpdesks


@pytest.mark.parametrize("reason", ["wrong-draft", "not-a-behavior-change"])
def test_a_rejected_change_takes_its_approved_edits_out(
    approved_with, tmp_path: Path, reason: str
) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.freshdesk)
    review = load_review(workspace, release_id)
    note = next(
        item
        for item in review.items
        if item.record.kind == "note"
        and any(e.handle.startswith(f"{item.handle}.") for e in review.items)
    )
    edits = [e for e in review.items if e.handle.startswith(f"{note.handle}.")]
    assert all(e.record.status == "approved" for e in edits)
    reject(workspace, release_id, note, reason, "duplicate of another change")

    review = load_review(workspace, release_id)
    listed = {d["handle"]: d for d in review.to_dict()["drafts"]}
    assert all(listed[e.handle]["change_rejected"] for e in edits)
    # counted by their own status (approved), and apart as going nowhere
    assert review.counts()["change_rejected"] == len(edits)
    assert review.counts()["approved"] == sum(
        1 for item in review.items if item.record.status == "approved"
    )

    for target, output in (("freshdesk", tmp_path / "fd.json"), ("csv", tmp_path / "e.csv")):
        result = export_release(workspace, release_id, knowledge, target, output)  # type: ignore[arg-type]
        assert not {e.handle for e in edits} & {item.handle for item in result.exported}
        reasons = {skip.handle: skip.reason for skip in result.skipped}
        for edit in edits:
            assert f"its change {note.handle} is rejected as a whole" in reasons[edit.handle]
        assert result.exported  # the other changes' edits still go out

    status = delivery_status(workspace, release_id)
    rows = {row["handle"]: row for row in status["edits"]}
    for edit in edits:
        assert rows[edit.handle]["change_rejected"] and rows[edit.handle]["left"] is None
    assert sum(status["approved_delivered"].values()) == sum(
        1 for row in rows.values() if row["status"] == "approved" and not row["change_rejected"]
    )

    gate = evaluate(load_state(workspace, release_id), "full")
    for edit in edits:
        assert not any(edit.handle in missing.subject for missing in gate.missing)
    mentions = [w for w in gate.warnings if note.handle in w.split(":")[1]]
    assert len(mentions) == 1, gate.warnings  # one reason, never two contradictory ones
    expected = "wrong draft" if reason == "wrong-draft" else "not a behavior change"
    assert expected in mentions[0]


def test_ack_done_and_approve_all_leave_a_rejected_change_alone(
    approved_with, tmp_path: Path
) -> None:
    from behaviordiff.publish.ack import DoneError, mark_done
    from behaviordiff.review import approve

    workspace, release_id, _ = approved_with(helpdesks.freshdesk)
    review = load_review(workspace, release_id)
    note = next(item for item in review.items if item.handle == "C1")
    edits = [e.handle for e in review.items if e.handle.startswith("C1.")]
    reject(workspace, release_id, note, "wrong-draft")

    with pytest.raises(DoneError, match="rejected as a whole"):
        mark_done(workspace, release_id, edits[:1], all_approved=False, by="Sam")
    done = mark_done(workspace, release_id, [], all_approved=True, by="Sam")
    assert not set(edits) & set(done.done) and done.done

    result = approve(
        workspace, release_id, load_review(workspace, release_id).items, skip_stale=True
    )
    assert [item.handle for item in result.skipped_rejected] == ["C1"]
    assert (
        next(i for i in load_review(workspace, release_id).items if i.handle == "C1").record.status
        == "rejected"
    )


def test_push_refuses_an_edit_whose_change_was_rejected_after_the_export(
    approved_with, tmp_path: Path
) -> None:
    import json

    from typer.testing import CliRunner

    from behaviordiff.cli.app import app
    from tests.conftest import EXAMPLE
    from tests.export.helpdesk_stub import Stub, running

    workspace, release_id, knowledge = approved_with(helpdesks.freshdesk)
    path = tmp_path / "fd.json"
    export_release(workspace, release_id, knowledge, "freshdesk", path)
    records = json.loads(path.read_text())["records"]
    review = load_review(workspace, release_id)
    note = next(item for item in review.items if item.handle == "C1")
    reject(workspace, release_id, note, "not-a-behavior-change")
    stub = Stub()
    for record in records:
        stub.items[record["request"]["path"]] = {
            "id": int(record["target_id"]),
            "updated_at": record["source"]["updated_at"],
        }
    with running(stub):
        result = CliRunner().invoke(
            app,
            [
                "push",
                "freshdesk",
                "--from",
                str(path),
                "--apply",
                "--format",
                "json",
                "--config",
                str(EXAMPLE / "behaviordiff.toml"),
                "--workspace",
                str(workspace.folder),
            ],
            env={"FRESHDESK_URL": stub.base_url, "FRESHDESK_API_KEY": "k"},
        )
    items = {item["handle"]: item for item in json.loads(result.stdout)["items"]}
    c1 = [handle for handle in items if handle.startswith("C1.")]
    assert c1 and all(items[h]["status"] == "refused" for h in c1)
    assert all("rejected as a whole now" in items[h]["reason"] for h in c1)
    sent = {put.path for put in stub.puts()}
    assert not sent & {r["request"]["path"] for r in records if r["draft"]["handle"] in c1}
    assert result.exit_code == 1
