"""A long title at 80 columns: the queue gives it the room the other columns do not need and
ends it in an ellipsis, the preview and the note pane show it whole."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.queue import QueueScreen, QueueTable
from tests.tui.conftest import SIZE, AppFactory

LONG = (
    "Shipping refund instead of a handoff to a human for orders over $50 delayed more than "
    "48 hours [bold]not markup[/bold]"
)


def _retitle(folder: Path, title: str) -> None:
    with Workspace(folder, create=False) as workspace:
        item = load_review(workspace, 1).resolve(["C1"])[0]
        apply_edit(workspace, 1, item, {"title": title}, writer_groundings(workspace, 1))


def _plain(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


async def test_a_long_title_ends_in_an_ellipsis_and_is_whole_below(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    _retitle(demo_workspace, LONG)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        table = queue.query_one(QueueTable)
        widths = [column.width for column in table.columns.values()]
        # ID, status, severity, probes and edits as wide as their labels or values
        assert widths[:5] == [2, 7, 4, 6, 5]  # "wording" is the widest status here
        assert widths[5] == queue.title_width >= 40  # 31 before
        cell = table.get_cell("C1", "title")
        assert isinstance(cell, Content)
        assert cell.plain.endswith("…") and cell.cell_length == queue.title_width
        assert cell.plain.startswith("Shipping refund instead of a handoff to")
        short = table.get_cell("C2", "title")
        assert isinstance(short, Content) and not short.plain.endswith("…")
        preview = _plain(queue.query_one("#queue-preview", Static))
        assert preview.startswith(LONG + "\nC1 · facets:")  # whole, as text (no markup)

        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        whole = change.query_one("#title-whole", Static)
        # the rest of it, not the field's first line again (trial14)
        rest = _plain(whole)
        assert whole.display and rest.startswith("…") and LONG.endswith(rest[1:])
        assert not LONG.startswith(rest[1:11])
        await pilot.press("right_square_bracket")  # C2's title fits its field
        await pilot.pause()
        assert not change.query_one("#title-whole", Static).display
