"""The commands as a user runs them: init, diff, probes check, releases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, FIXTURES, CliRunner

BROKEN = FIXTURES / "broken"


def test_help_lists_the_commands(cli: CliRunner) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("init", "diff", "probes", "demo", "releases"):
        assert command in result.stdout


def test_init_writes_a_starter_and_refuses_to_overwrite(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "repo"), "--no-examples")
    assert result.exit_code == 0
    config = tmp_path / "repo" / "behaviordiff.toml"
    assert "[run]" in config.read_text()
    again = cli("init", str(tmp_path / "repo"), "--no-examples")
    assert again.exit_code == 2
    assert "already exist" in again.stderr and "--force" in again.stderr
    said = " ".join(again.stderr.split())
    assert "so the project is set up" in said and "--no-examples to write only" not in said
    assert cli("init", str(tmp_path / "repo"), "--no-examples", "--force").exit_code == 0
    assert cli("probes", "check", "--config", str(config)).exit_code == 2  # no suites match yet


def test_diff_text_and_json(cli: CliRunner, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(BROKEN / "agent_ok", new)
    (new / "system.md.j2").write_text(
        (BROKEN / "agent_ok" / "system.md.j2").read_text().replace("30 days", "45 days")
    )
    text = cli("diff", str(BROKEN / "agent_ok"), str(new))
    assert text.exit_code == 0, text.stderr
    assert "§ Returns" in text.stdout
    assert "- Items can be returned within 30 days." in text.stdout
    assert "+ Items can be returned within 45 days." in text.stdout

    as_json = cli("diff", str(BROKEN / "agent_ok"), str(new), "--format", "json")
    data = json.loads(as_json.stdout)
    [hunk] = data["prompt"]
    assert hunk["kind"] == "sentence_changed" and hunk["section"] == "Returns"
    assert hunk["removed_words"] == ["30"] and hunk["added_words"] == ["45"]

    assert cli("diff", str(BROKEN / "agent_ok"), str(new), "--exit-code").exit_code == 1
    same = cli("diff", str(BROKEN / "agent_ok"), str(BROKEN / "agent_ok"), "--exit-code")
    assert same.exit_code == 0 and "identical" in same.stdout


def test_probes_check_summary(cli: CliRunner) -> None:
    result = cli(
        "probes", "check", "ok_probes.yaml", "--agent", "agent_ok", "--format", "json", cwd=BROKEN
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["probes"] == 1
    assert summary["templates_checked"] == 1


def test_releases_before_the_first_run(cli: CliRunner, tmp_path: Path) -> None:
    """A project whose workspace is not made yet has no releases; a folder with no config
    and no workspace is no project, and `releases` says so as `review list` does (hostile
    trial 8: it listed none, exit 0)."""
    for args in (("releases",), ("review", "list")):
        result = cli(*args, "--format", "json")
        assert result.exit_code == 2, (args, result.stdout)
        assert json.loads(result.stderr)["message"] == "there is no workspace here yet"
    (tmp_path / "behaviordiff.toml").write_text("[run]\nsamples = 2\n", encoding="utf-8")
    result = cli("releases", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["releases"] == []
    assert not (tmp_path / "workspace").exists()


def test_a_workspace_that_is_a_file_is_an_error_not_an_empty_list(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[workspace] path` naming a file (trial21: `releases` said "No releases yet in
    notes.txt/workspace.sqlite3", exit 0; `review list` "there is no workspace here yet")."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    config = tmp_path / "behaviordiff.toml"
    config.write_text('[workspace]\npath = "notes.txt"\n', encoding="utf-8")
    monkeypatch.delenv("BEHAVIORDIFF_WORKSPACE")
    for args in (("releases",), ("review", "list")):
        result = cli(*args, "--config", str(config))
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert "the workspace is a folder, and this is a file" in result.stderr, result.stderr
    assert notes.read_text(encoding="utf-8") == "mine\n"


def test_usage_errors_exit_2_with_the_usage(cli: CliRunner) -> None:
    for args in (("diff",), ("frobnicate",), ("diff", "a", "b", "--format", "xml")):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "Usage: behaviordiff" in result.stderr
        assert "Traceback" not in result.stderr


def test_json_errors_for_every_spelling_of_the_format_option(cli: CliRunner) -> None:
    for spelling in (["--format", "json"], ["--format=json"], ["-f", "json"]):
        result = cli("probes", "check", "missing.yaml", *spelling)
        assert result.exit_code == 2
        assert json.loads(result.stderr)["error"] == "ProbeError"


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    command = (
        f"{sys.executable} -m behaviordiff diff {EXAMPLE / 'agents' / 'support-v1'} "
        f"{EXAMPLE / 'agents' / 'support-v2'} | head -1"
    )
    completed = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True
    )
    assert "Traceback" not in completed.stderr
    assert completed.returncode == 0


def test_a_closed_pipe_keeps_a_failing_exit_code() -> None:
    """A gate that fails must fail under `set -o pipefail` too: the reader going away
    (`| head -1`) ends the output, not the command's exit code."""
    import subprocess
    import sys

    detect = FIXTURES / "detect" / "agents"
    for extra in ([], ["--format", "json"]):
        command = [
            sys.executable,
            "-m",
            "behaviordiff",
            "compare",
            str(detect / "old.jsonl"),
            str(detect / "new.jsonl"),
            "--fail-on-change",
            *extra,
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before the first line is written
        errors = process.stderr.read().decode()
        assert process.wait() == 1, errors
        assert "Traceback" not in errors and "exit 1 (--fail-on-change)" in errors
