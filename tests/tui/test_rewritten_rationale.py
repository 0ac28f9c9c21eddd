"""Trial 9 T7: the Edits tab's "Why" under a body a writer rewrote says the reason is the
machine's, for its own draft, and who rewrote the body (it quotes a sentence the writer's body
no longer holds)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from behaviordiff.config import find_project
from behaviordiff.pipeline.review import apply_edit, load_review
from behaviordiff.store import Workspace
from behaviordiff.tui import make_app
from behaviordiff.tui.screens.change import ChangeScreen
from tests.tui.conftest import EXAMPLE, SIZE


async def test_why_under_a_rewritten_body_is_marked_as_the_machines(
    demo_workspace: Path,
) -> None:
    with Workspace(demo_workspace, create=False) as workspace:
        (first,) = load_review(workspace, 1).resolve(["C1.1"])
        machine_reason = str(first.record.content["rationale"])
        apply_edit(workspace, 1, first, {"new_body": "We refund your shipping."}, {}, actor="wren")
    app = make_app(demo_workspace, find_project(config=EXAMPLE / "behaviordiff.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == "C1"
        await pilot.press("3")
        await pilot.pause()
        shown = " ".join(str(change.query_one("#edit-diff", Static).render()).split())
        assert "Why: Rewritten by wren. The machine's reason for its own draft: " in shown
        assert " ".join(machine_reason.split())[:60] in shown
        await pilot.press("down")  # C1.2, as drafted: its reason as it is
        await pilot.pause()
        shown = " ".join(str(change.query_one("#edit-diff", Static).render()).split())
        assert "Why: " in shown and "Rewritten by" not in shown
