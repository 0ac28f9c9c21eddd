"""The review app on a read-only workspace (a CI artifact, a read-only mount; trial 9 T18):
it says so as it opens, and the keys and fields that would write are off, each saying why,
instead of taking a writer's typing it cannot save (the typed text stayed in the field after
an error box, and `q` quit without a word about it)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input

from behaviordiff.tui.screens.modals import ErrorModal
from behaviordiff.tui.screens.queue import QueueScreen
from tests.tui.conftest import SIZE, AppFactory, open_first_change, stored_record

READ_ONLY = "Read only:"


def _notices(app: object) -> list[str]:
    return [str(notice.message) for notice in app._notifications]  # type: ignore[attr-defined]


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workspace reads as one whose folder or file cannot be written (as root, file
    modes stop nothing): it is opened for reading only, as on a read-only mount."""
    monkeypatch.setattr("behaviordiff.store.workspace._writable", lambda *_: False)


def test_a_read_only_workspace_opens_read_only_and_its_keys_say_so(
    review_app: AppFactory, demo_workspace: Path, read_only: None
) -> None:
    before = stored_record(demo_workspace, "C1")

    async def run() -> None:
        app = review_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.read_only
            assert "read only" in app.sub_title
            assert any(notice.startswith(READ_ONLY) for notice in _notices(app))
            queue = app.screen
            assert isinstance(queue, QueueScreen)
            assert queue.check_action("approve", ()) is False  # off, and not in the footer
            await pilot.press("a")
            await pilot.pause()
            assert not isinstance(app.screen, ErrorModal), app.screen_stack
            assert _notices(app)[-1].startswith(READ_ONLY)

            change = await open_first_change(pilot, app)
            for action in ("approve", "reject", "engineering", "reset", "undo", "redraft"):
                assert change.check_action(action, ()) is False, action
            for key in ("a", "x", "n", "r", "D"):
                await pilot.press(key)
                await pilot.pause()
                assert app.screen is change, (key, app.screen_stack)
                assert _notices(app)[-1].startswith(READ_ONLY), key
            # a field takes no typing: it says why, and shows what is stored
            await pilot.press("tab")
            await pilot.pause()
            title = change.query_one("#field-title", Input)
            assert app.focused is title
            shown = title.value
            await pilot.press("z", "z", "backspace")
            await pilot.pause()
            assert title.value == shown
            assert _notices(app)[-1].startswith(READ_ONLY)
            await pilot.press("escape", "tab", "tab")  # into Before, a TextArea
            await pilot.pause()
            await pilot.press("w", "enter")
            await pilot.pause()
            assert not isinstance(app.screen, ErrorModal), app.screen_stack
            assert _notices(app)[-1].startswith(READ_ONLY)
            await pilot.press("escape", "escape")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code in (0, None)

    asyncio.run(run())
    after = stored_record(demo_workspace, "C1")
    assert (after.status, after.content) == (before.status, before.content)


def test_a_writable_workspace_opens_with_its_keys(review_app: AppFactory) -> None:
    async def run() -> None:
        app = review_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not app.read_only and "read only" not in app.sub_title
            change = await open_first_change(pilot, app)
            assert change.check_action("approve", ()) is True

    asyncio.run(run())
