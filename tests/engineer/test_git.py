"""The tour in a repository whose default branch is not `main`, and one ref against the
working tree."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.engineer.conftest import Invoke


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.email=t@example.com", "-c", "user.name=T", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, "-C", str(repo), *args], check=True, capture_output=True)


def _project_on_master(invoke: Invoke, root: Path) -> Path:
    root.mkdir()
    _git(root, "init", "-q", "-b", "master")
    assert invoke("init", str(root)).exit_code == 0
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "agent v1")
    return root


def test_a_missing_main_names_the_default_branch(invoke: Invoke, tmp_path: Path) -> None:
    project = _project_on_master(invoke, tmp_path / "repo")
    missing = invoke("run", "main", "HEAD", "--dry-run", cwd=project)
    assert missing.exit_code == 2
    message = " ".join(missing.message.split())
    assert "'main' is neither a folder nor a git ref" in message
    assert "default branch is 'master', not 'main'" in message
    assert "give `master` in its place, in the same command" in message
    # the hint names no other command: `diff` is not told to `run`
    for command in (["diff", "main", "HEAD"], ["probes", "check", "--agent", "main"]):
        other = invoke(*command, cwd=project)
        assert other.exit_code == 2, command
        said = " ".join(other.message.split())
        assert "default branch is 'master', not 'main'" in said and "behaviordiff run" not in said
    dry = invoke("run", "master", "HEAD", "--dry-run", "--format", "json", cwd=project)
    assert dry.exit_code == 0, dry.message
    assert json.loads(dry.stdout)["total_runs"] == 18


def test_one_ref_is_compared_with_the_working_tree(invoke: Invoke, tmp_path: Path) -> None:
    project = _project_on_master(invoke, tmp_path / "repo")
    prompt = project / "agent" / "system.md.j2"
    prompt.write_text(prompt.read_text().replace("briefly and politely", "warmly"))

    diff = invoke("diff", "HEAD", "--format", "json", cwd=project)
    assert diff.exit_code == 0, diff.message
    data = json.loads(diff.stdout)
    assert data["base"]["label"] == "HEAD:agent" and data["head"]["label"] == "agent"
    assert [hunk["kind"] for hunk in data["prompt"]] == ["sentence_changed"]
    assert "warmly" in data["prompt"][0]["new"]

    dry = invoke("run", "HEAD", "--dry-run", "--format", "json", cwd=project)
    assert dry.exit_code == 0, dry.message
    assert json.loads(dry.stdout)["total_runs"] == 18

    (project / "behaviordiff.toml").write_text("")  # no [agent] path: no working tree to use
    alone = invoke("diff", "HEAD:agent", cwd=project)
    assert alone.exit_code == 2
    assert "only one version given (HEAD:agent)" in alone.message
    assert "[agent] path" in alone.message
