"""Enter in the reject dialog confirms as soon as the form is complete: a reason that needs no
why rejects at once; only a reason that needs one (Other) moves to the why field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from behaviordiff.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import RejectModal
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _stored(folder: Path, handle: str):  # type: ignore[no-untyped-def]
    with Workspace(folder, create=False) as workspace:
        return load_review(workspace, 1).resolve([handle])[0].record


async def test_enter_on_a_reason_that_needs_no_why_rejects(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RejectModal)
        await pilot.press("down", "down", "enter")  # wrong draft
        await pilot.pause()
        assert isinstance(app.screen, ChangeScreen)
    rejected = _stored(demo_workspace, "C1")
    assert rejected.status == "rejected" and rejected.reason == "wrong-draft"
    assert rejected.comment is None


async def test_enter_on_other_asks_why_before_it_rejects(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RejectModal)
        await pilot.press("end", "enter")  # other: the why field, not a rejection
        await pilot.pause()
        why = modal.query_one("#reject-text", Input)
        assert app.screen is modal and why.has_focus
        await pilot.press("enter")  # still empty: stays open
        await pilot.pause()
        assert app.screen is modal and _stored(demo_workspace, "C1").status == "draft"
        for key in "dup":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangeScreen)
    rejected = _stored(demo_workspace, "C1")
    assert rejected.status == "rejected" and rejected.reason == "other"
    assert rejected.comment == "dup"


def _keys_line(modal: RejectModal) -> str:
    from textual.content import Content
    from textual.widgets import Static

    rendered = modal.query_one("#reject-keys", Static).render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


async def test_the_keys_line_follows_the_focus_into_the_why_field(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    """Sent to the why field by Other, the line no longer says "tab: add why" (a writer who
    pressed tab as it said left the field and typed the why into the reasons list)."""
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RejectModal)
        assert "tab: add why" in _keys_line(modal)
        await pilot.press("end", "enter")  # other: the why field
        await pilot.pause()
        assert modal.query_one("#reject-text", Input).has_focus
        line = _keys_line(modal)
        assert "tab: add why" not in line and "tab: back to the reasons" in line
        await pilot.press("tab")
        await pilot.pause()
        assert "tab: add why" in _keys_line(modal)
