"""`push --apply` records each item's delivery as it lands, against a local stub of the
helpdesk on 127.0.0.1: `ack list`, the changelog and the gate see it; a re-push sends nothing
already delivered with the same body; a push cut half way keeps what landed and sends the rest
next time, and an update that may have landed without an answer is never sent twice blindly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from behaviordiff.export import export_release
from behaviordiff.export.push import PushItem, push_export
from behaviordiff.publish.gate import evaluate
from behaviordiff.publish.state import load_state
from behaviordiff.store.acks import PushLedger, body_digest
from tests.conftest import EXAMPLE, CliRunner
from tests.export import helpdesks
from tests.export.helpdesk_stub import APPLY_THEN_DROP, DROP, UPDATED_AT, Stub, running

KEY = "fd-key-do-not-log"


def _freshdesk(approved_with: Any, tmp_path: Path) -> tuple[Any, int, Path, list[dict[str, Any]]]:
    workspace, release_id, knowledge = approved_with(helpdesks.freshdesk)
    path = tmp_path / "freshdesk.json"
    export_release(workspace, release_id, knowledge, "freshdesk", path)
    records = json.loads(path.read_text())["records"]
    assert len(records) >= 3
    return workspace, release_id, path, records


def _stub(records: list[dict[str, Any]]) -> Stub:
    stub = Stub()
    for record in records:
        stub.items[record["request"]["path"]] = {
            "id": int(record["target_id"]),
            "updated_at": record["source"]["updated_at"],
        }
    return stub


def _cli(cli: CliRunner, workspace: Any, *args: str, env: dict[str, str] | None = None) -> Any:
    return cli(
        *args,
        "--config",
        str(EXAMPLE / "behaviordiff.toml"),
        "--workspace",
        str(workspace.folder),
        env={"COLUMNS": "200", "BEHAVIORDIFF_ACTOR": "Sam (CS)", **(env or {})},
    )


def _push(cli: CliRunner, workspace: Any, path: Path, stub: Stub, *extra: str) -> Any:
    env = {"FRESHDESK_URL": stub.base_url, "FRESHDESK_API_KEY": KEY}
    return _cli(cli, workspace, "push", "freshdesk", "--from", str(path), *extra, env=env)


def _by_path(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["path"]: item for item in report["items"]}


def test_a_push_is_recorded_and_a_repush_sends_nothing(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    stub = _stub(records)
    with running(stub):
        first = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert first.exit_code == 0, first.stderr
        sent_first = len(stub.received)

        report = json.loads(first.stdout)
        assert report["recorded"] is True
        for item in report["items"]:
            assert item["status"] == "changed"
            delivered = item["delivered"]
            assert delivered["status"] == "changed"
            assert delivered["pushed_by"] == "Sam (CS)"
            assert delivered["helpdesk_id"] == item["target_id"]
            assert delivered["updated_at"] == UPDATED_AT
            assert delivered["target"] == stub.base_url
            assert KEY not in json.dumps(delivered)

        # the stub moved every item's updated_at: without the record, a re-push would refuse
        # them all as "changed since the export"; with it, nothing is sent and it says why
        again = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert again.exit_code == 0, again.stderr
        assert len(stub.received) == sent_first
        repeat = json.loads(again.stdout)
        assert repeat["counts"] == {"already-delivered": len(records)}
        assert all("with the same body: not sent again" in i["reason"] for i in repeat["items"])

        text = _push(cli, workspace, path, stub, "--apply")
        assert text.exit_code == 0, text.stderr
        assert f"{len(records)} already delivered with the same body" in text.stdout

        dry = _push(cli, workspace, path, stub, "--format", "json")
        assert json.loads(dry.stdout)["counts"] == {"already-delivered": len(records)}
        assert len(stub.received) == sent_first

    # ack list, the changelog and the gate see the push, with who, when and the helpdesk's id
    listed = _cli(cli, workspace, "ack", "list", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    edits = {
        edit["key"]: edit for row in json.loads(listed.stdout)["changes"] for edit in row["edits"]
    }
    pushed = {record["draft"]["key"]: record for record in records}
    for key, record in pushed.items():
        assert edits[key]["delivered"] == "pushed"
        assert edits[key]["delivery"]["helpdesk_id"] == record["target_id"]
        assert edits[key]["delivery"]["delivered_by"] == "Sam (CS)"
    shown = _cli(cli, workspace, "ack", "list")
    assert "pushed to freshdesk (id " in shown.stdout
    state = load_state(workspace, release_id)
    assert all(state.delivered[key] == "pushed" for key in pushed)
    assert not [m for m in evaluate(state, "full").missing if m.subject in pushed]
    audit = [e["action"] for e in workspace.audit(release_id)]
    assert audit.count("push.changed") == len(records)


def test_a_push_cut_half_way_keeps_what_landed_and_sends_the_rest(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    paths = [record["request"]["path"] for record in records]
    stub = _stub(records)
    # the second update is cut before the helpdesk applies it: the push stops there
    stub.scripted[("PUT", paths[1])] = [(DROP, {}, None)]
    with running(stub):
        cut = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert cut.exit_code == 2, cut.stderr
        report = json.loads(cut.stdout)
        status = _by_path(report)
        assert status[paths[0]]["status"] == "changed"
        assert status[paths[1]]["status"] == "failed"
        assert "was cut during PUT" in status[paths[1]]["reason"]
        assert {status[p]["status"] for p in paths[2:]} == {"not-sent"}
        assert report["aborted"]["where"] == stub.base_url
        assert "push again to send the rest" in report["aborted"]["hint"]
        assert "Traceback" not in cut.stdout + cut.stderr
        assert "was cut during PUT" in cut.stderr
        assert [put.path for put in stub.puts()] == paths[:2]

        again = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert again.exit_code == 0, again.stderr
        status = _by_path(json.loads(again.stdout))
    assert status[paths[0]]["status"] == "already-delivered"
    assert {status[p]["status"] for p in paths[1:]} == {"changed"}
    # every item was written exactly once, with the export's body; the first never twice
    puts = [put.path for put in stub.puts()]
    assert puts.count(paths[0]) == 1
    assert puts.count(paths[1]) == 2  # the cut attempt and the one that landed
    assert all(puts.count(p) == 1 for p in paths[2:])
    state = load_state(workspace, release_id)
    assert all(state.delivered[r["draft"]["key"]] == "pushed" for r in records)


def test_an_update_that_may_have_landed_is_not_sent_blindly(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    first = records[0]["request"]["path"]
    stub = _stub(records)
    # the helpdesk applied the update, but the answer never came back
    stub.scripted[("PUT", first)] = [(APPLY_THEN_DROP, {}, None)]
    with running(stub):
        cut = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert cut.exit_code == 2, cut.stderr
        again = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        third = _push(cli, workspace, path, stub, "--apply", "--format", "json")
    assert again.exit_code == 1, again.stderr
    status = _by_path(json.loads(again.stdout))
    assert status[first]["status"] == "refused"
    assert "may have landed" in status[first]["reason"]
    assert "behaviordiff ack done" in status[first]["reason"]
    assert {status[r["request"]["path"]]["status"] for r in records[1:]} == {"changed"}
    assert [put.path for put in stub.puts()].count(first) == 1
    ledger = PushLedger(workspace, release_id, "freshdesk", stub.base_url, "x")
    history = [p for p in ledger.pushes() if p.path == first]
    assert [p.status for p in history] == ["sending", "refused", "refused"]
    assert "may have landed" in (history[1].reason or "")
    assert "push.refused" in [entry["action"] for entry in workspace.audit(release_id)]
    # it keeps saying so, and still sends nothing for it
    assert "may have landed" in _by_path(json.loads(third.stdout))[first]["reason"]
    assert [put.path for put in stub.puts()].count(first) == 1


def test_a_writers_edit_since_the_export_is_refused(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    from behaviordiff.review import apply_edit, load_review

    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    key = records[0]["draft"]["key"]
    item = next(i for i in load_review(workspace, release_id).items if i.record.key == key)
    apply_edit(workspace, release_id, item, {"new_body": "A new text, after the export."}, {})
    stub = _stub(records)
    with running(stub):
        result = _push(cli, workspace, path, stub, "--apply", "--format", "json")
    assert result.exit_code == 1, result.stderr
    status = _by_path(json.loads(result.stdout))
    assert status[records[0]["request"]["path"]]["status"] == "refused"
    assert "edited this edit since the export" in status[records[0]["request"]["path"]]["reason"]
    assert records[0]["request"]["path"] not in {put.path for put in stub.puts()}


def test_the_dry_run_refuses_what_apply_would_refuse(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    """A dry run promises only what `--apply` sends: an edit a writer changed since the export
    is refused up front, with apply's exit code, and no progress line is printed for it."""
    from behaviordiff.review import apply_edit, load_review

    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    key, edited = records[0]["draft"]["key"], records[0]["request"]["path"]
    item = next(i for i in load_review(workspace, release_id).items if i.record.key == key)
    apply_edit(workspace, release_id, item, {"new_body": "A new text, after the export."}, {})
    stub = _stub(records)
    with running(stub):
        dry = _push(cli, workspace, path, stub)
        dry_json = _push(cli, workspace, path, stub, "--format", "json")
        applied = _push(cli, workspace, path, stub, "--apply")
    assert dry.exit_code == applied.exit_code == 1, (dry.stderr, applied.stderr)
    assert "refused: a writer edited this edit since the export" in dry.stdout
    dry_status = _by_path(json.loads(dry_json.stdout))
    assert dry_status[edited]["status"] == "refused"
    assert {dry_status[r["request"]["path"]]["status"] for r in records[1:]} == {"would-change"}
    sent = [put.path for put in stub.puts()]
    assert edited not in {request.path for request in stub.received}  # not even read
    assert sorted(sent) == sorted(r["request"]["path"] for r in records[1:])
    progress = [row for row in applied.stderr.splitlines() if row.startswith("[")]
    assert len(progress) == len(sent)
    assert not any(edited in row for row in progress), applied.stderr


