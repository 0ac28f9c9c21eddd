"""How the app looks at 80×24, light and dark: the queue, a change's note, its evidence side
by side, and a suggested edit's word diff. Update with `pytest tests/tui --snapshot-update`
after a deliberate change, and look at the report before committing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.tui.conftest import SIZE, AppFactory

THEMES = ["textual-dark", "textual-light"]


async def _still(pilot: Pilot[Any]) -> None:
    """No blinking cursor in a picture, and the word diffs (a worker) done."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()


def _keys(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _still(pilot)

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_queue(snap_compare: Any, review_app: AppFactory, theme: str) -> None:
    assert snap_compare(review_app(theme), run_before=_keys(), terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_change_note(snap_compare: Any, review_app: AppFactory, theme: str) -> None:
    assert snap_compare(review_app(theme), run_before=_keys("enter"), terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_evidence_side_by_side(snap_compare: Any, review_app: AppFactory, theme: str) -> None:
    assert snap_compare(review_app(theme), run_before=_keys("enter", "2"), terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_edit_word_diff(snap_compare: Any, review_app: AppFactory, theme: str) -> None:
    keys = _keys("down", "enter", "3", "down")  # C2's macro: 30 → 45 days for members
    assert snap_compare(review_app(theme), run_before=keys, terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_help_fits(snap_compare: Any, review_app: AppFactory, theme: str) -> None:
    """Every line of the help, whole, at 80×24."""
    keys = _keys("enter", "question_mark")
    assert snap_compare(review_app(theme), run_before=keys, terminal_size=SIZE)
