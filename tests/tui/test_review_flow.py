"""Pilot drives the review of the demo release as a writer would, keyboard only, and the
workspace afterwards says what the writer did."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.widgets import DataTable, Input, Static, TextArea

from behaviordiff.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.tui.messages import DraftChanged
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import BodyEditor, ConfirmModal, ErrorModal, RejectModal
from behaviordiff.tui.screens.queue import QueueScreen
from tests.tui.conftest import SIZE, AppFactory

_KEYS = {" ": "space", "!": "exclamation_mark", "$": "dollar_sign", ".": "full_stop"}


def _stored(folder: Path, handle: str):  # type: ignore[no-untyped-def]
    with Workspace(folder, create=False) as workspace:
        return load_review(workspace, 1).resolve([handle])[0].record


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for character in text:
        await pilot.press(_KEYS.get(character, character))


async def test_open_move_and_filter_the_queue(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        table = screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["C1", "C2", "W1"]
        counts = str(screen.query_one("#queue-counts", Static).render())
        assert "2 changes · 1 wording-only · drafts: 6 draft" in counts
        await pilot.press("j")
        assert screen.current_handle() == "C2"
        await pilot.press("/")
        await _type(pilot, "return")
        await pilot.press("enter")
        assert [entry.handle for entry in screen.shown()] == ["C2"]
        await pilot.press("escape")
        assert len(screen.shown()) == 3
        await pilot.press("s", "s")  # all → open → draft
        assert screen.status_filter == "draft"
        assert [entry.handle for entry in screen.shown()] == ["C1", "C2"]


async def test_a_day_of_review_ends_in_the_workspace(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    messages: list[Message] = []
    app = review_app()
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await pilot.pause()
        # open C1 and edit its title: saved as the writer types, no save key
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == "C1"
        change.query_one("#field-title", Input).focus()
        await pilot.press("end")
        await _type(pilot, " today")
        await pilot.press("escape", "escape")  # leave the field, back to the queue (saves)
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        note = _stored(demo_workspace, "C1")
        assert note.content["title"].endswith(" today") and note.status == "edited"
        assert note.edited_by == "wren"
        assert any(isinstance(m, DraftChanged) and m.what == "edited" for m in messages)

        # a made-up amount: the warning shows and stays; approve waits for it; d dismisses
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        area = change.query_one("#field-after", TextArea)
        area.focus()
        await pilot.press("pagedown", "end")
        await _type(pilot, " Up to $99.")
        await pilot.press("escape")
        change.flush()
        await pilot.pause()
        warnings = change.query_one("#note-warnings", Static)
        assert warnings.display and "$99" in str(warnings.render())
        await pilot.press("a")
        await pilot.pause()
        assert _stored(demo_workspace, "C1").status == "edited"
        assert warnings.display  # still there: not resolved, not dismissed
        await pilot.press("d")
        await pilot.pause()
        assert not warnings.display
        await pilot.press("a")
        await pilot.pause()
        approved = _stored(demo_workspace, "C1")
        assert approved.status == "approved" and approved.edited_by == "wren"
        assert "$99" in approved.content["after"] and approved.open_warnings == []

        # the edits: accept the first, edit the second's body
        await pilot.press("3")
        await pilot.press("a")
        await pilot.pause()
        assert _stored(demo_workspace, "C1.1").status == "approved"
        await pilot.press("down", "e")
        await pilot.pause()
        assert isinstance(app.screen, BodyEditor)
        await pilot.press("pagedown", "pagedown", "end")
        await _type(pilot, " Thanks!")
        await pilot.press("escape")
        await pilot.pause()
        edited = _stored(demo_workspace, "C1.2")
        assert edited.status == "edited" and " Thanks!" in edited.content["new_body"]
        assert edited.edited_by == "wren"

        # next change, reject it with a reason
        await pilot.press("]")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == "C2"
        await pilot.press("1", "x")
        await pilot.pause()
        assert isinstance(app.screen, RejectModal)
        await pilot.press("down", "tab")  # expected noise, and an optional why
        await _type(pilot, "seasonal")
        await pilot.press("enter")
        await pilot.pause()
        rejected = _stored(demo_workspace, "C2")
        assert rejected.status == "rejected" and rejected.reason == "expected-noise"
        assert rejected.comment == "seasonal"

        # reset C1's approved, edited note, then undo the reset: the writer's text is back
        await pilot.press("[")
        await pilot.pause()
        await pilot.press("1", "r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        reset = _stored(demo_workspace, "C1")
        assert reset.status == "draft" and reset.content == reset.generated
        assert not app.screen.query_one("#field-title", Input).value.endswith(" today")
        await pilot.press("u")
        await pilot.pause()
        back = _stored(demo_workspace, "C1")
        assert back.status == "approved" and back.content["title"].endswith(" today")
        assert app.screen.query_one("#field-title", Input).value.endswith(" today")

    with Workspace(demo_workspace, create=False) as workspace:
        actions = [entry["action"] for entry in workspace.audit(1)]
        actors = {
            entry["actor"]
            for entry in workspace.audit(1)
            if entry["action"].startswith("drafts.") and entry["action"] != "drafts.generate"
        }
    for action in ("edited", "dismiss-warnings", "approved", "rejected", "reset", "undo"):
        assert f"drafts.{action}" in actions
    assert actors == {"wren"}


async def test_evidence_side_by_side_steps_through_samples(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        change = app.screen
        view = change.query_one("#evidence-view")
        assert view.probe is not None and view.probe.probe_id == "delay-55-72h"  # type: ignore[attr-defined]
        old = str(change.query_one("#old-text", Static).render())
        new = str(change.query_one("#new-text", Static).render())
        assert "escalate_to_human" in old and "issue_refund" in new
        assert "sample 1 of 3" in str(change.query_one("#sample-bar", Static).render())
        await pilot.press("full_stop")
        assert "sample 2 of 3" in str(change.query_one("#sample-bar", Static).render())
        await pilot.press("down")
        await pilot.pause()
        assert view.probe.probe_id == "delay-60-50h"  # type: ignore[attr-defined]
        summary = str(change.query_one("#evidence-summary", Static).render())
        assert "When: delay_hours > 48 and order_total > 50" in summary and "Hunk H4" in summary


async def test_an_error_shows_in_a_modal_not_a_traceback(review_app: AppFactory) -> None:
    app = review_app(release_id=7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorModal)
        assert "no release #7" in str(app.screen.query_one("#error-message", Static).render())