def test_a_refused_item_is_refused_even_after_the_push_stopped(tmp_path: Path) -> None:
    """An item the export itself refuses is reported refused, not `not-sent` ("push again"),
    when the connection is lost before it."""
    from behaviordiff.export.push import PushError, Response, Sender, credentials, push

    def item(index: int, updated_at: str | None) -> PushItem:
        return PushItem(
            index=index,
            kind="macro",
            target_id=str(index),
            title=f"macro {index}",
            method="PUT",
            path=f"/api/v2/macros/{index}",
            body={"macro": {}},
            updated_at=updated_at,
            handle=f"C{index}.1",
        )

    def lost(method: str, url: str, headers: Any, body: bytes | None) -> Response:
        raise ConnectionResetError("reset by peer")

    env = {"ZENDESK_URL": "http://127.0.0.1:1", "ZENDESK_EMAIL": "a", "ZENDESK_API_TOKEN": "t"}
    creds = credentials("zendesk", env)
    report = push(
        "zendesk",
        [item(1, "2026-01-01"), item(2, None), item(3, "2026-01-01")],
        sender=Sender(creds, lost, lambda detail: None),
    )
    assert isinstance(report.aborted, PushError)
    assert [o.status for o in report.outcomes] == ["failed", "refused", "not-sent"]


