"""One edit per macro or article goes to the helpdesk: two approved edits of one item (two
changes drafted from one prompt sentence) are warned about at approval, refused by every
export and by `push`, and named by the gate with the fix; a push never calls its own update
"changed in the helpdesk"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.export import export_release
from behaviordiff.export.status import delivery_status
from behaviordiff.publish.gate import evaluate
from behaviordiff.publish.state import load_state
from behaviordiff.review import ReviewItem, approve, load_review, reject
from behaviordiff.store import Workspace
from behaviordiff.store.acks import body_digest
from behaviordiff.store.drafts import DraftRow, DraftStore
from tests.conftest import EXAMPLE
from tests.export import helpdesks
from tests.export.helpdesk_stub import Stub, running


def add_second_edit(workspace: Workspace, release_id: int) -> tuple[ReviewItem, ReviewItem]:
    """Give another change of the release an edit of an item a first change already edits
    (what the drafter did with one prompt sentence read as two changes); both approved.
    Returns (the first edit, the second)."""
    store = DraftStore(workspace)
    records = store.drafts(release_id)
    notes = [record for record in records if record.kind == "note"]
    edits = [record for record in records if record.kind == "edit" and record.content["new_body"]]
    first = edits[0]
    other = next(
        note
        for note in notes
        if not first.key.startswith(f"{note.key}:")
        and not any(e.key == f"{note.key}:{first.item_key}" for e in edits)
    )
    rows = [
        DraftRow(r.kind, r.key, r.change_id, r.item_key, r.origin, dict(r.generated))
        for r in records
    ]
    rows.append(
        DraftRow(
            "edit",
            f"{other.key}:{first.item_key}",
            other.change_id,
            first.item_key,
            first.origin,
            {
                **first.generated,
                "change_id": other.change_id,
                "new_body": first.generated["new_body"] + "\n\nThe second change's text.",
            },
        )
    )
    store.save_generated(release_id, rows)
    review = load_review(workspace, release_id)
    second = next(i for i in review.items if i.record.key == f"{other.key}:{first.item_key}")
    result = approve(workspace, release_id, [second])
    assert [item.handle for item in result.approved] == [second.handle]
    one = next(i for i in review.items if i.record.key == first.key)
    assert one.record.status == "approved"
    return one, second


def test_approving_the_second_edit_of_an_item_warns_naming_both(
    approved_with, tmp_path: Path
) -> None:
    workspace, release_id, _ = approved_with(helpdesks.freshdesk)
    first, second = add_second_edit(workspace, release_id)
    # approving again reports nothing new; un-approve and approve to see the warning
    review = load_review(workspace, release_id)
    item = next(i for i in review.items if i.handle == second.handle)
    reject(workspace, release_id, item, "wrong-draft")
    item = next(i for i in load_review(workspace, release_id).items if i.handle == second.handle)
    result = approve(workspace, release_id, [item])
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert first.handle in warning and second.handle in warning
    assert f"behaviordiff review reject {second.handle}" in warning


def test_every_export_refuses_both_and_names_the_fix(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.freshdesk)
    first, second = add_second_edit(workspace, release_id)
    for target, output in (
        ("freshdesk", tmp_path / "fd.json"),
        ("csv", tmp_path / "edits.csv"),
    ):
        result = export_release(workspace, release_id, knowledge, target, output)  # type: ignore[arg-type]
        exported = {item.handle for item in result.exported}
        assert first.handle not in exported and second.handle not in exported, target
        refused = {skip.handle: skip.reason for skip in result.conflicts}
        assert set(refused) == {first.handle, second.handle}
        assert all(first.handle in r and second.handle in r for r in refused.values())
        assert "reject" in refused[first.handle]
    paths = [
        r["request"]["path"] for r in json.loads((tmp_path / "fd.json").read_text())["records"]
    ]
    assert len(paths) == len(set(paths))  # never two PUTs to one item
    status = {row["handle"]: row for row in delivery_status(workspace, release_id)["edits"]}
    assert status[second.handle]["left"].startswith("the export refuses it")
    gate = evaluate(load_state(workspace, release_id), "full")
    clash = [m for m in gate.missing if first.handle in m.message and second.handle in m.message]
    assert len(clash) == 1 and clash[0].role == "writer"

    # the writer keeps one: the other goes out alone
    review = load_review(workspace, release_id)
    reject(
        workspace,
        release_id,
        next(i for i in review.items if i.handle == second.handle),
        "wrong-draft",
    )
    result = export_release(workspace, release_id, knowledge, "freshdesk", tmp_path / "fd2.json")
    assert first.handle in {item.handle for item in result.exported}
    assert result.conflicts == []


def test_markdown_patch_holds_one_hunk_per_file(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.example)
    store = DraftStore(workspace)
    articles = [
        r for r in store.drafts(release_id, "edit") if (r.item_key or "").startswith("article:")
    ]
    assert articles
    first, second = add_second_edit_of(workspace, release_id, articles[0].key)
    result = export_release(workspace, release_id, knowledge, "markdown", tmp_path / "out")
    assert {skip.handle for skip in result.conflicts} == {first.handle, second.handle}
    patch = (tmp_path / "out" / "changes.patch").read_text()
    files = [line for line in patch.splitlines() if line.startswith("+++ ")]
    assert len(files) == len(set(files))


def add_second_edit_of(
    workspace: Workspace, release_id: int, edit_key: str
) -> tuple[ReviewItem, ReviewItem]:
    """`add_second_edit` for a chosen edit (moved first in the stored order)."""
    store = DraftStore(workspace)
    records = store.drafts(release_id)
    chosen = next(r for r in records if r.key == edit_key)
    rows = [
        DraftRow(r.kind, r.key, r.change_id, r.item_key, r.origin, dict(r.generated))
        for r in records
    ]
    other = next(r for r in records if r.kind == "note" and not edit_key.startswith(f"{r.key}:"))
    key = f"{other.key}:{chosen.item_key}"
    rows = [row for row in rows if row.key != key]
    rows.append(
        DraftRow(
            "edit",
            key,
            other.change_id,
            chosen.item_key,
            chosen.origin,
            {**chosen.generated, "new_body": chosen.generated["new_body"] + "\n\nSecond.\n"},
        )
    )
    store.save_generated(release_id, rows)
    review = load_review(workspace, release_id)
    approve(workspace, release_id, review.items)
    review = load_review(workspace, release_id)
    return (
        next(i for i in review.items if i.record.key == edit_key),
        next(i for i in review.items if i.record.key == key),
    )


def _push(workspace: Workspace, path: Path, env: dict[str, str]) -> Any:
    return CliRunner().invoke(
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
        env={"COLUMNS": "200", **env},
    )


def test_push_refuses_two_updates_of_one_item_and_knows_its_own_update(
    approved_with, tmp_path: Path
) -> None:
    """An export written before one edit per item was enforced holds two PUTs to one item:
    neither is sent. And an item our own push changed is not "changed in the helpdesk"."""
    workspace, release_id, knowledge = approved_with(helpdesks.freshdesk)
    first, second = add_second_edit(workspace, release_id)
    review = load_review(workspace, release_id)
    reject(
        workspace,
        release_id,
        next(i for i in review.items if i.handle == second.handle),
        "wrong-draft",
    )
    path = tmp_path / "fd.json"
    export_release(workspace, release_id, knowledge, "freshdesk", path)
    # approved again afterwards: an export of both would be refused, a file written by hand
    # (or before exports refused it) is what push must guard against
    approve(
        workspace,
        release_id,
        [i for i in load_review(workspace, release_id).items if i.handle == second.handle],
    )
    document = json.loads(path.read_text())
    record = next(r for r in document["records"] if r["draft"]["handle"] == first.handle)
    twin = json.loads(json.dumps(record))
    twin["draft"].update(handle=second.handle, key=second.record.key, content_digest=None)
    twin["request"]["body"] = {"content_html": "<p>the second change's text</p>"}
    # as an export of this workspace wrote it (push sends no request an export here did not)
    workspace.log(
        "export.write",
        release_id=release_id,
        subject="freshdesk",
        detail={"requests": [body_digest("PUT", twin["request"]["path"], twin["request"]["body"])]},
    )
    stub = Stub()
    for entry in document["records"]:
        stub.items[entry["request"]["path"]] = {
            "id": int(entry["target_id"]),
            "updated_at": entry["source"]["updated_at"],
        }
    env = {"FRESHDESK_API_KEY": "k"}
    with running(stub):
        env["FRESHDESK_URL"] = stub.base_url
        both = tmp_path / "both.json"
        both.write_text(json.dumps({**document, "records": [record, twin]}))
        result = _push(workspace, both, env)
        assert result.exit_code == 1, result.output
        items = json.loads(result.stdout)["items"]
        assert [item["status"] for item in items] == ["refused", "refused"]
        assert first.handle in items[0]["reason"] and second.handle in items[0]["reason"]
        assert stub.puts() == []

        # the first alone lands; the second, exported before it, finds the item moved by us
        alone = tmp_path / "first.json"
        alone.write_text(json.dumps({**document, "records": [record]}))
        assert _push(workspace, alone, env).exit_code == 0
        later = tmp_path / "second.json"
        later.write_text(json.dumps({**document, "records": [twin]}))
        result = _push(workspace, later, env)
    assert result.exit_code == 1, result.output
    reason = json.loads(result.stdout)["items"][0]["reason"]
    assert "behaviordiff's own push" in reason
    assert "changed in the helpdesk" not in reason
    assert len(stub.puts()) == 1


def test_export_cli_exits_1_when_it_refuses(approved_with, tmp_path: Path) -> None:
    workspace, _, _ = approved_with(helpdesks.example)
    first, second = add_second_edit(workspace, workspace.require_latest_release().id)
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--to",
            "csv",
            "-o",
            str(tmp_path / "e.csv"),
            "--config",
            str(EXAMPLE / "behaviordiff.toml"),
            "--workspace",
            str(workspace.folder),
        ],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 1, result.output
    assert f"{first.handle} and {second.handle} both rewrite" in result.stdout
    assert f"refused {first.handle}, {second.handle}" in result.stderr
