"""Back from a change, the queue reloads only the changes the writer saw; what it shows must
be what a full reload of every draft shows (statuses, counts, order)."""

from __future__ import annotations

from textual.widgets import Select, Static

from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.queue import QueueScreen, QueueTable
from tests.tui.conftest import SIZE, AppFactory


def _shown(screen: QueueScreen) -> tuple[str, list[list[str]]]:
    table = screen.query_one(QueueTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return str(screen.query_one("#queue-counts", Static).render()), rows


async def test_back_from_an_approval_shows_what_a_full_reload_shows(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        before = _shown(queue)
        await pilot.press("enter", "a")  # approve C1's note in the change view
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is queue
        incremental = _shown(queue)
        assert incremental != before
        assert incremental[1][0][:2] == ["C1", "approved"]
        queue.refresh_queue()
        assert _shown(queue) == incremental


async def test_a_new_severity_reorders_the_queue_as_a_full_reload_would(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        first = queue.query_one(QueueTable).get_row_at(0)
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == str(first[0])
        severity = change.query_one("#field-severity", Select)
        severity.value = "low" if severity.value != "low" else "high"
        await pilot.pause()
        change.flush()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is queue
        incremental = _shown(queue)
        assert any(row[0] == str(first[0]) and row[2] == severity.value for row in incremental[1])
        queue.refresh_queue()
        assert _shown(queue) == incremental


async def test_an_approved_note_whose_edits_wait_says_how_many_are_open(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        first = [str(cell) for cell in queue.query_one(QueueTable).get_row_at(0)]
        total = int(first[4])
        assert total >= 1 and "open" not in first[4]  # a draft note: its count alone
        await pilot.press("a")  # approve the first change's note from the queue
        await pilot.pause()
        row = [str(cell) for cell in queue.query_one(QueueTable).get_row_at(0)]
        assert row[1] == "approved" and row[4] == f"{total}, {total} open"
        queue.refresh_queue()
        assert [str(c) for c in queue.query_one(QueueTable).get_row_at(0)][4] == row[4]