def test_another_helpdesk_address_is_not_already_delivered(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    """A push to the sandbox does not count as a push to production."""
    workspace, _, path, records = _freshdesk(approved_with, tmp_path)
    sandbox, production = _stub(records), _stub(records)
    with running(sandbox), running(production):
        for stub in (sandbox, production):
            report = push_export(
                "freshdesk",
                path,
                workspace,
                apply=True,
                env={"FRESHDESK_URL": stub.base_url, "FRESHDESK_API_KEY": KEY},
            )
            assert {o.status for o in report.outcomes} == {"changed"}
    assert len(production.puts()) == len(records)


def test_progress_is_reported_per_item(approved_with, cli: CliRunner, tmp_path: Path) -> None:
    workspace, _, path, records = _freshdesk(approved_with, tmp_path)
    heard: list[tuple[int, int, PushItem]] = []
    stub = _stub(records)
    with running(stub):
        push_export(
            "freshdesk",
            path,
            workspace,
            apply=True,
            env={"FRESHDESK_URL": stub.base_url, "FRESHDESK_API_KEY": KEY},
            on_progress=lambda done, total, item: heard.append((done, total, item)),
        )
    assert [(done, total) for done, total, _ in heard] == [
        (index, len(records)) for index in range(len(records))
    ]


def test_an_answer_without_end_stops_the_push_and_keeps_what_landed(
    approved_with, cli: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    from behaviordiff.export import push as push_module

    monkeypatch.setattr(push_module, "MAX_ANSWER", 4096)
    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    paths = [record["request"]["path"] for record in records]
    stub = _stub(records)
    stub.items[paths[1]]["padding"] = "x" * 10_000  # the second item's answer is too large
    with running(stub):
        result = _push(cli, workspace, path, stub, "--apply", "--format", "json")
    assert result.exit_code == 2, result.stderr
    report = json.loads(result.stdout)
    status = _by_path(report)
    assert status[paths[0]]["status"] == "changed"
    assert "is over 4,096 bytes: not a helpdesk's answer" in report["aborted"]["message"]
    assert {status[p]["status"] for p in paths[2:]} == {"not-sent"}
    assert load_state(workspace, release_id).delivered[records[0]["draft"]["key"]] == "pushed"


def test_a_push_from_another_workspace_is_refused_before_anything_is_sent(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    from behaviordiff.store import Workspace

    _, _, path, records = _freshdesk(approved_with, tmp_path)
    with Workspace(tmp_path / "other") as other:
        stub = _stub(records)
        with running(stub):
            dry = _push(cli, other, path, stub, "--format", "json")
            applied = _push(cli, other, path, stub, "--apply")
    # the dry run refuses it as --apply does, rather than promise changes
    for result in (dry, applied):
        assert result.exit_code == 2, result.stdout
        assert "which this workspace does not hold" in result.stderr
        assert "Traceback" not in result.stderr
    assert stub.received == []


def test_export_status_shows_each_edits_delivery_and_last_push(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    workspace, _, path, records = _freshdesk(approved_with, tmp_path)
    first = records[0]
    stub = _stub(records)
    stub.items[first["request"]["path"]]["updated_at"] = "2026-11-30T08:00:00Z"  # moved since
    before = json.loads(_cli(cli, workspace, "export", "status", "--format", "json").stdout)
    assert set(before["approved_delivered"]) == {"exported"}
    with running(stub):
        _push(cli, workspace, path, stub, "--apply")
    status = json.loads(_cli(cli, workspace, "export", "status", "--format", "json").stdout)
    edits = {edit["key"]: edit for edit in status["edits"]}
    refused = edits[first["draft"]["key"]]
    assert refused["delivered"] == "exported"
    assert refused["last_push"]["status"] == "refused"
    assert refused["left"].startswith("the last push refused: changed in the helpdesk")
    for record in records[1:]:
        edit = edits[record["draft"]["key"]]
        assert edit["delivered"] == "pushed" and edit["left"] is None
        assert edit["delivery"]["helpdesk_id"] == record["target_id"]
        assert edit["last_push"]["status"] == "changed"
    assert status["approved_delivered"]["pushed"] == len(records) - 1
    text = _cli(cli, workspace, "export", "status")
    assert text.exit_code == 0, text.stderr
    assert "pushed by Sam (CS)" in text.stdout and "the last push refused" in text.stdout
    bare = _cli(cli, workspace, "export")
    assert bare.exit_code == 2 and "--to TARGET -o FILE" in bare.stderr


def test_the_same_text_pushed_with_other_settings_is_not_called_an_earlier_text(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    """Two exports of one approved text, one with the suggested settings applied: after one
    is pushed, the other is refused (the item moved since its export) as the same text with
    other settings, with the fix (export again), not as "an earlier text" to draft again."""
    workspace, _, path, records = _freshdesk(approved_with, tmp_path)
    stub = _stub(records)
    with running(stub):
        assert _push(cli, workspace, path, stub, "--apply").exit_code == 0
        document = json.loads(path.read_text())
        other = tmp_path / "other-settings.json"
        for record in document["records"]:
            body = record["request"]["body"]
            body[next(iter(body))] += " "  # another body, the same text
        other.write_text(json.dumps(document))
        workspace.log(  # as the other export wrote it
            "export.write",
            release_id=document["release_id"],
            subject="freshdesk",
            detail={
                "requests": [
                    body_digest("PUT", r["request"]["path"], r["request"]["body"])
                    for r in document["records"]
                ]
            },
        )
        result = _push(cli, workspace, other, stub, "--apply", "--format", "json")
    assert result.exit_code == 1, result.stderr
    for item in json.loads(result.stdout)["items"]:
        assert item["status"] == "refused"
        assert "the helpdesk holds this same text" in item["reason"]
        assert "export again" in item["reason"]
        assert "earlier text" not in item["reason"]


def test_an_answer_that_is_not_the_item_is_never_taken_as_landed(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    """Trial H4: a proxy's or login page's 200 with HTML in JSON's place. Read before the
    update: nothing is sent and the address is named (not "changed in the helpdesk since the
    export", which would send CS through a re-export). As the update's answer: not recorded as
    pushed (it may have landed or not), exit 1; the next push reads the helpdesk first."""
    workspace, release_id, path, records = _freshdesk(approved_with, tmp_path)
    paths = [record["request"]["path"] for record in records]
    keys = [record["draft"]["key"] for record in records]
    stub = _stub(records)
    page = b"<html><body>Please sign in</body></html>"
    stub.scripted[("GET", paths[0])] = [(200, {}, page)]
    stub.scripted[("PUT", paths[1])] = [(200, {}, page)]
    with running(stub):
        first = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert first.exit_code == 1, first.stderr
        status = _by_path(json.loads(first.stdout))
        assert status[paths[0]]["status"] == "failed"
        assert "not JSON (starts “<html><body>Please sign in" in status[paths[0]]["reason"]
        assert "nothing was sent" in status[paths[0]]["reason"]
        assert "changed in the helpdesk" not in status[paths[0]]["reason"]
        assert [r for r in stub.puts() if r.path == paths[0]] == []
        assert status[paths[1]]["status"] == "failed"
        assert "not the item: it may have landed or not" in status[paths[1]]["reason"]
        assert {status[p]["status"] for p in paths[2:]} == {"changed"}
        state = load_state(workspace, release_id)
        assert state.delivered.get(keys[0]) != "pushed" != state.delivered.get(keys[1])

        again = _push(cli, workspace, path, stub, "--apply", "--format", "json")
        assert again.exit_code == 0, again.stderr
        status = _by_path(json.loads(again.stdout))
        assert status[paths[0]]["status"] == "changed"
        assert status[paths[1]]["status"] == "changed"
    state = load_state(workspace, release_id)
    assert state.delivered[keys[0]] == "pushed" and state.delivered[keys[1]] == "pushed"


def test_an_earlier_releases_live_edit_is_named_with_the_fix_that_applies(
    approved_with, cli: CliRunner, tmp_path: Path
) -> None:
    """The item moved since the export because behaviordiff pushed another release's edit of
    it: refused, naming that release and the fix (read the live body into the knowledge
    base, draft, review, export, push), never "two edits of one item; reject one" (a new
    user's trial, T8: following that would have dropped the only edit)."""
    workspace, _, path, records = _freshdesk(approved_with, tmp_path)
    stub = _stub(records)
    with running(stub):
        assert _push(cli, workspace, path, stub, "--apply").exit_code == 0
        earlier = workspace.create_release(base_label="v1", head_label="v1.5")
        with workspace.transaction() as db:  # as if that release's edits went out
            db.execute(
                "UPDATE pushes SET release_id = ?, draft_key = 'change-0f0f:' || draft_key",
                (earlier.id,),
            )
        document = json.loads(path.read_text())
        for record in document["records"]:
            body = record["request"]["body"]
            body[next(iter(body))] += " "  # not the body that went out
        again = tmp_path / "again.json"
        again.write_text(json.dumps(document))
        workspace.log(  # as the export of the later text wrote it
            "export.write",
            release_id=document["release_id"],
            subject="freshdesk",
            detail={
                "requests": [
                    body_digest("PUT", r["request"]["path"], r["request"]["body"])
                    for r in document["records"]
                ]
            },
        )
        result = _push(cli, workspace, again, stub, "--apply", "--format", "json")
    assert result.exit_code == 1, result.stderr
    for item in json.loads(result.stdout)["items"]:
        assert item["status"] == "refused"
        assert f"release #{earlier.id}'s edit of it is live in the helpdesk" in item["reason"]
        assert "`behaviordiff draft`" in item["reason"]
        assert "reject" not in item["reason"] and "change-0f0f" not in item["reason"]
