"""The app with a second reviewer, and the CLI door to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static
from typer.testing import CliRunner

from behaviordiff.cli.app import app as cli_app
from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import ConflictModal
from tests.tui.conftest import EXAMPLE, SIZE, AppFactory, open_first_change


def _other_reviewer_retitles(folder: Path, title: str) -> None:
    with Workspace(folder, create=False) as workspace:
        item = load_review(workspace, 1).resolve(["C1"])[0]
        groundings = writer_groundings(workspace, 1)
        apply_edit(workspace, 1, item, {"title": title}, groundings, actor="bo")


async def test_a_second_reviewer_is_never_overwritten_silently(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        _other_reviewer_retitles(demo_workspace, "Bo's title")
        field = change.query_one("#field-title", Input)
        field.focus()
        await pilot.press("end", "exclamation_mark")
        change.flush()
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConflictModal)
        assert modal.conflict.by == "bo" and modal.conflict.theirs["title"] == "Bo's title"
        assert modal.conflict.mine["title"].endswith("!")
        texts = " ".join(str(widget.render()) for widget in modal.query(Static))
        assert "Bo's title" in texts and "bo saved this draft" in texts
        await pilot.press("m")  # keep mine, knowingly
        await pilot.pause()
    with Workspace(demo_workspace, create=False) as workspace:
        note = load_review(workspace, 1).resolve(["C1"])[0].record
    assert note.content["title"].endswith("!") and note.edited_by == "wren"


def test_review_without_a_terminal_lists_the_drafts(demo_workspace: Path) -> None:
    result = CliRunner().invoke(
        cli_app,
        [
            "review",
            "--workspace",
            str(demo_workspace),
            "--config",
            str(EXAMPLE / "behaviordiff.toml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Release #1" in result.output and "C1.1" in result.output


def test_an_unknown_theme_is_refused(demo_workspace: Path) -> None:
    result: Any = CliRunner().invoke(
        cli_app, ["review", "--workspace", str(demo_workspace), "--theme", "pink"]
    )
    assert result.exit_code != 0
    assert "--theme 'pink' is not dark or light" in str(result.exception)


async def test_the_change_view_is_built_behind_the_queue_and_shown_fresh(
    review_app: AppFactory,
) -> None:
    from behaviordiff.tui.screens.queue import PREBUILD_AFTER

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(PREBUILD_AFTER)
        for _ in range(100):  # built in the background: wait for it (a busy machine is slow)
            await pilot.pause(0.05)
            if app.is_screen_installed("change") and app.get_screen("change").is_mounted:
                break
        prebuilt = app.get_screen("change")
        assert isinstance(prebuilt, ChangeScreen) and prebuilt.is_mounted
        assert app.screen is not prebuilt
        await pilot.press("down", "enter")  # C2, not the change it was built on
        await pilot.pause()
        assert app.screen is prebuilt and prebuilt.handle == "C2"
        title = str(prebuilt.query_one("#change-title", Static).render())
        assert title.startswith("C2 draft")
        assert "45 days" in prebuilt.query_one("#field-title", Input).value


async def test_the_evidence_shows_the_runs_at_once_and_highlights_them_after(
    review_app: AppFactory,
) -> None:
    from textual.content import Content

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen.query_one("#new-text", Static).render()
        assert isinstance(shown, Content) and "issue_refund" in shown.plain
        highlighted = [shown.plain[span.start : span.end] for span in shown.spans]
        assert any("issue_refund" in text for text in highlighted)
