"""The body editor has its own footer: the keys that work there (save and close, undo and
redo typing, select all), not the change view's review keys under it, which do nothing
while the editor is open."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

from behaviordiff.pipeline.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.modals import BodyEditor
from behaviordiff.tui.widgets.footer import ReviewFooter
from tests.tui.conftest import SIZE, AppFactory, open_first_change


async def test_the_body_editor_footer_shows_its_own_keys(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("3", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BodyEditor)
        footer = editor.query_one(ReviewFooter)  # on the editor's screen: the one in view
        assert footer.region.y == SIZE[1] - 1
        shown = {key.key: key.description for key in footer.query(FooterKey)}
        assert shown == {
            "escape": "Save and close",
            "ctrl+z": "Undo typing",
            "ctrl+y": "Redo typing",
            "f7": "Select all",
        }

        area = editor.query_one("#body-text", TextArea)
        area.move_cursor(area.document.end)
        before = area.text
        await pilot.press("space", "q", "question_mark")  # text here, not quit or help
        await pilot.pause()
        assert app.screen is editor and area.text == before + " q?"
        await pilot.press("ctrl+z")  # the key the footer shows does what it says
        await pilot.pause()
        assert area.text == before
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert area.text == before + " q?"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not editor


async def test_ctrl_c_in_the_editor_copies_a_selection_and_else_quits_with_the_text_saved(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("3", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BodyEditor)
        area = editor.query_one("#body-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("space", "Z", "Z")
        area.select_all()
        await pilot.press("ctrl+c")  # a selection: copied, the editor stays
        await pilot.pause()
        assert app.screen is editor and app.clipboard.endswith(" ZZ")
        area.move_cursor(area.document.end)
        await pilot.press("ctrl+c")  # nothing selected: quit, what was typed saved first
        await pilot.pause()
        assert app.return_code is not None or not app.is_running
    with Workspace(demo_workspace, create=False) as workspace:
        body = load_review(workspace, 1).resolve(["C1.1"])[0].record.content["new_body"]
    assert str(body).endswith(" ZZ")
