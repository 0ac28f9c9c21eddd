"""A workspace on a read-only mount or in a read-only folder (a CI artifact, a shared copy):
the commands that only read it work, and a write says nothing was saved (hostile trial 8:
every command said "cannot open the workspace (unable to open database file)").

The folder is made read-only for real. As root, whom file modes do not stop, it is bind-mounted
read-only in a user namespace of its own (`unshare -rm`); the test is skipped where that is not
allowed. As any other user its files and folders lose their write bits (`chmod`)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from behaviordiff.config import Project
from behaviordiff.store import Workspace
from tests.conftest import DraftedSnapshots
from tests.example_data import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
Release = tuple[Workspace, int, Project]


MOUNT_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
"""`sh -c` script: the folder $0 read-only, then the command."""


def _namespaces_allowed(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", MOUNT_READ_ONLY, str(folder), "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.fixture
def stored(tmp_path: Path, example_release: Release, drafted_snapshots: DraftedSnapshots) -> Path:
    """A project folder whose workspace (ws/) holds the example, drafted, in WAL mode and
    closed as a finished command leaves it (no -wal or -shm file beside it)."""
    workspace, _, _ = drafted_snapshots.restore(example_release)
    folder = tmp_path / "project"
    shutil.copytree(EXAMPLE, folder)
    (folder / "ws").mkdir()
    target = sqlite3.connect(folder / "ws" / "workspace.sqlite3")
    workspace.db.backup(target)
    assert target.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    target.close()
    assert sorted(path.name for path in (folder / "ws").iterdir()) == ["workspace.sqlite3"]
    return folder


@contextmanager
def read_only_view(folder: Path) -> Iterator[list[str]]:
    """The prefix that runs a command with `folder` read-only."""
    if os.geteuid() == 0:
        if not _namespaces_allowed(folder):
            pytest.skip("as root, only a read-only mount stops writes; unshare -rm is refused")
        yield ["unshare", "-rm", "sh", "-c", MOUNT_READ_ONLY, str(folder)]
        return
    modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
    for path, mode in modes.items():
        path.chmod(mode & ~0o222)
    try:
        yield []
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


@pytest.fixture
def read_only(stored: Path) -> Iterator[list[str]]:
    with read_only_view(stored) as prefix:
        yield prefix


def _cli(prefix: list[str], folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "BEHAVIORDIFF_WORKSPACE": str(folder / "ws"),
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [*prefix, sys.executable, "-m", "behaviordiff", *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_reading_commands_read_a_read_only_workspace_and_writes_save_nothing(
    stored: Path, read_only: list[str], tmp_path: Path
) -> None:
    before = sorted(path.name for path in (stored / "ws").iterdir())
    database = (stored / "ws" / "workspace.sqlite3").read_bytes()
    outputs = tmp_path / "out"
    outputs.mkdir()
    # the report's file goes outside the read-only folder
    report = _cli(read_only, stored, "report", "-o", str(outputs / "report.html"))
    assert report.returncode == 0, report.stderr
    assert (outputs / "report.html").stat().st_size > 0
    releases = _cli(read_only, stored, "releases")
    assert releases.returncode == 0, releases.stderr
    assert "#1  support-v1 → support-v2" in releases.stdout
    listing = _cli(read_only, stored, "review", "list")
    assert listing.returncode == 0, listing.stderr
    assert "draft" in listing.stdout
    gate = _cli(read_only, stored, "gate", "--stage", "full")
    assert gate.returncode == 1, gate.stderr  # drafts not reviewed: refused, as it should be
    assert "is not reviewed (status draft)" in gate.stdout + gate.stderr
    changelog = _cli(read_only, stored, "changelog", "--include-unreleased")
    assert changelog.returncode == 0, changelog.stderr
    assert "# Behavior changelog" in changelog.stdout

    approve = _cli(read_only, stored, "review", "approve", "--all")
    assert approve.returncode == 2
    assert (
        "cannot write to the workspace (its folder or its file is read-only); nothing of this "
        "change was saved" in approve.stderr
    )
    assert "Traceback" not in approve.stderr
    # nothing was written, and no -wal, -shm or journal file was needed
    assert sorted(path.name for path in (stored / "ws").iterdir()) == before
    assert (stored / "ws" / "workspace.sqlite3").read_bytes() == database


READ_RELEASES = """
import sys
from pathlib import Path
from behaviordiff.errors import WorkspaceError
from behaviordiff.store import Workspace
try:
    with Workspace(Path(sys.argv[1]), create=False) as workspace:
        print([release.name for release in workspace.releases()])
