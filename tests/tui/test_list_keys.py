"""`j` and `k` move in every list of the review app as ↓ and ↑ do (trial 12, T10): in a
change's Edits tab, `j` then `e` opened the editor on the first edit, not the one below."""

from __future__ import annotations

from textual.widgets import DataTable

from behaviordiff.tui.widgets.edits import EditsView
from tests.tui.conftest import SIZE, AppFactory, open_first_change


async def test_j_and_k_move_between_edits_and_probes(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        await pilot.press("3")
        await pilot.pause()
        edits = change.query_one("#edit-list", DataTable)
        assert edits.row_count >= 2
        assert app.focused is edits
        view = change.query_one(EditsView)
        first = view.selected()
        assert first is not None and edits.cursor_row == 0
        await pilot.press("j")
        await pilot.pause()
        second = view.selected()
        assert edits.cursor_row == 1 and second is not None and second.handle != first.handle
        await pilot.press("k")
        await pilot.pause()
        back = view.selected()
        assert edits.cursor_row == 0 and back is not None and back.handle == first.handle
        # as the arrows do
        await pilot.press("down")
        await pilot.pause()
        assert edits.cursor_row == 1
        await pilot.press("2")
        await pilot.pause()
        probes = change.query_one("#probes", DataTable)
        probes.focus()
        await pilot.pause()
        row = probes.cursor_row
        await pilot.press("j")
        await pilot.pause()
        assert probes.cursor_row == min(row + 1, probes.row_count - 1) and probes.row_count > 1
