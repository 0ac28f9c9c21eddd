"""A terminal closed (SIGHUP) or a kill (SIGTERM) while a writer types: what was typed in the
last half second, not yet saved (saves wait for a pause), is saved before the app ends, in a
note field and in a suggested edit's body (trial21: closing the window right after typing
lost it)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from behaviordiff.tui.screens.modals import BodyEditor
from tests.tui.conftest import SIZE, AppFactory, open_first_change, stored_record


def _swallow(signum: int, frame: object) -> None:
    pass


@pytest.fixture(autouse=True)
def _signals_kept() -> Iterator[None]:
    """Should the app not catch them, the signals sent here are swallowed (the test fails on
    what was lost instead of ending the test run), and the runner's own handlers come back."""
    previous = {number: signal.getsignal(number) for number in (signal.SIGHUP, signal.SIGTERM)}
    for number in previous:
        signal.signal(number, _swallow)
    yield
    for number, handler in previous.items():
        signal.signal(number, handler)


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
async def test_a_note_typed_just_before_the_terminal_closes_is_saved(
    review_app: AppFactory, demo_workspace: Path, name: str
) -> None:
    number = getattr(signal, name)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", Input)
        title.focus()
        await pilot.press("end", "exclamation_mark")
        assert stored_record(demo_workspace, "C1").edited_by is None  # still typing: not saved
        os.kill(os.getpid(), number)
        await pilot.pause()
        await pilot.pause()
    assert stored_record(demo_workspace, "C1").content["title"].endswith("!")
    assert app.return_code == 128 + number
    # the handler the process had before the app is back, not the default
    assert signal.getsignal(number) is _swallow


async def test_a_body_typed_just_before_the_terminal_closes_is_saved(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("3", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BodyEditor)
        area = editor.query_one("#body-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("space", "O", "K")
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause()
        await pilot.pause()
    assert str(stored_record(demo_workspace, "C1.1").content["new_body"]).endswith(" OK")
    assert app.return_code == 128 + signal.SIGHUP
