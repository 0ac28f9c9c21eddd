"""Every broken input under fixtures/broken/ gives a one-paragraph error, exit 2, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, CliRunner, git_commit, make_git_repo

BROKEN = FIXTURES / "broken"
CASES: list[dict[str, Any]] = yaml.safe_load((BROKEN / "cases.yaml").read_text())


def _repo_with_agent(tmp_path: Path) -> Path:
    repo = make_git_repo(tmp_path / "repo")
    shutil.copytree(BROKEN / "agent_ok", repo / "agents" / "support")
    (repo / "behaviordiff.toml").write_text('[agent]\npath = "agents/support"\n')
    git_commit(repo, "v1", tag="v1")
    return repo


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_broken_input_gives_a_clear_error(
    case: dict[str, Any], cli: CliRunner, tmp_path: Path
) -> None:
    args = [str(arg) for arg in case["args"]]
    if any("{repo}" in arg for arg in args):
        repo = _repo_with_agent(tmp_path)
        args = [arg.replace("{repo}", str(repo)) for arg in args]
    result = cli(*args, cwd=BROKEN)

    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    message = " ".join(result.stderr.replace("│", " ").split())
    for fragment in case["expect"]:
        assert fragment in message, f"{fragment!r} not in: {message}"
    assert result.stdout == ""


def test_every_broken_fixture_has_a_case() -> None:
    used = {part.split("/")[0] for case in CASES for part in map(str, case["args"])}
    # kb/, detect/ and acks/ hold the broken inputs of their own stages, tested in their own
    # modules (acks/: tests/faults/test_publish_inputs.py).
    folders = {path.name for path in BROKEN.iterdir() if path.is_dir()} - {
        "agent_ok",
        "kb",
        "detect",
        "acks",
    }
    assert folders <= used


def test_error_as_json_for_scripts(cli: CliRunner) -> None:
    result = cli("probes", "check", "duplicate_id/probes.yaml", "--format", "json", cwd=BROKEN)
    assert result.exit_code == 2
    import json

    error = json.loads(result.stderr)
    assert error["error"] == "ProbeError"
    assert "duplicate probe id" in error["message"]
    assert error["where"].endswith("probes.yaml:11")
