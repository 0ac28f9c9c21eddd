"""What `review approve` warns about (an edit of a change rejected as a whole, a macro edit
that narrows a macro every customer gets, two edits of one item) the app says where the
writer approves: whole, in the bar under the change's title, until the next action."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from behaviordiff.export.collect import narrowing_warnings
from behaviordiff.pipeline.review import load_review, reject
from behaviordiff.review import approval_warnings
from behaviordiff.store import Workspace
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _bar(app: object) -> Static:
    from behaviordiff.tui.app import ReviewApp

    assert isinstance(app, ReviewApp)
    return app.screen.query_one("#note-warnings", Static)


def _plain(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


async def test_accepting_an_edit_shows_the_clis_approval_warnings_whole(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    with Workspace(demo_workspace, create=False) as workspace:
        note = load_review(workspace, 1).resolve(["C1"])[0]
        reject(workspace, 1, note, "expected-noise")
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        change = await open_first_change(pilot, app)
        assert not _bar(app).display
        await pilot.press("3", "a")  # accepts the first suggested edit, C1.1
        await pilot.pause()
        accepted = app.item("C1.1")
        assert accepted.record.status == "approved"
        with Workspace(demo_workspace, create=False) as workspace:
            review = load_review(workspace, 1)
            expected = approval_warnings(review.items, {accepted.record.key})
            expected += narrowing_warnings(workspace, 1, [accepted])
        assert len(expected) == 2 and "rejected as a whole" in expected[0]
        bar = _bar(app)
        assert bar.display and _plain(bar) == "\n".join(f"⚠ {w}" for w in expected)
        # said whole at 80 columns: the bar is as tall as its wrapped text
        rendered = bar.render()
        assert isinstance(rendered, Content)
        assert bar.region.height == len(rendered.wrap(bar.content_region.width))
        said = [str(notice.message) for notice in app._notifications]
        assert said[-1] == "C1.1 accepted, with 2 warnings: see above the tabs."

        await pilot.press("u")  # the approval undone: its warnings go with it
        await pilot.pause()
        assert app.item("C1.1").record.status == "draft"
        assert not _bar(app).display
        assert change is app.screen


async def test_an_approval_without_warnings_leaves_the_bar_closed(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("a")  # the note: approving a change warns of nothing
        await pilot.pause()
        assert app.item("C1").record.status == "approved"
        assert not _bar(app).display
        assert [str(notice.message) for notice in app._notifications] == ["C1 approved."]
        await pilot.press("a")  # again: nothing to do, and said so
        await pilot.pause()
        assert [str(notice.message) for notice in app._notifications] == [
            "C1 is approved already; nothing to do."
        ]
