"""Re-drafting the open change from the app: with the fake model (asking first when the
writer has text on it, undone with u), and against the local OpenAI-compatible server (a
slow reply cancelled with esc, a failing reply shown in a modal); the drafts stay as they
were whenever no re-draft finished."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from behaviordiff.config import Project
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.pipeline.review import load_review
from behaviordiff.store import Workspace
from behaviordiff.tui import make_app
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.modals import ConfirmModal, ErrorModal
from tests.drafting.test_llm import GOOD_NOTES
from tests.openai_server import OpenAIServer, Reply, hang, server_error
from tests.review.test_redraft import fake_reply, llm_project
from tests.tui.conftest import SIZE


def _note(folder: Path, handle: str = "C1") -> Any:
    with Workspace(folder, create=False) as workspace:
        return load_review(workspace, 1).resolve([handle])[0].record


def _notices(app: Any) -> str:
    return " ".join(str(notice.message) for notice in app._notifications)


async def _open_c1(pilot: Any) -> ChangeScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    change = pilot.app.screen
    assert isinstance(change, ChangeScreen) and change.handle == "C1"
    return change


async def test_redraft_asks_before_replacing_the_writers_text_and_u_undoes_it(
    demo_workspace: Path, project: Project
) -> None:
    model = FakeChatModel(responder=fake_reply)
    app = make_app(demo_workspace, llm_project(project), chat_model=model)
    async with app.run_test(size=SIZE) as pilot:
        change = await _open_c1(pilot)
        change.query_one("#field-title", Input).value = "Written by wren"
        await pilot.pause()
        change.flush()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "C1" in app.screen.question and "u (undo)" in app.screen.question
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not change.query_one("#busy", Static).display
        assert "C1 re-drafted (llm)" in _notices(app)
        title = change.query_one("#field-title", Input).value
        assert title == GOOD_NOTES["C1"]["title"]
        record = _note(demo_workspace)
        assert record.content["title"] == title and record.origin == "llm"
        assert record.edited_by is None and record.status == "draft"

        await pilot.press("u")
        await pilot.pause()
        assert change.query_one("#field-title", Input).value == "Written by wren"
    assert _note(demo_workspace).content["title"] == "Written by wren"
    assert _note(demo_workspace).edited_by == "wren"


async def test_a_redraft_without_writer_text_starts_at_once(
    demo_workspace: Path, project: Project
) -> None:
    model = FakeChatModel(responder=fake_reply)
    app = make_app(demo_workspace, llm_project(project), chat_model=model)
    async with app.run_test(size=SIZE) as pilot:
        await _open_c1(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert _note(demo_workspace).origin == "llm"


async def test_a_slow_reply_is_cancelled_with_esc_and_nothing_changes(
    demo_workspace: Path, project: Project, openai_server: OpenAIServer
) -> None:
    openai_server.responder = lambda body: hang(30)
    before = _note(demo_workspace)
    app = make_app(demo_workspace, llm_project(project, max_retries=0))
    async with app.run_test(size=SIZE) as pilot:
        change = await _open_c1(pilot)
        await pilot.press("D")
        busy = change.query_one("#busy", Static)
        for _ in range(100):  # until the request is at the server
            await pilot.pause(0.05)
            if openai_server.request_count:
                break
        assert openai_server.request_count == 1
        assert busy.display and "esc cancels" in str(busy.render())
        title = change.query_one("#field-title", Input)
        title.focus()  # esc in a field cancels too, before it leaves the field
        await pilot.press("escape")
        await pilot.pause()
        assert not busy.display
        assert app.screen is change  # esc cancelled the re-draft, it did not leave the change
        assert change.focused is title
        assert "Re-draft cancelled" in _notices(app)
        time.sleep(0.3)  # the worker's thread notices within STOP_POLL and stores nothing
    after = _note(demo_workspace)
    assert after.revision == before.revision and after.content == before.content


async def test_a_failing_reply_shows_a_modal_and_leaves_the_draft(
    demo_workspace: Path, project: Project, openai_server: OpenAIServer
) -> None:
    failures: list[Reply] = []

    def failing(body: dict[str, Any]) -> Reply:
        failures.append(server_error(500))
        return failures[-1]

    openai_server.responder = failing
    app = make_app(demo_workspace, llm_project(project, max_retries=0))
    async with app.run_test(size=SIZE) as pilot:
        change = await _open_c1(pilot)
        change.query_one("#field-title", Input).value = "Written by wren"
        await pilot.pause()
        change.flush()
        before = _note(demo_workspace)
        await pilot.press("D", "y")
        for _ in range(200):  # the worker's failure (raised, not returned) shows a modal
            await pilot.pause(0.05)
            if isinstance(app.screen, ErrorModal):
                break
        modal = app.screen
        assert isinstance(modal, ErrorModal)
        assert "drafting model" in modal.error.message and "nothing was changed" in str(
            modal.error.hint
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is change
        assert not change.query_one("#busy", Static).display
        assert change.query_one("#field-title", Input).value == "Written by wren"
    assert failures
    after = _note(demo_workspace)
    assert after.revision == before.revision and after.content["title"] == "Written by wren"
