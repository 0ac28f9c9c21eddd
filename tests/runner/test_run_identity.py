"""A command agent's run identity names no absolute path: a copied or moved project (with its
workspace) reuses its recorded runs, and runs recorded under the older, path-holding identity
are still reused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from behaviordiff.runner.adapters import CommandAdapter
from behaviordiff.runner.service import plan_jobs
from behaviordiff.store import Workspace
from behaviordiff.store.runs import RunStore
from behaviordiff.store.workspace import DB_FILENAME
from tests.runner.test_command import ECHO, command_extra
from tests.runner_project import make_project, probe, run

PROBES = [probe("a", "where is A1?"), probe("b", "hello")]


def _kwargs(probes: list[dict[str, Any]] = PROBES) -> dict[str, Any]:
    return {"adapter": "command", "extra": command_extra("echo.py"), "probes": probes}


def _spawns(root: Path) -> list[str]:
    return (root / "spawns.txt").read_text().split()


def test_a_copied_project_reuses_its_runs(tmp_path: Path) -> None:
    first = tmp_path / "here"
    first.mkdir()
    (first / "echo.py").write_text(ECHO)
    recorded = run(first, samples=2, **_kwargs())
    assert recorded.counts == {"ok": 8} and len(_spawns(first)) == 8

    moved = tmp_path / "elsewhere" / "project"
    shutil.copytree(first, moved)
    again = run(moved, samples=2, **_kwargs())
    assert again.unchanged and again.release_id == recorded.release_id
    assert again.counts == {"ok": 8}
    assert len(_spawns(moved)) == 8  # no process started in the copy

    # one probe more: a new release, the copied runs reused, only the new probe run
    grown = run(moved, samples=2, **_kwargs([*PROBES, probe("c", "and my refund?")]))
    assert grown.release_id != recorded.release_id and not grown.unchanged
    assert grown.reused == 8 and grown.counts == {"ok": 12}
    assert sorted(_spawns(moved)[8:]) == ["c"] * 4


def test_runs_recorded_under_the_path_holding_identity_are_reused(tmp_path: Path) -> None:
    (tmp_path / "echo.py").write_text(ECHO)
    recorded = run(tmp_path, samples=2, **_kwargs())
    assert recorded.release_id is not None
    _, pair, suite = make_project(tmp_path, samples=2, **_kwargs())
    adapters = {
        side: CommandAdapter(
            getattr(pair, side), version_dir=tmp_path / name, project_root=tmp_path
        )
        for side, name in (("base", "v1"), ("head", "v2"))
    }
    assert all(a.identity not in a.previous_identities for a in adapters.values())
    assert all(str(tmp_path) not in a.identity for a in adapters.values())
    # the workspace as an earlier behaviordiff left it: run and plan keys of the old identity
    old_jobs = plan_jobs(suite, 2, {s: a.previous_identities[-1] for s, a in adapters.items()})
    with sqlite3.connect(tmp_path / "ws" / DB_FILENAME) as db:
        for job in old_jobs:
            db.execute(
                "UPDATE runs SET run_key = ? WHERE side = ? AND probe_id = ? AND sample = ?",
                (job.run_key, job.side, job.probe.id, job.sample),
            )
        db.execute("UPDATE run_plans SET plan_key = 'made-by-an-earlier-version'")
    new_jobs = plan_jobs(suite, 2, {s: a.identity for s, a in adapters.items()})
    with Workspace(tmp_path / "ws") as workspace:
        assert RunStore(workspace).reusable(j.run_key or "" for j in new_jobs) == {}

    again = run(tmp_path, samples=2, **_kwargs())
    assert again.release_id != recorded.release_id
    assert again.reused == 8 and again.counts == {"ok": 8}
    assert len(_spawns(tmp_path)) == 8
    with Workspace(tmp_path / "ws") as workspace:  # stored again under the new identity
        assert len(RunStore(workspace).reusable(j.run_key or "" for j in new_jobs)) == 8
