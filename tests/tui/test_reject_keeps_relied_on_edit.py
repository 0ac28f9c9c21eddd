"""trial11 T5 in the review app: rejecting a change whose edit another change relies on says
so where the writer rejects it, and the queue counts it as kept, not dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from behaviordiff.review import load_review
from behaviordiff.store import Workspace
from tests.publish.conftest import edit
from tests.tui.conftest import SIZE, AppFactory


def _said(app: Any) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_rejecting_a_change_names_the_change_relying_on_its_edit(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    with Workspace(demo_workspace, create=False) as workspace:
        [item, note] = load_review(workspace, 1).resolve(["C1.1", "C2"])
        noun = "macro" if item.label == "macro" else "FAQ article"
        shared = (
            f"Update {noun} “{item.title}”: it says “30 days”, which is no longer true "
            "(the suggested edit is attached to C1)."
        )
        edit(workspace, 1, "C2", {"cs_actions": [shared, *note.record.content["cs_actions"]]})
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")  # C1, first in the queue
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # wrong draft
        await pilot.pause()
        said = _said(app)
        [notice] = [text for text in said if text.startswith("C1 rejected (wrong-draft).")]
        assert "\nC2 relies on C1.1" in notice and "kept for C2" in notice
        counts = str(app.screen.query_one("#queue-counts").render())
        assert "(1 of a rejected change: not exported)" in counts  # C1.2
        assert "(1 of a rejected change kept for another relying on it)" in counts
