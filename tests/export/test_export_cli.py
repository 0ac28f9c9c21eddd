"""`behaviordiff export`, in process: the files, the JSON summary, the errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.export import ExportError
from tests.conftest import EXAMPLE
from tests.export.conftest import approve_all, read_json

CONFIG = str(EXAMPLE / "behaviordiff.toml")


@pytest.fixture
def drafted(example_release, drafted_snapshots):
    workspace, release_id, _ = drafted_snapshots.restore(example_release, drafter="template")
    return workspace, release_id


def _run(workspace, *args: str):
    runner = CliRunner()
    return runner.invoke(
        app,
        ["export", *args, "--config", CONFIG, "--workspace", str(workspace.folder)],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )


def test_export_json_summary(drafted, tmp_path: Path) -> None:
    workspace, release_id = drafted
    approve_all(workspace, release_id)
    out = tmp_path / "zendesk.json"
    result = _run(workspace, "--to", "zendesk", "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["release_id"] == release_id and summary["target"] == "zendesk"
    assert summary["outputs"] == [str(out)]
    assert [item["target_id"] for item in summary["exported"]] == ["360001", "360003"]
    assert summary["draft_keys"] == [record["draft"]["key"] for record in read_json(out)["records"]]
    delayed = summary["exported"][0]
    assert delayed["settings_review"]["flags"][0]["field"] == "group_id"
    assert {skip["title"] for skip in summary["skipped"]} == {
        "My order is late",
        "Returns and refunds",
    }
    assert any("--to markdown" in skip["reason"] for skip in summary["skipped"])


def test_export_text_names_files_flags_and_left_out(drafted, tmp_path: Path) -> None:
    workspace, release_id = drafted
    approve_all(workspace, release_id)
    out = tmp_path / "edits.csv"
    result = _run(workspace, "--to", "csv", "-o", str(out), "--release", str(release_id))
    assert result.exit_code == 0, result.output
    assert f"Exported 4 approved edit(s) of release #{release_id} for csv: {out}" in result.stdout
    assert "settings to review: remove group_id" in result.stdout
    assert out.exists()


def test_nothing_approved_is_an_error_with_the_fix(drafted, tmp_path: Path) -> None:
    workspace, _ = drafted
    result = _run(workspace, "--to", "zendesk", "-o", str(tmp_path / "z.json"))
    assert result.exit_code != 0
    assert isinstance(result.exception, ExportError)
    assert "--include-drafts" in (result.exception.hint or "")
    preview = _run(workspace, "--to", "zendesk", "-o", str(tmp_path / "z.json"), "--include-drafts")
    assert preview.exit_code == 0, preview.output
    assert "preview only" in preview.stderr


def test_wrong_helpdesk_says_which_to_use(drafted, tmp_path: Path) -> None:
    workspace, release_id = drafted
    approve_all(workspace, release_id)
    result = _run(workspace, "--to", "freshdesk", "-o", str(tmp_path / "f.json"))
    assert isinstance(result.exception, ExportError)
    assert "--to zendesk" in (result.exception.hint or "")
    assert not (tmp_path / "f.json").exists()


def test_unknown_target_is_a_usage_error(drafted, tmp_path: Path) -> None:
    workspace, _ = drafted
    result = _run(workspace, "--to", "helpscout", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2


def test_a_markdown_export_to_a_file_says_it_writes_a_folder(drafted, tmp_path: Path) -> None:
    """`-o notes.md` for the Markdown export said "cannot write the export (File exists)"
    (trial21); the file is left as it was."""
    workspace, release_id = drafted
    approve_all(workspace, release_id)
    out = tmp_path / "notes.md"
    out.write_text("mine\n", encoding="utf-8")
    result = _run(workspace, "--to", "markdown", "-o", str(out))
    assert isinstance(result.exception, ExportError)
    assert "the Markdown export writes a folder" in result.exception.message
    assert "-o faq-updated/" in (result.exception.hint or "")
    assert out.read_text(encoding="utf-8") == "mine\n"
