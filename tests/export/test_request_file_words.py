"""What `export --to zendesk` writes is said as it is (trial 12, T8): a behaviordiff file of
API update requests that no helpdesk imports as a file, which `behaviordiff push` (or a script
sending each request) applies; and when the knowledge base held no `updated_at` for an
exported macro, the export warns that `push` will refuse it, in `kb check`'s words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from behaviordiff.cli.app import app
from tests.conftest import EXAMPLE
from tests.export.conftest import approve_all, read_json


@pytest.fixture
def drafted(example_release, drafted_snapshots):
    workspace, release_id, _ = drafted_snapshots.restore(example_release, drafter="template")
    return workspace, release_id


def _export(workspace, config: Path | str, *args: str):
    return CliRunner().invoke(
        app,
        ["export", *args, "--config", str(config), "--workspace", str(workspace.folder)],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )


def _unstamped_project(tmp_path: Path) -> Path:
    """The example with its macros export stripped of `updated_at` (as an export made with
    a tool that leaves it out)."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".behaviordiff"))
    macros = root / "kb" / "macros.json"
    data = json.loads(macros.read_text())
    for macro in data["macros"]:
        macro.pop("updated_at", None)
    macros.write_text(json.dumps(data))
    return root / "behaviordiff.toml"


def test_the_closing_lines_say_what_the_file_is_and_what_applies_it(
    drafted, tmp_path: Path
) -> None:
    workspace, release_id = drafted
    approve_all(workspace, release_id)
    out = tmp_path / "zendesk.json"
    result = _export(workspace, EXAMPLE / "behaviordiff.toml", "--to", "zendesk", "-o", str(out))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert read_json(out)["format"] == "behaviordiff-export/1"
    assert (
        f"Note: {out} is a behaviordiff file (behaviordiff-export/1) of 2 Zendesk API "
        "request(s), one per edit (method, path, body), not a file Zendesk can import: "
        f"`behaviordiff push zendesk --from {out}` shows what it would change and `--apply` "
        "sends it (or send each record's `request` with a script of your own)"
    ) in said
    assert "import the file" not in said and "imports" not in said
    assert "once you have applied them another way, marked done" in said
    # the example's macros carry updated_at: no warning about push refusing them
    assert "no updated_at" not in said


def test_macros_without_updated_at_are_warned_about_at_export(drafted, tmp_path: Path) -> None:
    workspace, release_id = drafted
    approve_all(workspace, release_id)
    config = _unstamped_project(tmp_path)
    out = tmp_path / "zendesk.json"
    result = _export(workspace, config, "--to", "zendesk", "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    notes = json.loads(result.stdout)["notes"]
    [warning] = [note for note in notes if "no updated_at" in note]
    assert warning.startswith(f"{config.parent / 'kb' / 'macros.json'}: 2 item(s) have no ")
    assert "so `push` will refuse their edits (a change made in Zendesk since could not be " in (
        warning
    )
    assert "`behaviordiff ack done C1.1 C2.1 --by NAME`" in warning


def test_the_help_and_the_readme_say_what_the_file_is() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], env={"COLUMNS": "300"})
    said = " ".join(result.stdout.split())
    assert "API update requests (no helpdesk imports it as a file" in said
    assert "`behaviordiff push zendesk|freshdesk --from FILE` sends it" in said
    readme = " ".join((EXAMPLE.parent.parent / "README.md").read_text().split())
    assert "files your helpdesk imports as they are" not in readme
    assert "no helpdesk imports it as a file" in readme
    reference = " ".join((EXAMPLE.parent.parent / "docs" / "reference.md").read_text().split())
    assert "that no helpdesk imports as a file, sent by `behaviordiff push" in reference
