"""A command agent's code edit is diffed, attributed and drafted as a code change: never split
into prompt sentences, never quoted in a note."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import CliRunner
from tests.engineer.conftest import Invocation
from tests.engineer.project import command_project


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.email=t@example.com", "-c", "user.name=T", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, "-C", str(repo), *args], check=True, capture_output=True)


def test_an_edit_to_agent_py_is_a_code_change(cli: CliRunner, tmp_path: Path) -> None:
    def invoke(*args: str, cwd: Path | None = None) -> Invocation:
        result = cli(*args, cwd=cwd)
        return Invocation(result.exit_code, result.stdout, result.stderr)

    project = command_project(invoke, tmp_path / "shop")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "agent v1")
    script = project / "agent" / "agent.py"
    condition = 'if "person" in asked and "escalate_to_human" in prompt:'
    narrower = 'if "person" in asked and "now" in asked and "escalate_to_human" in prompt:'
    assert condition in script.read_text()
    script.write_text(script.read_text().replace(condition, narrower))

    shown = cli("diff", "HEAD", cwd=project)
    assert shown.exit_code == 0, shown.stderr
    assert "sentence" not in shown.stdout and "(before the first heading)" not in shown.stdout
    assert "1 code/data change(s)" in shown.stdout
    assert f"- {condition}" in shown.stdout and f"+ {narrower}" in shown.stdout
    data = json.loads(cli("diff", "HEAD", "--format", "json", cwd=project).stdout)
    assert data["prompt"] == [] and data["config"] == []
    assert [(hunk["kind"], hunk["file"], hunk["key"]) for hunk in data["code"]] == [
        ("code_changed", "agent.py", "line 9")
    ]

    ran = cli("run", "HEAD", "--samples", "2", "--format", "json", cwd=project)
    assert ran.exit_code == 0, ran.stderr
    result = json.loads(ran.stdout)
    (change,) = result["analysis"]["changes"]
    assert "escalation" in change["facets"]
    cause = change["attribution"][0]
    assert cause["kind"] == "code_changed"
    assert cause["summary"] == "agent code changed in agent.py (line 9)"
    (note,) = result["drafts"]["notes"]
    written = json.dumps(note)
    # the title says what the agent no longer does in words; the tool is named in the body
    assert note["content"]["title"].startswith("No longer hands the conversation to a human")
    assert "escalate_to_human" in note["content"]["before"] + note["content"]["after"]
    assert "asked" not in written and "escalate_to_human in prompt" not in written
    assert '"person"' not in written and 'if \\"person\\"' not in written

    text = cli("run", "HEAD", "--samples", "2", cwd=project)
    assert "likely cause: H1 agent code changed in agent.py (line 9)" in text.stdout
    assert "sentence changed" not in text.stdout
