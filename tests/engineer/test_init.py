"""`behaviordiff init`: a project made by init alone passes `probes check` and runs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import yaml

from tests.engineer.conftest import Invoke
from tests.engineer.project import command_project


def test_init_writes_a_project_that_checks_and_estimates(invoke: Invoke, tmp_path: Path) -> None:
    project = tmp_path / "shop"
    made = invoke("init", str(project))
    assert made.exit_code == 0, made.message
    for name in ("behaviordiff.toml", "agent/agent.yaml", "agent/system.md.j2"):
        assert (project / name).is_file(), name
    config = tomllib.loads((project / "behaviordiff.toml").read_text())
    assert config["agent"]["path"] == "agent"
    suite = yaml.safe_load((project / "probes" / "starter.yaml").read_text())
    assert len(suite["probes"]) == 3
    agent = yaml.safe_load((project / "agent" / "agent.yaml").read_text())
    assert agent["adapter"] == "openai"
    assert "# adapter: command" in (project / "agent" / "agent.yaml").read_text()
    assert "probes check --agent agent" in made.stdout

    checked = invoke("probes", "check", "--agent", "agent", cwd=project)
    assert checked.exit_code == 0, checked.message
    assert "Templates render for every probe" in checked.stdout

    dry = invoke("run", "agent", "agent", "--dry-run", "--format", "json", cwd=project)
    assert dry.exit_code == 0, dry.message
    data = json.loads(dry.stdout)
    assert data["dry_run"] and data["total_runs"] == 3 * 3 * 2
    assert data["estimate"]["requests"] > 0 and data["adapters"]["base"] == "openai"


def test_a_project_made_by_init_runs_with_a_command_agent(invoke: Invoke, tmp_path: Path) -> None:
    project = command_project(invoke, tmp_path / "shop")

    checked = invoke("probes", "check", "--agent", "agent", "--agent", "agent-v2", cwd=project)
    assert checked.exit_code == 0, checked.message

    ran = invoke("run", "agent", "agent-v2", "--samples", "5", "--format", "json", cwd=project)
    assert ran.exit_code == 0, ran.message
    data = json.loads(ran.stdout)
    assert data["complete"] and data["stored"] == {"ok": 30}
    assert data["adapters"] == {"base": "command", "head": "command"}
    verdicts = {probe["probe_id"]: probe["verdict"] for probe in data["analysis"]["probes"]}
    assert verdicts == {
        "opening-hours": "unchanged",
        "late-order": "unchanged",
        "wants-a-human": "behavior-changed",
    }
    assert data["drafts"]["notes"], "the change is drafted as a note"


def test_no_examples_and_agent_dir(invoke: Invoke, tmp_path: Path) -> None:
    own = tmp_path / "own"
    made = invoke("init", str(own), "--no-examples", "--agent-dir", "agents/support")
    assert made.exit_code == 0, made.message
    assert sorted(p.name for p in own.iterdir()) == ["behaviordiff.toml"]
    assert tomllib.loads((own / "behaviordiff.toml").read_text())["agent"]["path"] == (
        "agents/support"
    )

    elsewhere = tmp_path / "elsewhere"
    assert invoke("init", str(elsewhere), "--agent-dir", "bots/v1").exit_code == 0
    assert (elsewhere / "bots" / "v1" / "agent.yaml").is_file()
    checked = invoke("probes", "check", "--agent", "bots/v1", cwd=elsewhere)
    assert checked.exit_code == 0, checked.message

    outside = invoke("init", str(tmp_path / "x"), "--agent-dir", "../up")
    assert outside.exit_code == 2 and "not a folder inside the project" in outside.message


def test_init_overwrites_nothing_and_names_every_file_in_the_way(
    invoke: Invoke, tmp_path: Path
) -> None:
    project = tmp_path / "shop"
    (project / "agent").mkdir(parents=True)
    (project / "agent" / "agent.yaml").write_text("adapter: replay\n")
    (project / "behaviordiff.toml").write_text("# mine\n")
    refused = invoke("init", str(project))
    assert refused.exit_code == 2
    assert "2 file(s)" in refused.message
    assert "behaviordiff.toml" in refused.message and "agent/agent.yaml" in refused.message
    assert not (project / "probes").exists(), "nothing is written when anything is in the way"
    assert (project / "behaviordiff.toml").read_text() == "# mine\n"
    assert invoke("init", str(project), "--force").exit_code == 0
    assert "adapter: openai" in (project / "agent" / "agent.yaml").read_text()


def test_init_never_writes_through_a_link_out_of_the_folder(invoke: Invoke, tmp_path: Path) -> None:
    """A config file or a version folder that is a symbolic link out of the project: init (even
    --force) writes nothing and names the link (it overwrote the link's target)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("keep me\n")
    (outside / "vdir").mkdir()
    project = tmp_path / "shop"
    project.mkdir()
    (project / "behaviordiff.toml").symlink_to(outside / "victim.txt")
    (project / "agent").symlink_to(outside / "vdir")
    for extra in ((), ("--force",)):
        refused = invoke("init", str(project), *extra)
        assert refused.exit_code == 2
        assert "through a symbolic link" in refused.message
        assert "behaviordiff.toml" in refused.message and "agent/agent.yaml" in refused.message
    assert (outside / "victim.txt").read_text() == "keep me\n"
    assert list((outside / "vdir").iterdir()) == []
