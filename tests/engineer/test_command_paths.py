"""A command agent whose argv names a script or program that is not there fails the checks made
before spending (`probes check --agent`, `run --dry-run`) with the file, the key and the fix,
rather than passing them and failing every run later (trial 11, T12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.engineer.conftest import Invoke
from tests.engineer.project import command_project


def _typo(project: Path, old: str, new: str) -> None:
    for folder in ("agent", "agent-v2"):
        agent_yaml = project / folder / "agent.yaml"
        agent_yaml.write_text(agent_yaml.read_text().replace(old, new))


CHECKS = [
    pytest.param(("probes", "check", "--agent", "agent-v2"), id="probes-check"),
    pytest.param(("run", "agent", "agent-v2", "--dry-run"), id="run-dry-run"),
    pytest.param(("run", "agent", "agent-v2", "--dry-run", "--format", "json"), id="json"),
]


@pytest.mark.parametrize("args", CHECKS)
def test_a_misspelt_script_under_the_project_fails_the_early_checks(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...]
) -> None:
    project = command_project(invoke, tmp_path / "shop", script="{project_root}/sim/bike_agent.py")
    _typo(project, "sim/bike_agent.py", "sim/bikeagent.py")
    result = invoke(*args, cwd=project)
    assert result.exit_code == 2, (result.stdout, result.message)
    said = " ".join((result.message + result.stdout).split())
    if "--format" in args:
        error = json.loads(result.stdout or result.message)
        said = f"{error['where']}: {error['message']}. {error['hint']}"
    assert "agent.yaml → command.argv" in said
    assert "command.argv names sim/bikeagent.py" in said and "which does not exist" in said
    assert "files in sim/: bike_agent.py" in said
    assert "fix the path in command.argv" in said.lower()


def test_a_misspelt_script_in_the_version_folder_names_it(invoke: Invoke, tmp_path: Path) -> None:
    project = command_project(invoke, tmp_path / "shop")
    _typo(project, '"agent.py"', '"agnet.py"')
    result = invoke("probes", "check", "--agent", "agent", cwd=project)
    assert result.exit_code == 2, result.stdout
    said = " ".join(result.message.split())
    assert "command.argv names agnet.py" in said
    assert "files in the version folder: agent.py" in said
    assert "a relative path is read from the version folder" in said


def test_a_program_not_on_path_fails_the_dry_run(invoke: Invoke, tmp_path: Path) -> None:
    project = command_project(invoke, tmp_path / "shop")
    _typo(project, '"{python}"', '"pyhton-not-installed"')
    result = invoke("run", "agent", "agent-v2", "--dry-run", cwd=project)
    assert result.exit_code == 2, result.stdout
    said = " ".join(result.message.split())
    assert "'pyhton-not-installed', which is not a program on PATH" in said


def test_arguments_that_are_not_scripts_are_not_checked(invoke: Invoke, tmp_path: Path) -> None:
    """A module name, inline code, an option and a data file the agent may write are left to
    the command."""
    project = command_project(invoke, tmp_path / "shop")
    _typo(
        project,
        '"agent.py"',
        '"agent.py", "--log", "logs/run.log", "-c", "x.py", "https://x.test/a.py"',
    )
    result = invoke("run", "agent", "agent-v2", "--dry-run", cwd=project)
    assert result.exit_code == 0, result.message
