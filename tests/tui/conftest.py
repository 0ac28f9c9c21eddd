"""The demo release, built once per session (the example's recorded runs, their analysis and
template drafts), copied into each test's tmp_path; and the review app on it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from behaviordiff.config import Project, find_project
from behaviordiff.pipeline.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.tui import ReviewApp, make_app
from behaviordiff.tui.screens.change import ChangeScreen
from tests.example_data import EXAMPLE, FIXTURES, example_analysis

__all__ = ["EXAMPLE", "FIXTURES", "SIZE", "AppFactory", "open_first_change"]

SIZE = (80, 24)
"""The pinned terminal size: the smallest the app is made for."""


@pytest.fixture(scope="session")
def demo_release_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace folder holding the demo's release #1: both versions' runs (3 samples per
    probe), the analysis, and the template drafts (C1 refund, C2 return window, 2 edits each)."""
    from behaviordiff.drafting import draft_release
    from behaviordiff.store import Workspace
    from behaviordiff.store.runs import RunRecord, RunWriter
    from behaviordiff.transcripts import iter_replay

    folder = tmp_path_factory.mktemp("demo") / "workspace"
    analysis, diff = example_analysis()
    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    with Workspace(folder) as workspace:
        release = workspace.create_release(
            base_label="support-v1", head_label="support-v2", diff=diff.to_dict()
        )
        writer = RunWriter(workspace, release.id)
        for side, name in (("base", "v1.s3.jsonl"), ("head", "v2.s3.jsonl")):
            for transcript in iter_replay(FIXTURES / "detect" / "example" / name):
                writer.add(RunRecord(side, transcript.probe_id, transcript.sample, transcript))
        writer.flush()
        workspace.save_analysis(release.id, analysis)
        draft_release(workspace, release.id, project, effective="2026-12-01")
        workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder


@pytest.fixture
def demo_workspace(demo_release_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "review-workspace"
    shutil.copytree(demo_release_template, folder)
    return folder


@pytest.fixture
def project() -> Project:
    return find_project(config=EXAMPLE / "behaviordiff.toml")


@pytest.fixture(autouse=True)
def _writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEHAVIORDIFF_ACTOR", "wren")


AppFactory = Callable[..., ReviewApp]


async def open_first_change(pilot: Pilot[None], app: ReviewApp) -> ChangeScreen:
    """From the queue as the app opens: enter on the first change, and its screen."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    change = app.screen
    assert isinstance(change, ChangeScreen)
    return change


def stored_record(folder: Path, handle: str) -> Any:
    """A change's or edit's review record as the workspace at `folder` holds it now."""
    with Workspace(folder, create=False) as workspace:
        return load_review(workspace, 1).resolve([handle])[0].record


@pytest.fixture
def review_app(demo_workspace: Path, project: Project) -> AppFactory:
    def build(theme: str = "textual-dark", release_id: int | None = None) -> ReviewApp:
        return make_app(demo_workspace, project, release_id=release_id, theme=theme)

    return build
