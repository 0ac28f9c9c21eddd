"""`behaviordiff push` against a local stub of the helpdesk on 127.0.0.1: a dry run sends
nothing; --apply changes exactly the approved items, refuses the one changed since the
export, waits out a 429's Retry-After, retries a 5xx, and audits without secrets."""

from __future__ import annotations

import json
from base64 import b64encode
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.export import export_release
from behaviordiff.export.push import (
    Credentials,
    PushError,
    Response,
    Sender,
    credentials,
    load_export,
)
from tests.conftest import EXAMPLE
from tests.engineer.test_schemas import assert_output
from tests.export import helpdesks
from tests.export.helpdesk_stub import Stub, running

SECRET = "s3cret-token-do-not-log"


def _exported(approved_with, tmp_path: Path, make, target: str) -> tuple[Any, int, Path]:
    workspace, release_id, knowledge = approved_with(make)
    path = tmp_path / f"{target}.json"
    export_release(workspace, release_id, knowledge, target, path)
    return workspace, release_id, path


def _push(workspace, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        app,
        [
            "push",
            *args,
            "--config",
            str(EXAMPLE / "behaviordiff.toml"),
            "--workspace",
            str(workspace.folder),
        ],
        env={"COLUMNS": "200", **(env or {})},
    )


def test_zendesk_apply_changes_the_approved_and_refuses_the_moved(
    approved_with, tmp_path: Path
) -> None:
    workspace, release_id, path = _exported(approved_with, tmp_path, helpdesks.zendesk, "zendesk")
    records = json.loads(path.read_text())["records"]
    stub = Stub()
    for record in records:
        if record["kind"] == "macro":
            moved = record["target_id"] == "360003"  # someone edited it after the export
            stamp = "2026-11-30T08:00:00Z" if moved else record["source"]["updated_at"]
            stub.items[record["request"]["path"]] = {
                "macro": {"id": int(record["target_id"]), "updated_at": stamp}
            }
        else:
            stub.items[f"/api/v2/help_center/articles/{record['target_id']}"] = {
                "article": {
                    "id": int(record["target_id"]),
                    "updated_at": record["source"]["updated_at"],
                }
            }
    first_article = next(r for r in records if r["kind"] == "article")["request"]["path"]
    stub.scripted[("PUT", "/api/v2/macros/360001")] = [
        (429, {"Retry-After": "0"}, {"error": "slow"})
    ]
    stub.scripted[("PUT", first_article)] = [(503, {}, {"error": "down"})]
    with running(stub):
        env = {
            "ZENDESK_URL": stub.base_url,
            "ZENDESK_EMAIL": "ops@acme.example",
            "ZENDESK_API_TOKEN": SECRET,
        }
        dry = _push(workspace, "zendesk", "--from", str(path), "--format", "json", env=env)
        assert dry.exit_code == 0, dry.output
        assert stub.received == []  # a dry run sends nothing
        assert_output("push", json.loads(dry.stdout))
        assert {item["status"] for item in json.loads(dry.stdout)["items"]} == {"would-change"}

        result = _push(
            workspace, "zendesk", "--from", str(path), "--apply", "--format", "json", env=env
        )
    assert result.exit_code == 1, result.output  # one item refused
    report = json.loads(result.stdout)
    assert_output("push", report)  # every key described (schema `push`), deliveries included
    status = {item["target_id"]: item for item in report["items"]}
    assert status["360003"]["status"] == "refused"
    assert "changed in the helpdesk since the export" in status["360003"]["reason"]
    # exporting again alone would write the same older version: the fix says where it is read
    assert (
        "export the item from the helpdesk again into the knowledge base"
        in (status["360003"]["reason"])
    )
    assert "macros.json" in status["360003"]["reason"]
    changed = {t for t, item in status.items() if item["status"] == "changed"}
    assert changed == {r["target_id"] for r in records} - {"360003"}
    assert status["360001"]["helpdesk_id"] == "360001"
    assert status["360001"]["updated_at"] == "2026-12-02T00:00:00Z"
    # exactly the approved items were written, each with the export's body (the 429 and the
    # 503 were sent again)
    puts = stub.puts()
    assert "/api/v2/macros/360003" not in {put.path for put in puts}
    sent = {put.path: put.body for put in puts}
    for record in records:
        if record["target_id"] != "360003":
            assert sent[record["request"]["path"]] == record["request"]["body"]
    assert [put.path for put in puts].count("/api/v2/macros/360001") == 2
    assert [put.path for put in puts].count(first_article) == 2
    token = b64encode(f"ops@acme.example/token:{SECRET}".encode()).decode()
    assert all(r.authorization == f"Basic {token}" for r in stub.received)
    audit = [entry for entry in workspace.audit(release_id) if entry["action"] == "push.request"]
    assert len(audit) == len(stub.received)
    assert SECRET not in json.dumps(audit) and token not in json.dumps(audit)
    assert {"method": "PUT", "path": "/api/v2/macros/360001", "status": 429, "attempt": 1} in [
        entry["detail"] for entry in audit
    ]


def test_freshdesk_apply(approved_with, tmp_path: Path) -> None:
    workspace, _, path = _exported(approved_with, tmp_path, helpdesks.freshdesk, "freshdesk")
    records = json.loads(path.read_text())["records"]
    stub = Stub()
    for record in records:
        stub.items[record["request"]["path"]] = {
            "id": int(record["target_id"]),
            "updated_at": record["source"]["updated_at"],
        }
    with running(stub):
        env = {"FRESHDESK_URL": stub.base_url, "FRESHDESK_API_KEY": SECRET}
        result = _push(workspace, "freshdesk", "--from", str(path), "--apply", env=env)
    assert result.exit_code == 0, result.output
    assert f"Changed: {len(records)} of {len(records)} item(s) in freshdesk" in result.stdout
    assert {put.path for put in stub.puts()} == {r["request"]["path"] for r in records}


