"""The review app says it is loading before the queue is read, and keys typed meanwhile wait
for the queue instead of acting on an empty table (a new user's trial, T6: a blank screen for
seconds on a busy machine, and an `enter` pressed before the queue showed was lost).

The load (a worker thread) is held back here (`QueueScreen.load` patched) to press keys
while it waits: no timing is involved."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.queue import QueueScreen
from tests.tui.conftest import SIZE, AppFactory


def _shown(screen: QueueScreen, widget: str) -> str:
    return str(screen.query_one(widget, Static).render())


async def _load(pilot, screen: QueueScreen, load) -> None:  # type: ignore[no-untyped-def]
    """Let the queue load (its worker thread), then the kept keys play, one by one."""
    load(screen)
    for _ in range(2):  # the read, then the keys
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`QueueScreen.load` held until the test calls the function returned."""
    real = QueueScreen.load
    monkeypatch.setattr(QueueScreen, "load", lambda self: None)
    return real


async def test_the_queue_says_it_is_loading_and_keeps_the_keys(
    review_app: AppFactory, held
) -> None:  # type: ignore[no-untyped-def]
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QueueScreen) and screen.queue_loading
        assert "Loading release #1" in _shown(screen, "#queue-counts")
        assert screen.query_one(DataTable).row_count == 0

        await pilot.press("down", "enter")
        assert isinstance(app.screen, QueueScreen)  # nothing opened on an empty table
        said = _shown(screen, "#queue-counts")
        assert "2 keys kept for the queue: down enter" in said

        await _load(pilot, screen, held)
        change = app.screen
        assert isinstance(change, ChangeScreen)
        assert change.handle == "C2"  # ↓ then enter, as typed


async def test_typed_filter_text_reaches_the_filter(review_app: AppFactory, held) -> None:  # type: ignore[no-untyped-def]
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await pilot.press("slash", "r", "e", "t")
        await _load(pilot, screen, held)
        assert screen.query_one("#filter", Input).value == "ret"
        assert [entry.handle for entry in screen.shown()] == ["C2"]


async def test_quit_is_not_kept_waiting(review_app: AppFactory, held) -> None:  # type: ignore[no-untyped-def]
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert not app.is_running
