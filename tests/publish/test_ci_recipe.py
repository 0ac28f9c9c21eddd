"""The GitHub Actions recipe in examples/ is a valid workflow whose behaviordiff commands
parse with this version's CLI, in the order the README promises."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from behaviordiff.cli.app import app

WORKFLOW = Path(__file__).resolve().parents[2] / "examples" / "github-actions" / "behaviordiff.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _commands(job: dict[str, Any]) -> list[list[str]]:
    """Each `behaviordiff ...` line of a job's run steps, as arguments after the program."""
    found = []
    for step in job["steps"]:
        for line in str(step.get("run", "")).splitlines():
            line = re.sub(r"\$\{\{[^}]*\}\}", "X", line.split(" #")[0]).strip()
            if line.startswith("behaviordiff "):
                found.append(shlex.split(line)[1:])
    return found


def _parse(args: list[str]) -> Any:
    """Parse a command line as `behaviordiff` would, without running it: the command's
    context (an unknown command or option raises the CLI's usage error)."""
    command: Any = typer.main.get_command(app)
    name, rest = "behaviordiff", list(args)
    while rest and rest[0] in getattr(command, "commands", {}):
        name, command, rest = rest[0], command.commands[rest[0]], rest[1:]
    assert name != "behaviordiff", f"behaviordiff has no command {args[0]!r}"
    return command.make_context(name, rest, resilient_parsing=False)


def test_the_workflow_runs_on_pull_requests_with_pinned_actions() -> None:
    data = _workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    assert set(data["jobs"]) == {"behavior-diff", "gate-canary", "rollout-canary"}
    for job in data["jobs"].values():
        assert job["runs-on"] and job["steps"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w/-]+@v\d+", step["uses"]), step["uses"]


def test_the_workflow_runs_reports_summarises_and_gates_canary_before_rollout() -> None:
    jobs = _workflow()["jobs"]
    first = _commands(jobs["behavior-diff"])
    assert first[0][:3] == ["run", "origin/main", "HEAD"]
    assert first[1][:3] == ["report", "-o", "behaviordiff-report.html"]
    assert ["gate", "--stage", "shadow", "--github"] in first
    upload = next(
        s for s in jobs["behavior-diff"]["steps"] if "upload-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "behaviordiff-report.html"
    assert _commands(jobs["gate-canary"]) == [
        ["gate", "--stage", "canary", "--github", "--reviews", "behaviordiff-reviews.json"],
        ["gate", "--stage", "canary", "--github"],
    ]
    checkout = jobs["gate-canary"]["steps"][0]["uses"]  # the committed review file
    assert checkout.startswith("actions/checkout@")
    workspace = [
        s for s in jobs["behavior-diff"]["steps"] if "upload-artifact" in s.get("uses", "")
    ]
    assert workspace[-1]["with"]["path"] == ".behaviordiff"  # for writers to review locally
    assert jobs["gate-canary"]["needs"] == "behavior-diff"
    assert jobs["rollout-canary"]["needs"] == "gate-canary"


def test_every_behaviordiff_command_in_the_workflow_parses() -> None:
    commands = [args for job in _workflow()["jobs"].values() for args in _commands(job)]
    assert len(commands) == 5
    for args in commands:
        context = _parse(args)
        assert context.command.name == args[0]
    parsed = _parse(["gate", "--stage", "canary", "--github"])
    assert parsed.params["github"] is True and parsed.params["stage"].value == "canary"


def test_a_wrong_command_would_not_parse() -> None:
    """The check above can fail: an option this CLI lacks is refused."""
    with pytest.raises(Exception, match="No such option") as raised:
        _parse(["gate", "--stage", "canary", "--no-such-option"])
    assert "--no-such-option" in raised.value.format_message()  # type: ignore[attr-defined]


def test_the_recipe_never_installs_the_pypi_project_of_the_same_name() -> None:
    """ "behaviordiff" on PyPI is an unrelated project: the recipe installs from the source the
    team names (a repository variable), pinned, and stops with an error when it is unset."""
    for job in _workflow()["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                assert not re.fullmatch(r"\s*pip install\s+behaviordiff\s*", line), line
    installs = [
        step
        for job in _workflow()["jobs"].values()
        for step in job["steps"]
        if "pip install" in str(step.get("run", ""))
    ]
    assert installs
    for step in installs:
        assert step["env"]["BEHAVIORDIFF_SOURCE"] == "${{ vars.BEHAVIORDIFF_SOURCE }}"
        assert 'pip install "behaviordiff @ $BEHAVIORDIFF_SOURCE"' in step["run"]
        assert "exit 1" in step["run"] and "unrelated project from PyPI" in step["run"]
