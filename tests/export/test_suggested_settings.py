"""`export --with-suggested-settings`: a flagged Zendesk macro is written with the suggested
removals and changes of its settings applied to the request sent (additions still need a
person), the export says which, the push says they were applied rather than "to review", and
a target without macro settings refuses the option with the fix."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.export import ExportError
from tests.conftest import EXAMPLE
from tests.export.conftest import approve_all, read_json, schema

CONFIG = str(EXAMPLE / "behaviordiff.toml")


def _cli(workspace, command: str, *args: str):
    return CliRunner().invoke(
        app,
        [command, *args, "--config", CONFIG, "--workspace", str(workspace.folder)],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )


def _drafted(example_release, drafted_snapshots):
    workspace, release_id, _ = drafted_snapshots.restore(example_release, drafter="template")
    approve_all(workspace, release_id)
    return workspace


def test_the_suggested_settings_go_in_the_body_sent(
    example_release, drafted_snapshots, tmp_path: Path
) -> None:
    workspace = _drafted(example_release, drafted_snapshots)
    plain, applied = tmp_path / "plain.json", tmp_path / "applied.json"
    assert _cli(workspace, "export", "--to", "zendesk", "-o", str(plain)).exit_code == 0
    done = _cli(
        workspace,
        "export",
        "--to",
        "zendesk",
        "-o",
        str(applied),
        "--with-suggested-settings",
        "--format",
        "json",
    )
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert summary["suggested_settings"] is True
    before = {r["target_id"]: r for r in read_json(plain)["records"]}
    after = {r["target_id"]: r for r in read_json(applied)["records"]}
    assert read_json(applied)["suggested_settings"] is True
    flagged = after["360001"]  # the delayed-order macro routes to a group no longer used
    sent = flagged["request"]["body"]["macro"]["actions"]
    assert sent == flagged["review"]["suggested_actions"]
    assert sent != before["360001"]["request"]["body"]["macro"]["actions"]
    assert {"field": "group_id", "value": "360000112233"} not in sent  # removed
    assert {"field": "status", "value": "solved"} in sent  # changed
    assert sent[0] == before["360001"]["request"]["body"]["macro"]["actions"][0]  # the reply
    schema("zendesk_macro_update").validate(flagged["request"]["body"])
    assert sorted(flagged["review"]["applied"]) == ["group_id", "set_tags", "status"]
    assert "applied" not in before["360001"]["review"]
    # items with no flags are written exactly as without the option
    for target, record in before.items():
        if target != "360001":
            assert after[target]["request"] == record["request"]
    assert any("suggested settings applied" in note for note in summary["notes"])
    assert not any("for a person to confirm" in note for note in summary["notes"])

    dry = _cli(workspace, "push", "zendesk", "--from", str(applied))
    assert dry.exit_code == 0, dry.output
    said = " ".join(dry.stdout.split())
    assert "suggested settings applied (group_id, set_tags, status)" in said
    assert "settings to review" not in said
    data = json.loads(
        _cli(workspace, "push", "zendesk", "--from", str(applied), "--format", "json").stdout
    )
    item = next(i for i in data["items"] if i["target_id"] == "360001")
    assert item["settings_applied"] == ["group_id", "set_tags", "status"]
    assert item["settings_to_review"] == []


def test_a_target_without_macro_settings_refuses_the_option(
    example_release, drafted_snapshots, tmp_path: Path
) -> None:
    workspace = _drafted(example_release, drafted_snapshots)
    out = tmp_path / "f.csv"
    done = _cli(workspace, "export", "--to", "csv", "-o", str(out), "--with-suggested-settings")
    assert isinstance(done.exception, ExportError)  # the entry point prints it, exit 2
    assert "--with-suggested-settings is for Zendesk macros" in done.exception.message
    assert "export --to zendesk" in (done.exception.hint or "")
    assert not out.exists()
