"""A multi-MB paste into the app's editors is refused at once with a notice naming the field
and the core's limit (`text_limit`, the one `apply_edit` enforces for the CLI too); the text
as it was stays in the field and saved, and a paste that fits goes in and is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from behaviordiff.pipeline.review import load_review, text_limit
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftRecord
from behaviordiff.tui.screens.modals import SAVE_DELAY, BodyEditor
from behaviordiff.tui.widgets.capped_text import CappedTextArea, over_limit, refused
from tests.tui.conftest import SIZE, AppFactory, open_first_change

HUGE = "Pasted log line. " * 200_000
"""3.4 MB: what a writer may paste by mistake (a reply, a log)."""


def _record(folder: Path, handle: str) -> DraftRecord:
    with Workspace(folder, create=False) as workspace:
        return load_review(workspace, 1).resolve([handle])[0].record


def _paste(app: App[Any], text: str) -> None:
    """A paste as the terminal delivers it: to the app, which hands it to the focused widget.
    Posted to the widget itself, it would bubble up to the app and be handed to the widget
    again: pasted twice, and on a loaded machine the second time after the autosave."""
    app.post_message(events.Paste(text))


def _said(app: object) -> list[str]:
    return [str(notice.message) for notice in app._notifications]  # type: ignore[attr-defined]


def test_only_an_edit_that_grows_a_text_past_the_limit_is_refused() -> None:
    assert not over_limit(10, 20, 20) and over_limit(10, 21, 20)
    assert not over_limit(30, 29, 20)  # a text stored over the limit may be shortened
    assert not over_limit(10, 10**6, None)
    assert refused("after", 21_000, 20_000, paste=True) == (
        "Not pasted: after would be 21,000 characters, over the 20,000 a writer's text may "
        "have. The text is kept as it was and the paste is still on your clipboard."
    )


async def test_a_huge_paste_into_a_note_field_is_refused_and_said(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    stored = _record(demo_workspace, "C1")
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        change = await open_first_change(pilot, app)
        after = change.query_one("#field-after", CappedTextArea)
        title = change.query_one("#field-title", Input)
        limit = text_limit(app.item("C1"), "after")
        assert after.limit == limit == text_limit(app.item("C1"), "title")
        after.focus()
        _paste(app, HUGE)
        await pilot.pause()
        assert after.text == stored.content["after"]
        assert _said(app)[-1].startswith(
            f"Not pasted: after would be {len(stored.content['after']) + len(HUGE):,} "
            f"characters, over the {limit:,}"
        )
        title.focus()
        _paste(app, HUGE.replace(" ", "-"))  # one line, as Input takes
        await pilot.pause()
        assert title.value == stored.content["title"]
        assert _said(app)[-1].startswith("Not pasted: title would be")

        after.focus()
        after.move_cursor(after.document.end)
        _paste(app, " Checked by CS.")
        await pilot.pause(SAVE_DELAY + 0.4)
        assert after.text == stored.content["after"] + " Checked by CS."
    assert _record(demo_workspace, "C1").content["after"] == after.text


async def test_a_huge_paste_into_the_body_editor_is_refused_and_said(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    stored = _record(demo_workspace, "C1.1")
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_first_change(pilot, app)
        await pilot.press("3", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, BodyEditor)
        area = editor.query_one("#body-text", TextArea)
        limit = text_limit(app.item("C1.1"), "new_body")
        assert limit == len(stored.content["old_body"]) + 20_000
        _paste(app, HUGE)
        await pilot.pause()
        assert area.text == stored.content["new_body"]
        assert _said(app)[-1].startswith("Not pasted: new_body would be")
        assert f"over the {limit:,} a writer's text may have" in _said(app)[-1]
        await pilot.press("escape")
        await pilot.pause()
    assert _record(demo_workspace, "C1.1") == stored  # nothing saved, nothing lost
