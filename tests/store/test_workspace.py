"""The SQLite workspace: migrations, WAL, audit, one run at a time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from behaviordiff.store import Workspace
from behaviordiff.store.migrations import MIGRATIONS


def test_workspace_migrations_wal_and_audit(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws") as store:
        assert store.schema_version() == len(MIGRATIONS)
        release = store.create_release(base_label="a", head_label="b", diff={"x": 1})
        assert store.release_diff(release.id) == {"x": 1}
        assert [entry["action"] for entry in store.audit(release.id)] == ["release.create"]
        mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    with Workspace(tmp_path / "ws") as store:  # reopening applies nothing twice
        assert [r.name for r in store.releases()] == ["a → b"]
        count = store.db.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
        assert count == len(MIGRATIONS)


def test_workspace_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Workspace(tmp_path / "ws").close()
    db = sqlite3.connect(tmp_path / "ws" / "workspace.sqlite3")
    db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    db.commit()
    db.close()
    from behaviordiff.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="newer behaviordiff"):
        Workspace(tmp_path / "ws")


@pytest.mark.parametrize("create", [True, False])
def test_a_workspace_path_that_is_a_file_says_so(tmp_path: Path, create: bool) -> None:
    """It said "there is no workspace here yet" (reading) or "[Errno 17] File exists"
    (running) of `<file>/workspace.sqlite3` (trial21)."""
    from behaviordiff.errors import WorkspaceError

    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        Workspace(notes, create=create)
    assert caught.value.message == "the workspace is a folder, and this is a file"
    assert caught.value.where == str(notes)
    assert notes.read_text(encoding="utf-8") == "mine\n"


def test_one_run_at_a_time_per_workspace(tmp_path: Path) -> None:
    from behaviordiff.errors import WorkspaceError

    with Workspace(tmp_path / "ws") as first, Workspace(tmp_path / "ws") as second:
        with (
            first.exclusive("run"),
            pytest.raises(WorkspaceError, match="another behaviordiff run"),
            second.exclusive("run"),
        ):
            pass
        with second.exclusive("run"):  # free again once the first is done
            pass
