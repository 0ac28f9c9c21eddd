"""The review app on a damaged workspace (the file travels: a CI artifact, a download): each
damage ends in the error modal naming what is wrong and what to do, never a traceback. One
the app cannot open at all quits when the modal closes (exit code 2, as the CLI's); one
change that does not read leaves the queue in place."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from behaviordiff.tui import ReviewApp
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import ErrorModal
from behaviordiff.tui.screens.queue import QueueScreen
from tests.tui.conftest import SIZE, AppFactory


def _database(folder: Path) -> Path:
    return folder / "workspace.sqlite3"


def _truncated(folder: Path) -> None:
    data = _database(folder).read_bytes()
    _database(folder).write_bytes(data[: len(data) // 3])


def _not_a_database(folder: Path) -> None:
    _database(folder).write_bytes(b"<html>a download that went wrong</html>\n" * 200)


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        with sqlite3.connect(_database(folder)) as db:
            db.execute(statement)

    return damage


CANNOT_OPEN = {
    # damage: what the modal says (each was a traceback, or a modal over a blank app that
    # stayed open, before)
    "truncated file": (_truncated, "cannot open the workspace (database disk image is malformed"),
    "not a database": (_not_a_database, "cannot open the workspace (file is not a database)"),
    "a draft that is not JSON": (
        _sql(
            "UPDATE drafts SET content_json = '{nope' "
            "WHERE id = (SELECT MIN(id) FROM drafts WHERE kind = 'edit')"
        ),
        "damaged value in drafts.content_json WHERE release_id = 1 AND kind = 'edit' AND key =",
    ),
    "a missing table": (
        _sql("DROP TABLE drafts"),
        "the workspace has no table drafts (schema ",
    ),
    "a missing column": (
        _sql("ALTER TABLE drafts DROP COLUMN warnings_json"),
        "the workspace has no column drafts.warnings_json",
    ),
}


@pytest.mark.parametrize("case", sorted(CANNOT_OPEN))
def test_a_workspace_the_app_cannot_open_is_a_modal_and_closing_it_quits(
    review_app: AppFactory, demo_workspace: Path, case: str
) -> None:
    damage, said = CANNOT_OPEN[case]
    damage(demo_workspace)

    async def run() -> ReviewApp:
        app = review_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, ErrorModal), app.screen_stack
            assert said in " ".join(modal.error.message.split()), modal.error.message
            assert modal.error.hint
            await pilot.press("enter")
            await pilot.pause()
        return app

    app = asyncio.run(run())
    assert app.return_code == 2


def test_a_change_that_does_not_read_shows_the_error_over_the_queue(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    _sql("UPDATE behavior_changes SET conditions_json = '{nope' WHERE change_id = 'C1'")(
        demo_workspace
    )

    async def run() -> None:
        app = review_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QueueScreen)
            await pilot.press("enter")  # C1, whose stored change is damaged
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, ErrorModal), app.screen_stack
            message = " ".join(modal.error.message.split())
            assert "behavior_changes.conditions_json WHERE release_id = 1 AND change_id = 'C1'" in (
                message
            )
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, QueueScreen)
            # the other change still opens
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ChangeScreen) and app.screen.handle == "C2"
            # and moving back onto the damaged one keeps the view on C2
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert isinstance(app.screen, ErrorModal)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ChangeScreen) and app.screen.handle == "C2"

    asyncio.run(run())


def test_a_read_only_workspace_refuses_a_review_action_with_a_modal(
    review_app: AppFactory,
) -> None:
    async def run() -> None:
        app = review_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # what SQLite answers for a file it may not write (root ignores file modes)
            app.workspace.db.execute("PRAGMA query_only = ON")
            await pilot.press("a")
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, ErrorModal), app.screen_stack
            assert "cannot write to the workspace (attempt to write a readonly database)" in (
                modal.error.message
            )
            assert "nothing of this change was saved" in modal.error.message
            assert "writable" in (modal.error.hint or "")

    asyncio.run(run())


def test_a_workspace_locked_by_another_process_is_said_busy_after_a_short_wait(
    review_app: AppFactory, demo_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("behaviordiff.tui.app.BUSY_WAIT", 0.2)
    other = sqlite3.connect(_database(demo_workspace), isolation_level=None)
    try:

        async def run() -> None:
            app = review_app()
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                other.execute("BEGIN EXCLUSIVE")
                await pilot.press("a")
                await pilot.pause()
                modal = app.screen
                assert isinstance(modal, ErrorModal), app.screen_stack
                assert "the workspace is busy (database is locked)" in modal.error.message
                other.execute("ROLLBACK")
                await pilot.press("escape")
                await pilot.pause()
                assert isinstance(app.screen, QueueScreen)

        asyncio.run(run())
    finally:
        other.close()
