"""`u` in the app after a re-draft that changed the set of a change's edits: from the Edits
tab, with the added edit selected, the change comes back as the exact set it was."""

from __future__ import annotations

from pathlib import Path

from behaviordiff.pipeline.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftRow, DraftStore
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.widgets.edits import EditsView
from tests.tui.conftest import SIZE, AppFactory


def _keys(folder: Path) -> list[str]:
    with Workspace(folder, create=False) as workspace:
        return [item.record.key for item in load_review(workspace, 1).items]


def _redraft_c1_with_another_set(folder: Path) -> str:
    """C1 re-drafted: its first edit no longer produced, a new one added."""
    with Workspace(folder, create=False) as workspace:
        note, first = load_review(workspace, 1).resolve(["C1", "C1.1"])
        record = note.record
        added = f"{record.key}:macro:999999"
        rows = [
            DraftRow("note", record.key, record.change_id, None, "template", record.generated),
            DraftRow(
                "edit",
                added,
                record.change_id,
                "macro:999999",
                "template",
                {**first.record.generated, "item_key": "macro:999999", "item_title": "New"},
            ),
        ]
        counts = DraftStore(workspace).redraft(1, record.key, rows, actor="wren")
        assert counts["added"] == 1 and counts["removed"] + counts["stale"] >= 1
        return added


async def test_u_on_an_added_edit_undoes_the_whole_redraft(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    before = _keys(demo_workspace)
    added = _redraft_c1_with_another_set(demo_workspace)
    assert added in _keys(demo_workspace)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "3")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        view = change.query_one(EditsView)
        titles = [item.record.key for item in view.items]
        assert added in titles
        while (selected := view.selected()) is not None and selected.record.key != added:
            await pilot.press("down")
        await pilot.press("u")
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert "C1 undid: the re-draft; the note is back to draft." in said
        assert [item.record.key for item in change.query_one(EditsView).items] == [
            key for key in before if key.startswith(change.note.record.key + ":")
        ]
    assert _keys(demo_workspace) == before