def test_retry_after_and_5xx_backoff_are_honoured() -> None:
    answers = [
        Response(429, {"Retry-After": "7"}, b""),
        Response(502, {}, b""),
        Response(500, {}, b""),
        Response(200, {}, b"{}"),
    ]
    waits: list[float] = []
    audit: list[dict[str, Any]] = []

    def transport(method, url, headers, body):
        return answers.pop(0)

    sender = Sender(
        Credentials("https://acme.zendesk.com", "Basic x"),
        transport,
        audit.append,
        sleep=waits.append,
    )
    assert sender.send("PUT", "/api/v2/macros/1", {"macro": {}}).status == 200
    assert waits == [7.0, 2.0, 4.0]
    assert [entry["status"] for entry in audit] == [429, 502, 500, 200]
    gave_up = Sender(
        Credentials("https://x", "Basic x"),
        lambda *a: Response(503, {}, b""),
        audit.append,
        sleep=waits.append,
        max_retries=2,
    )
    assert gave_up.send("GET", "/x").status == 503


def test_credentials_only_from_the_environment() -> None:
    with pytest.raises(PushError) as missing:
        credentials("zendesk", {})
    assert "ZENDESK_API_TOKEN" in (missing.value.hint or "")
    creds = credentials(
        "zendesk", {"ZENDESK_SUBDOMAIN": "acme", "ZENDESK_EMAIL": "a@b", "ZENDESK_API_TOKEN": "t"}
    )
    assert creds.base_url == "https://acme.zendesk.com"
    with pytest.raises(PushError) as plain:
        credentials(
            "freshdesk", {"FRESHDESK_URL": "http://acme.freshdesk.com", "FRESHDESK_API_KEY": "k"}
        )
    assert "https" in plain.value.message


def test_push_reads_only_its_own_exports(tmp_path: Path) -> None:
    wrong = tmp_path / "x.json"
    wrong.write_text(
        json.dumps({"format": "behaviordiff-export/1", "target": "intercom", "records": []})
    )
    with pytest.raises(PushError) as caught:
        load_export(wrong, "zendesk")
    assert caught.value.where == f"{wrong} → target"
    wrong.write_text(json.dumps({"macros": []}))
    with pytest.raises(PushError) as other:
        load_export(wrong, "zendesk")
    assert "not a behaviordiff export" in other.value.message


def test_a_dry_run_repeats_the_settings_the_export_flagged_and_says_it_read_nothing(
    approved_with, tmp_path: Path
) -> None:
    """The export flags a macro's settings that contradict its new text (group, tags, status)
    for a person to confirm; the push sends the request as exported, so it says so again, item
    by item, in text and JSON; a dry run says it did not read the helpdesk."""
    workspace, _, path = _exported(approved_with, tmp_path, helpdesks.zendesk, "zendesk")
    records = json.loads(path.read_text())["records"]
    flagged = {
        r["target_id"]: [f["field"] for f in r["review"]["flags"]]
        for r in records
        if (r.get("review") or {}).get("flags")
    }
    assert flagged  # the example's delayed-order macro routes to a group the agent no longer uses
    text = _push(workspace, "zendesk", "--from", str(path))
    assert text.exit_code == 0, text.output
    said = " ".join(text.stdout.split())
    assert "the helpdesk was not read" in said
    for fields in flagged.values():
        assert f"settings to review ({', '.join(fields)})" in said
    data = json.loads(_push(workspace, "zendesk", "--from", str(path), "--format", "json").stdout)
    by_id = {item["target_id"]: item["settings_to_review"] for item in data["items"]}
    assert {k: v for k, v in by_id.items() if v} == flagged
    # `--dry-run` says the default out loud, as `run --dry-run` does (it was "No such option")
    explicit = _push(workspace, "zendesk", "--from", str(path), "--dry-run")
    assert explicit.exit_code == 0, explicit.output
    assert " ".join(explicit.stdout.split()) == said


def test_a_preview_export_is_refused_as_a_preview_not_as_withdrawn(
    example_release, tmp_path: Path
) -> None:
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = example_release
    knowledge = helpdesks.zendesk(tmp_path)
    draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    path = tmp_path / "preview.json"
    export_release(workspace, release_id, knowledge, "zendesk", path, include_drafts=True)
    records = json.loads(path.read_text())["records"]
    assert records and all(r["draft"]["status"] == "draft" for r in records)
    stub = Stub()
    for record in records:
        kind = "macro" if record["kind"] == "macro" else "article"
        stub.items[record["request"]["path"]] = {
            kind: {"id": int(record["target_id"]), "updated_at": record["source"]["updated_at"]}
        }
    with running(stub):
        env = {
            "ZENDESK_URL": stub.base_url,
            "ZENDESK_EMAIL": "ops@acme.example",
            "ZENDESK_API_TOKEN": SECRET,
        }
        result = _push(
            workspace, "zendesk", "--from", str(path), "--apply", "--format", "json", env=env
        )
    assert stub.puts() == []
    reasons = [item["reason"] for item in json.loads(result.stdout)["items"]]
    assert reasons and all(
        "a preview (`export --include-drafts`) holds it as draft" in r for r in reasons
    )
    assert all("then export without --include-drafts" in r for r in reasons)
    assert not [r for r in reasons if "no longer approved" in r]
