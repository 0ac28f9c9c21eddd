"""trial14: rejecting from the queue said nothing (approving does); F7 selects all in a
one-line field as in a text area, and the help says so."""

from __future__ import annotations

from typing import Any

from behaviordiff.tui.screens.modals import HELP, RejectModal
from behaviordiff.tui.widgets.field_input import FieldInput
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _said(app: Any) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_rejecting_from_the_queue_says_so(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RejectModal)
        await pilot.press("down", "down", "enter")  # wrong draft
        await pilot.pause()
        assert any(text.startswith("C1 rejected (wrong-draft)") for text in _said(app))
        counts = str(app.screen.query_one("#queue-counts").render())
        assert "(2 of a rejected change: not exported)" in counts  # C1's two edits


async def test_f7_selects_all_of_a_one_line_field(review_app: AppFactory) -> None:
    assert "f7       select all" in HELP
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", FieldInput)
        title.focus()
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert title.selected_text == title.value and title.value


def test_the_rest_of_a_long_field_starts_at_the_word_it_cuts() -> None:
    from behaviordiff.tui.widgets.note_form import _rest

    assert _rest("alpha beta gamma", 7) == "…beta gamma"  # 6 cells shown: "alpha "
    assert _rest("alpha beta gamma", 9) == "…beta gamma"  # "alpha be" shown: beta again
    assert _rest("alpha beta", 6) == "…beta"  # cut at the space: no word repeated
