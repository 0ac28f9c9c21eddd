"""Control characters in data (a model's reply, a macro body, a note field) are shown as
`\\x1b`, never sent to the terminal: nothing the app paints can retitle the terminal, clear
the screen or reorder a line; and a field the writer leaves alone saves what was stored."""

from __future__ import annotations

import json
from pathlib import Path

from textual.content import Content
from textual.widgets import Input, Static, TextArea

from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui import ReviewApp
from behaviordiff.tui.screens.modals import BodyEditor
from tests.tui.conftest import SIZE, AppFactory, open_first_change

HOSTILE = "Hi \x1b[2J\x1b[31mred\x07\x1b]0;pwned\x07 \u202e tail \x00 nul \x9b1m"
"""A clear-screen, a colour, a bell, a window title, a bidi override, a NUL and a one-byte CSI."""
SHOWN = "Hi \\x1b[2J\\x1b[31mred\\x07\\x1b]0;pwned\\x07 \\u202e tail \\x00 nul \\x9b1m"
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")


def _plant(folder: Path) -> None:
    """The hostile text in the first change's title, condition, before, a CS action, every
    suggested edit's proposed body, and every reply of the new version."""
    with Workspace(folder, create=False) as workspace:
        review = load_review(workspace, 1)
        note = review.resolve(["C1"])[0]
        groundings = writer_groundings(workspace, 1)
        apply_edit(
            workspace,
            1,
            note,
            {
                "title": f"Refunds {HOSTILE}",
                "when": HOSTILE,
                "before": HOSTILE,
                "cs_actions": [HOSTILE],
            },
            groundings,
        )
        for edit in review.resolve(["C1.1"]):
            apply_edit(workspace, 1, edit, {"new_body": f"Dear customer, {HOSTILE}"}, groundings)
        rows = workspace.db.execute(
            "SELECT id, transcript_json FROM runs WHERE side = 'head'"
        ).fetchall()
        for run_id, text in rows:
            transcript = json.loads(text)
            transcript["final_reply"] = f"{HOSTILE} {transcript.get('final_reply') or ''}"
            for message in transcript["messages"]:
                if message["role"] == "assistant" and isinstance(message.get("content"), str):
                    message["content"] += " " + HOSTILE
            workspace.db.execute(
                "UPDATE runs SET transcript_json = ? WHERE id = ?", (json.dumps(transcript), run_id)
            )
        workspace.db.commit()


def _painted(app: ReviewApp) -> tuple[str, str]:
    """The text of every cell on the screen, and what the app would write to the terminal
    for it."""
    update = app.screen._compositor.render_full_update()
    cells = "".join(segment.text for line in update.strips for strip in line for segment in strip)
    return cells, update.render_segments(app.console)


def _assert_clean(app: ReviewApp) -> str:
    cells, sequence = _painted(app)
    for raw in RAW:
        assert raw not in cells, f"{raw!r} painted raw"
    assert "\x1b]" not in sequence and "\x07" not in sequence  # no title, no bell
    assert "\x1b[2J" not in sequence and "\u202e" not in sequence
    return cells


async def test_hostile_text_is_shown_not_obeyed_on_every_view(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    _plant(demo_workspace)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "\\x1b" in _assert_clean(app)  # the queue's title column and preview
        change = await open_first_change(pilot, app)
        assert "\\x1b" in _assert_clean(app)  # the title bar and the note's fields
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        _assert_clean(app)
        reply = app.screen.query_one("#new-text", Static).render()
        assert isinstance(reply, Content)
        assert SHOWN in reply.plain  # highlighted, visible
        await pilot.press("3")
        await pilot.pause()
        assert "\\x1b" in _assert_clean(app)  # the edit's diff
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, BodyEditor)
        assert SHOWN in app.screen.query_one("#body-text", TextArea).text
        _assert_clean(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is change


async def test_fields_hold_the_visible_form_and_save_the_stored_text_unless_edited(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    _plant(demo_workspace)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", Input)
        assert title.value == f"Refunds {SHOWN}"
        assert change.query_one("#field-when", Input).value == SHOWN
        assert change.query_one("#field-before", TextArea).text == SHOWN
        assert change.query_one("#field-cs_actions", TextArea).text == SHOWN
        # another field typed in: the untouched ones keep their stored bytes
        change.query_one("#field-after", TextArea).focus()
        await pilot.press("end", "!")
        change.flush()
        await pilot.pause()
        stored = app.item("C1").record.content
        assert stored["title"] == f"Refunds {HOSTILE}"
        assert stored["when"] == stored["before"] == HOSTILE
        assert stored["cs_actions"] == [HOSTILE]
        assert stored["after"].endswith("!")
        # the title typed in: it stores what the writer saw, the controls as visible text
        title.focus()
        await pilot.press("end", "x")
        change.flush()
        await pilot.pause()
        assert app.item("C1").record.content["title"] == f"Refunds {SHOWN}x"


async def test_a_body_left_as_shown_in_the_editor_stays_as_stored(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    _plant(demo_workspace)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BodyEditor)
        area = editor.query_one("#body-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("space", "backspace")  # typed and taken back: the text as shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.item("C1.1").record.content["new_body"] == f"Dear customer, {HOSTILE}"


async def test_the_wording_screen_shows_a_hostile_reply_as_text(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    from behaviordiff.tui.screens.wording import WordingScreen

    _plant(demo_workspace)
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # W1, the wording-only group
        await pilot.pause()
        assert isinstance(app.screen, WordingScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        _assert_clean(app)
        reply = app.screen.query_one("#new-text", Static).render()
        assert isinstance(reply, Content) and SHOWN in reply.plain
