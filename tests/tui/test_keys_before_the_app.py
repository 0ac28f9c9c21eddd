"""Keys typed before the app took the terminal (while Python started) reach it as it builds
the queue screen, before any `focus()` call has run: they go to the queue, not to the hidden
filter (trial 11, T11: `enter` then `3` opened the change on its Note tab, and the `3` became
the queue's filter text).

The keys are posted as the queue screen mounts, as the driver posts keys it read at start:
no timing is involved."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.queue import QueueScreen
from tests.tui.conftest import SIZE, AppFactory


async def test_enter_then_3_typed_before_the_app_opens_the_edits_tab(
    review_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    mount = QueueScreen.on_mount

    def typed_first(screen: QueueScreen) -> None:
        # an enter typed in the terminal's line mode comes as ctrl+j
        for key, character in (("ctrl+j", "\n"), ("3", "3")):
            screen.app.post_message(events.Key(key, character).set_sender(screen.app))
        mount(screen)

    monkeypatch.setattr(QueueScreen, "on_mount", typed_first)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):  # the queue's read, then the keys
            await app.workers.wait_for_complete()
            await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        assert change.handle == "C1"
        assert change.active_tab() == "edits"
        queue = next(screen for screen in app.screen_stack if isinstance(screen, QueueScreen))
        assert queue.query_one("#filter", Input).value == ""
        assert queue.text_filter == ""
