"""A conflict put off (esc) drops nothing: the writer's text stays, unsaved, and the next save
shows both texts again; only "take theirs" (t) replaces it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import BodyEditor, ConflictModal
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _other_reviewer_saves(folder: Path, handle: str, values: dict[str, str]) -> None:
    with Workspace(folder, create=False) as workspace:
        item = load_review(workspace, 1).resolve([handle])[0]
        apply_edit(workspace, 1, item, values, writer_groundings(workspace, 1), actor="bo")


def _stored(folder: Path, handle: str) -> dict[str, object]:
    with Workspace(folder, create=False) as workspace:
        return dict(load_review(workspace, 1).resolve([handle])[0].record.content)


async def test_esc_on_a_conflict_keeps_the_writers_title_and_asks_again(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        _other_reviewer_saves(demo_workspace, "C1", {"when": "Bo's condition"})
        field = change.query_one("#field-title", Input)
        field.focus()
        await pilot.press("end", "space", "W", "R", "E", "N")
        await pilot.press("escape")  # out of the field: saving it meets Bo's save
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("escape")  # decide later
        await pilot.pause()
        assert app.screen is change
        assert change.query_one("#field-title", Input).value.endswith(" WREN")
        assert _stored(demo_workspace, "C1")["when"] == "Bo's condition"  # nothing of Bo's lost
        await pilot.press("escape")  # back to the queue: the unsaved text asks again
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("m")
        await pilot.pause()
    assert str(_stored(demo_workspace, "C1")["title"]).endswith(" WREN")


async def test_esc_on_a_conflict_while_closing_the_editor_keeps_it_open_on_the_writers_body(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("3", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BodyEditor)
        body = str(_stored(demo_workspace, "C1.1")["new_body"])
        _other_reviewer_saves(demo_workspace, "C1.1", {"new_body": body + " (Bo)"})
        area = editor.query_one("#body-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("space", "O", "K")
        await pilot.press("escape")  # close: the save meets Bo's
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("escape")  # decide later: the writer's body is still there
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BodyEditor)
        assert screen.query_one("#body-text", TextArea).text.endswith(" OK")
        assert str(_stored(demo_workspace, "C1.1")["new_body"]).endswith("(Bo)")
        await pilot.press("escape")  # closing again asks again
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("t")  # take theirs, knowingly
        await pilot.pause()
        assert isinstance(app.screen, (ChangeScreen, BodyEditor))
    assert str(_stored(demo_workspace, "C1.1")["new_body"]).endswith("(Bo)")


async def test_f1_opens_and_closes_the_help_like_question_mark(review_app: AppFactory) -> None:
    from behaviordiff.tui.screens.modals import HelpScreen

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)  # a change, its form built
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is change
