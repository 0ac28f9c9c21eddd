"""A workspace is a file that travels (the CI recipe uploads it; writers download it): a
value in it that behaviordiff did not write is a clear error (exit 2), not a traceback."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from behaviordiff.errors import WorkspaceError
from behaviordiff.store import Workspace
from tests.conftest import CliRunner, Demo

DEEP = "[" * 100_000 + "]" * 100_000

DAMAGE = {
    # (table, column, value, what the error says, where it says it is): each was exit 70
    # before, then named no table, column or row
    "draft not JSON": (
        "drafts",
        "content_json",
        "{nope",
        "not JSON (Expecting property name",
        "in drafts.content_json WHERE release_id = 1 AND kind = 'note' AND key = '",
    ),
    "draft nested": (
        "drafts",
        "content_json",
        DEEP,
        "nested too deeply to read",
        "in drafts.content_json WHERE release_id = 1",
    ),
    "draft a list": (
        "drafts",
        "content_json",
        "[1, 2]",
        "list where a dict is stored",
        "in drafts.content_json WHERE release_id = 1",
    ),
    "warnings a number": (
        "drafts",
        "warnings_json",
        "5",
        "int where a list is stored",
        "in drafts.warnings_json WHERE release_id = 1",
    ),
    "conditions of another shape": (
        "behavior_changes",
        "conditions_json",
        '{"title": 5}',
        "change C1 does not read back: AttributeError",
        "in behavior_changes WHERE release_id = 1 AND change_id = 'C1'",
    ),
    "noise not JSON": (
        "analyses",
        "noise_json",
        "{nope",
        "not JSON",
        "in analyses.noise_json WHERE release_id = 1",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_workspace_value_is_a_clear_error(cli: CliRunner, demo: Demo, case: str) -> None:
    table, column, value, said, where = DAMAGE[case]
    with sqlite3.connect(demo.workspace / "workspace.sqlite3") as db:
        db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    for command in (("gate", "--stage", "canary"), ("changelog", "--include-unreleased")):
        result = cli(*command, cwd=demo.folder)
        assert result.exit_code == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr
        stderr = " ".join(result.stderr.split())
        assert said in stderr, stderr
        assert where in stderr, stderr
        assert "the file was changed outside behaviordiff" in stderr


def test_a_damaged_draft_says_which_row_to_delete_and_drafting_again_mends_it(
    cli: CliRunner, demo: Demo
) -> None:
    """The fix the error gives for a damaged draft is one that works: delete that row and
    draft the release again."""
    database = demo.workspace / "workspace.sqlite3"
    with sqlite3.connect(database) as db:
        key = db.execute("SELECT key FROM drafts WHERE kind = 'edit' ORDER BY id").fetchone()[0]
        db.execute("UPDATE drafts SET content_json = '{nope' WHERE key = ?", (key,))
    broken = cli("gate", "--stage", "canary", cwd=demo.folder)
    assert broken.exit_code == 2, broken.stderr
    stderr = " ".join(broken.stderr.split())
    delete = f"DELETE FROM drafts WHERE release_id = 1 AND kind = 'edit' AND key = '{key}'"
    assert delete in stderr and "`behaviordiff draft --release 1`" in stderr, stderr

    with sqlite3.connect(database) as db:
        db.execute(delete)
    assert cli("draft", "--release", "1", cwd=demo.folder).exit_code == 0
    mended = cli("gate", "--stage", "canary", cwd=demo.folder)
    assert mended.exit_code in (0, 1), mended.stderr
    assert "damaged" not in mended.stderr


def test_a_damaged_cached_answer_names_its_row() -> None:
    from behaviordiff.errors import WorkspaceError
    from behaviordiff.store.rows import damaged, place

    error = damaged("not JSON", at=place("call_cache", "response_json", request_hash="ab12"))
    assert isinstance(error, WorkspaceError)
    assert "in call_cache.response_json WHERE request_hash = 'ab12'" in error.message
    assert "DELETE FROM call_cache WHERE request_hash = 'ab12'" in (error.hint or "")
    assert "asked again on the next run" in (error.hint or "")


def test_a_missing_table_or_column_is_named_when_the_workspace_opens(
    cli: CliRunner, demo: Demo
) -> None:
    with sqlite3.connect(demo.workspace / "workspace.sqlite3") as db:
        db.execute("DROP TABLE behavior_changes")
    result = cli("gate", "--stage", "canary", cwd=demo.folder)
    assert result.exit_code == 2, result.stderr
    stderr = " ".join(result.stderr.split())
    assert "the workspace has no table behavior_changes (schema " in stderr, stderr
    assert "Traceback" not in stderr and "no such table" not in stderr


def test_a_write_the_file_refuses_is_a_workspace_error_and_keeps_nothing(
    cli: CliRunner, demo: Demo
) -> None:
    """Read-only (a download), a full disk: before, `review approve` stopped with exit 70
    (OperationalError: attempt to write a readonly database)."""
    from behaviordiff.errors import WorkspaceError
    from behaviordiff.store import Workspace

    with Workspace(demo.workspace, create=False) as workspace:
        before = workspace.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        workspace.db.execute("PRAGMA query_only = ON")  # SQLite's answer for a read-only file
        with pytest.raises(WorkspaceError) as raised, workspace.transaction() as db:
            db.execute("DELETE FROM audit_log")
        assert "cannot write to the workspace (attempt to write a readonly database)" in (
            raised.value.message
        )
        assert "writable" in (raised.value.hint or "")
        assert workspace.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before


def test_a_place_quotes_its_key_as_sql_does() -> None:
    from behaviordiff.store.rows import place

    assert place("drafts", "content_json", release_id=2, key="macro:o'brien") == (
        "drafts.content_json WHERE release_id = 2 AND key = 'macro:o''brien'"
    )


@pytest.mark.parametrize(
    ("table", "column"), [("draft_runs", "summary_json"), ("draft_history", "state_json")]
)
def test_a_damaged_draft_log_row_is_named_by_its_id(
    cli: CliRunner, demo: Demo, table: str, column: str
) -> None:
    """The logs of draft runs and of undoable steps read back whole, and a value damaged in
    one names its table, column and row."""
    from behaviordiff.errors import WorkspaceError
    from behaviordiff.store import Workspace
    from behaviordiff.store.drafts import DraftStore

    approved = cli("review", "approve", "C2", cwd=demo.folder)  # one undoable step
    assert approved.exit_code == 0, approved.stderr
    with Workspace(demo.workspace, create=False) as workspace:
        store = DraftStore(workspace)
        runs, steps = store.runs(1), store.history(1)
        assert runs and all(isinstance(run.summary, dict) for run in runs)
        assert [step.action for step in steps] == ["approved"]
        assert steps == store.history(1, "note", steps[0].key)
        row_id = workspace.db.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
        workspace.db.execute(f"UPDATE {table} SET {column} = '{{nope' WHERE id = ?", (row_id,))
        with pytest.raises(WorkspaceError) as caught:
            store.runs(1) if table == "draft_runs" else store.history(1)
    assert f"in {table}.{column} WHERE id = {row_id}" in str(caught.value.where or caught.value)


def test_a_workspace_deleted_while_in_use_stops_the_next_write(tmp_path: Path) -> None:
    """SQLite goes on writing to a file whose folder was deleted: without the check, a run
    went on storing into nothing and reported every run ok while a new, empty workspace took
    its place. The next write says what happened instead."""
    folder = tmp_path / "ws"
    workspace = Workspace(folder)
    try:
        shutil.rmtree(folder)
        with pytest.raises(WorkspaceError) as caught, workspace.transaction():
            pass
        assert "the workspace was deleted while this command was using it" in str(caught.value)
        folder.mkdir()
        Workspace(folder).close()  # another workspace made at the path: a replaced file
        with pytest.raises(WorkspaceError) as caught, workspace.transaction():
            pass
        assert "replaced by another file" in str(caught.value)
    finally:
        workspace.close()


def test_the_run_lock_of_a_removed_workspace_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    workspace = Workspace(folder)
    try:
        shutil.rmtree(folder)
        with pytest.raises(WorkspaceError) as caught, workspace.exclusive("run"):
            pass
        assert "cannot take the workspace's run lock" in str(caught.value)
        assert caught.value.hint and "removed or is not writable" in caught.value.hint
    finally:
        workspace.close()
