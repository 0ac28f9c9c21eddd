"""Saved as the writer types: a note field after a short quiet spell and on leaving the
field, a suggested edit's body in its editor likewise; undo takes the typing back as one
step, and a second reviewer's save in between is a conflict, never overwritten."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.modals import HELP, HELP_WIDTH, SAVE_DELAY, BodyEditor, ConflictModal
from tests.tui.conftest import SIZE, AppFactory, open_first_change, stored_record


async def test_a_note_field_is_saved_after_a_pause_and_on_leaving_it(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", Input)
        title.focus()
        await pilot.press("end", "exclamation_mark")
        assert stored_record(demo_workspace, "C1").edited_by is None  # not yet: still typing
        await pilot.pause(SAVE_DELAY + 0.4)
        assert app.focused is title  # saved without leaving the field
        saved = stored_record(demo_workspace, "C1")
        assert saved.content["title"].endswith("!") and saved.edited_by == "wren"

        await pilot.press("question_mark", "tab")  # typed, then straight to the next field
        assert stored_record(demo_workspace, "C1").content["title"].endswith("!?")
        state = str(change.query_one("#note-state", Static).render())
        assert "text by wren" in state and "saved" in state

        await pilot.press("escape", "u")  # one undo step takes all the typing back
        await pilot.pause()
    assert not stored_record(demo_workspace, "C1").content["title"].endswith("!")


async def test_typing_a_title_carries_it_into_the_brief_reps_line(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    """Each autosave of a new title carries it into the "Brief reps:" line the writer left
    alone, which the form then shows: the next save does not put the old line back."""
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", Input)
        title.focus()
        await pilot.press("end", "exclamation_mark")
        await pilot.pause(SAVE_DELAY + 0.4)
        await pilot.press("question_mark", "tab")
        await pilot.pause()
        saved = stored_record(demo_workspace, "C1")
        assert saved.content["title"].endswith("!?")
        brief = [a for a in saved.content["cs_actions"] if a.startswith("Brief reps:")]
        assert brief and brief[0].startswith(f"Brief reps: {saved.content['title']}")
        assert brief[0] in change.query_one("#field-cs_actions", TextArea).text


async def test_an_edit_body_is_saved_while_typing_and_conflicts_are_shown(
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
        await pilot.press("space", "O", "K")
        await pilot.pause(SAVE_DELAY + 0.4)
        assert isinstance(app.screen, BodyEditor)  # still typing, already saved
        assert str(stored_record(demo_workspace, "C1.1").content["new_body"]).endswith(" OK")
        assert "saved" in str(editor.query_one("#body-state", Static).render())

        with Workspace(demo_workspace, create=False) as workspace:
            other = load_review(workspace, 1).resolve(["C1.1"])[0]
            body = str(other.record.content["new_body"]) + " (Bo)"
            groundings = writer_groundings(workspace, 1)
            apply_edit(workspace, 1, other, {"new_body": body}, groundings, actor="bo")
        await pilot.press("exclamation_mark")
        editor.flush()
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConflictModal)
        assert modal.conflict.by == "bo"
        assert str(modal.conflict.theirs["new_body"]).endswith("(Bo)")
        assert str(modal.conflict.mine["new_body"]).endswith(" OK!")
        await pilot.press("t")  # take theirs: nothing of Bo's is overwritten
        await pilot.pause()
        assert app.screen is editor and area.text.endswith("(Bo)")
        await pilot.press("escape")
        await pilot.pause()
    assert str(stored_record(demo_workspace, "C1.1").content["new_body"]).endswith("(Bo)")


def test_every_help_line_fits_the_smallest_terminal() -> None:
    lines = HELP.splitlines()
    assert max(len(line) for line in lines) <= HELP_WIDTH
    assert len(lines) <= 24 - 2  # the modal's border, no padding above or below


async def test_moving_to_another_change_shows_the_start_of_its_short_fields(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        when = change.query_one("#field-when", Input)
        assert change.handle == "C2" and len(when.value) > when.size.width
        assert when.cursor_position == 0
