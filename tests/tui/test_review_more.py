"""The app with a second reviewer, a re-draft in a worker, and the CLI door to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static
from typer.testing import CliRunner

from behaviordiff.cli.app import app as cli_app
from behaviordiff.drafting.service import grounding_by_change
from behaviordiff.review import apply_edit, load_review
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import ConfirmModal, ConflictModal
from tests.tui.conftest import EXAMPLE, SIZE, AppFactory


def _other_reviewer_retitles(folder: Path, title: str) -> None:
    with Workspace(folder, create=False) as workspace:
        item = load_review(workspace, 1).resolve(["C1"])[0]
        groundings = grounding_by_change(workspace, 1)
        apply_edit(workspace, 1, item, {"title": title}, groundings, actor="bo")


async def test_a_second_reviewer_is_never_overwritten_silently(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
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


async def test_redrafting_runs_in_a_worker_and_keeps_the_writers_text(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        change.query_one("#field-title", Input).value = "Written by wren"
        await pilot.pause()
        change.flush()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not change.query_one("#busy", Static).display
        assert any("Re-drafted" in str(n.message) for n in app._notifications)
        assert change.query_one("#field-title", Input).value == "Written by wren"
    with Workspace(demo_workspace, create=False) as workspace:
        actions = [entry["action"] for entry in workspace.audit(1)]
    assert actions.count("drafts.generate") == 2


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
