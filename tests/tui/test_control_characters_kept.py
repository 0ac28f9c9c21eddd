"""A bell, a form feed or a backspace in data shows as `\\x07` in every view of the app, as
every other control does: never dropped without a trace (Textual's `Content` drops them)."""

from __future__ import annotations

from pathlib import Path

from behaviordiff.pipeline.review import apply_edit, load_review, reject, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui import ReviewApp
from tests.tui.conftest import AppFactory, open_first_change

QUIET = "ring\x07 feed\x0c back\x08"
SHOWN = "ring\\x07 feed\\x0c back\\x08"


def _plant(folder: Path) -> None:
    with Workspace(folder, create=False) as workspace:
        review = load_review(workspace, 1)
        groundings = writer_groundings(workspace, 1)
        apply_edit(workspace, 1, review.resolve(["C1"])[0], {"title": f"T {QUIET}"}, groundings)
        reject(workspace, 1, review.resolve(["C2"])[0], "other", f"why {QUIET}")


def _cells(app: ReviewApp) -> str:
    update = app.screen._compositor.render_full_update()
    return "".join(segment.text for line in update.strips for strip in line for segment in strip)


async def test_a_bell_shows_in_the_title_bar_and_the_queue_preview(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    _plant(demo_workspace)
    app = review_app()
    async with app.run_test(size=(160, 40)) as pilot:  # wide: the comment and title whole
        await pilot.pause()
        await pilot.press("down")  # C2: its rejection comment in the preview
        await pilot.pause()
        assert f"why {SHOWN}" in _cells(app)
        await pilot.press("up")
        change = await open_first_change(pilot, app)
        title = change.query_one("#change-title").render()
        assert f"T {SHOWN}" in str(title)