except WorkspaceError as error:
    print(error)
"""


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    """tmp_path/project/ws copied while a change was still only in its write-ahead log."""
    source = tmp_path / "source"
    with Workspace(source) as workspace:
        workspace.create_release(base_label="a", head_label="b")
    writer = sqlite3.connect(source / "workspace.sqlite3", isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE releases SET name = 'renamed in the log'")
    shutil.copytree(source, tmp_path / "project" / "ws")
    writer.close()
    assert (tmp_path / "project" / "ws" / "workspace.sqlite3-wal").stat().st_size > 0
    return tmp_path / "project"


@pytest.fixture
def read_only_logged(logged: Path) -> Iterator[list[str]]:
    with read_only_view(logged) as prefix:
        yield prefix


@pytest.mark.parametrize("shared_memory", [True, False])
def test_a_read_only_workspace_with_changes_in_its_log(
    logged: Path, read_only_logged: list[str], shared_memory: bool
) -> None:
    """With its -shm file the log is read; without, SQLite cannot read it and says so (the
    file alone, opened as immutable, would show the workspace without those changes)."""
    folder = logged / "ws"
    if not shared_memory:
        (folder / "workspace.sqlite3-shm").unlink()
    read = subprocess.run(
        [*read_only_logged, sys.executable, "-c", READ_RELEASES, str(folder)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert read.returncode == 0, read.stderr
    if shared_memory:
        assert read.stdout.strip() == "['renamed in the log']"
    else:
        assert "its write-ahead log (workspace.sqlite3-wal) holds changes" in read.stdout
        assert "Copy the workspace folder, with every file in it, somewhere writable" in (
            read.stdout
        )


def test_a_dry_run_and_an_export_elsewhere_work_on_a_read_only_workspace(
    stored: Path, tmp_path: Path
) -> None:
    """Trial 9 T18: `run --dry-run` only reads, and `export -o` writes its file elsewhere;
    only recording the export needs the workspace, and the export says it was not recorded."""
    approve = _cli([], stored, "review", "approve", "--all", "--despite-warnings")
    assert approve.returncode == 0, approve.stderr
    outputs = tmp_path / "out"
    outputs.mkdir()
    with read_only_view(stored) as prefix:
        database = (stored / "ws" / "workspace.sqlite3").read_bytes()
        dry = _cli(prefix, stored, "run", "agents/support-v1", "agents/support-v2", "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert "cannot open the workspace" not in dry.stdout + dry.stderr
        exported = _cli(prefix, stored, "export", "--to", "csv", "-o", str(outputs / "e.csv"))
        assert exported.returncode == 0, exported.stderr
        assert (outputs / "e.csv").read_text(encoding="utf-8-sig").startswith("handle,")
        assert "Recorded" not in exported.stdout
        assert "not recorded as exported: the workspace is read-only" in exported.stdout
        as_json = _cli(
            prefix, stored, "export", "--to", "zendesk", "-o", str(outputs / "z.json"),
            "--format", "json",
        )  # fmt: skip
        assert as_json.returncode == 0, as_json.stderr
        result = json.loads(as_json.stdout)
        assert result["recorded"] is False and result["delivered"] == []
        assert any("not recorded as exported" in note for note in result["notes"])
        assert (stored / "ws" / "workspace.sqlite3").read_bytes() == database
