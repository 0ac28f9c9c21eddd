"""A command agent's stored runs depend on what that version's runs read: its own script and
the local modules it imports, not another version's script lying beside it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from behaviordiff.config import Project, ProjectConfig, RunSection
from behaviordiff.pipeline import load_pair
from behaviordiff.probes import load_suites
from behaviordiff.runner import RunOutcome, run_release
from behaviordiff.runner.adapters import CommandAdapter
from behaviordiff.runner.service import plan_jobs
from behaviordiff.store import Workspace
from behaviordiff.store.workspace import DB_FILENAME
from tests.runner.test_command import ECHO
from tests.runner_project import FAST, probe, write_probes, write_version

SCRIPT = "import helpers\n" + ECHO


def _project(root: Path) -> None:
    sim = root / "sim"
    sim.mkdir(parents=True)
    (sim / "helpers").mkdir()
    (sim / "helpers" / "__init__.py").write_text("from .tone import TONE\n")
    (sim / "helpers" / "tone.py").write_text("TONE = 'kind'\n")
    for name in ("v1", "v2"):
        (sim / f"agent_{name}.py").write_text(SCRIPT)
        extra = (
            "command:\n"
            f'  argv: ["{{python}}", "{{project_root}}/sim/agent_{name}.py", "{{project_root}}"]\n'
        )
        write_version(root / name, name, adapter="command", extra=extra)
    write_probes(root / "probes.jsonl", [probe("a", "hello"), probe("b", "where is A1?")])


def _run(root: Path) -> RunOutcome:
    project = Project(ProjectConfig(run=RunSection(samples=1)), root, None)
    pair = load_pair(project, str(root / "v1"), str(root / "v2"))
    suite = load_suites([root / "probes.jsonl"])
    with Workspace(root / "ws") as workspace:
        return run_release(project, pair, suite, workspace, FAST)


def _spawned(root: Path) -> int:
    return len((root / "spawns.txt").read_text().split())


def test_editing_one_versions_script_reruns_only_that_version(tmp_path: Path) -> None:
    _project(tmp_path)
    assert _run(tmp_path).counts == {"ok": 4} and _spawned(tmp_path) == 4

    (tmp_path / "sim" / "agent_v2.py").write_text(SCRIPT + "# a change\n")
    edited = _run(tmp_path)
    assert edited.reused == 2  # v1's runs
    assert _spawned(tmp_path) == 6

    # a module both import is what both read: both run again
    (tmp_path / "sim" / "helpers" / "tone.py").write_text("TONE = 'brisk'\n")
    shared = _run(tmp_path)
    assert shared.reused == 0 and _spawned(tmp_path) == 10

    # a file beside the scripts that neither imports changes nothing
    (tmp_path / "sim" / "notes.py").write_text("unused = True\n")
    assert _run(tmp_path).unchanged and _spawned(tmp_path) == 10


def test_the_sources_named_are_the_script_and_its_imports(tmp_path: Path) -> None:
    _project(tmp_path)
    project = Project(ProjectConfig(), tmp_path, None)
    pair = load_pair(project, str(tmp_path / "v1"), str(tmp_path / "v2"))
    adapter = CommandAdapter(pair.base, version_dir=tmp_path / "v1", project_root=tmp_path)
    assert sorted(key for key in adapter.sources if key.startswith("source:")) == [
        "source:sim/agent_v1.py",
        "source:sim/helpers/__init__.py",
        "source:sim/helpers/tone.py",
    ]
    assert len(adapter.previous_identities) == 2


def test_runs_stored_under_the_identity_of_every_file_beside_are_reused(tmp_path: Path) -> None:
    _project(tmp_path)
    recorded = _run(tmp_path)
    project = Project(ProjectConfig(), tmp_path, None)
    pair = load_pair(project, str(tmp_path / "v1"), str(tmp_path / "v2"))
    suite = load_suites([tmp_path / "probes.jsonl"])
    adapters = {
        side: CommandAdapter(
            getattr(pair, side), version_dir=tmp_path / name, project_root=tmp_path
        )
        for side, name in (("base", "v1"), ("head", "v2"))
    }
    # the workspace as the previous behaviordiff left it: keys of the every-.py-beside identity
    old_jobs = plan_jobs(suite, 1, {s: a.previous_identities[0] for s, a in adapters.items()})
    with sqlite3.connect(tmp_path / "ws" / DB_FILENAME) as db:
        for job in old_jobs:
            db.execute(
                "UPDATE runs SET run_key = ? WHERE side = ? AND probe_id = ? AND sample = ?",
                (job.run_key, job.side, job.probe.id, job.sample),
            )
        db.execute("UPDATE run_plans SET plan_key = 'made-by-an-earlier-version'")
    again = _run(tmp_path)
    assert again.release_id != recorded.release_id
    assert again.reused == 4 and _spawned(tmp_path) == 4


def test_a_script_inside_the_version_is_named_as_the_versions_file(tmp_path: Path) -> None:
    # as a git ref's version is materialized in a folder under the workspace: the script in
    # that folder is named by its place in the version, never by the workspace's copy
    _project(tmp_path)
    copy = tmp_path / "ws" / "versions" / "32808f11a8633812"
    copy.mkdir(parents=True)
    (copy / "agent.py").write_text(SCRIPT)
    extra = 'command:\n  argv: ["{python}", "agent.py"]\n'
    write_version(copy, "v1", adapter="command", extra=extra)
    project = Project(ProjectConfig(), tmp_path, None)
    pair = load_pair(project, str(copy), str(tmp_path / "v2"))
    adapter = CommandAdapter(pair.base, version_dir=copy, project_root=tmp_path)
    named = [key for key in adapter.sources if "agent.py" in key]
    assert named == ["file:agent.py"], named
