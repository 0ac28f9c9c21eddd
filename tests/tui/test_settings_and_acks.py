"""The suggested-edits view shows what the helpdesk export says about each macro besides its
body (inactive, restricted to groups, the other actions it sets) and CS's acknowledgement of
the change (who and when)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from textual.widgets import Static

from behaviordiff.config import find_project
from behaviordiff.pipeline.review import (
    ReleaseSettings,
    approve,
    edit_standing,
    item_settings,
    knowledge_base,
    load_review,
)
from behaviordiff.publish.ack import acknowledge
from behaviordiff.store import Workspace
from behaviordiff.store.acks import PushLedger
from behaviordiff.tui import make_app
from behaviordiff.tui.screens.change import ChangeScreen
from tests.tui.conftest import EXAMPLE, SIZE


def _project_with_a_restricted_inactive_macro(tmp_path: Path, item_key: str) -> Any:
    folder = tmp_path / "project"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "kb" / "macros.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for macro in data["macros"]:
        if f"macro:{macro['id']}" == item_key:
            macro["active"] = False
            macro["restriction"] = {"type": "Group", "id": 42, "ids": [42]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return find_project(config=folder / "behaviordiff.toml")


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_the_edits_view_shows_macro_flags_and_cs_acknowledgement(
    demo_workspace: Path, tmp_path: Path
) -> None:
    with Workspace(demo_workspace, create=False) as workspace:
        review = load_review(workspace, 1)
        note, first = review.resolve(["C1", "C1.1"])
        approve(workspace, 1, [note], actor="wren")
        acknowledge(workspace, 1, ["C1"], all_approved=False, by="cs-ana")
    item_key = str(first.record.item_key)
    assert item_key.startswith("macro:")
    project = _project_with_a_restricted_inactive_macro(tmp_path, item_key)
    settings = item_settings(knowledge_base(project), item_key)
    assert settings.flags() == ["inactive", "restricted to group 42"]
    assert any(action.startswith("status →") for action in settings.actions)

    app = make_app(demo_workspace, project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == "C1"
        await pilot.press("3")
        await pilot.pause()
        state = _text(change.query_one("#edit-state", Static))
        assert "⚑ macro inactive · restricted to group 42" in state
        about = _text(change.query_one("#edit-diff", Static))
        assert "Also sets: " in about and "status →" in about
        assert "CS: acknowledged by cs-ana at " in about
        assert "earlier text" not in about


def test_settings_of_an_item_no_longer_in_the_knowledge_base(tmp_path: Path) -> None:
    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    settings = item_settings(knowledge_base(project), "macro:999999")
    assert settings.flags() == ["not in the knowledge base now"]


async def test_the_edits_view_says_where_the_edit_stands_and_the_settings_to_review(
    demo_workspace: Path,
) -> None:
    """Trial T7: after a push the edit says where it landed (like `ack list`), and a macro
    whose settings encode the old behavior says so (like the export), not only "Also sets"."""
    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    with Workspace(demo_workspace, create=False) as workspace:
        review = load_review(workspace, 1)
        note, first, second = review.resolve(["C1", "C1.1", "C1.2"])
        approve(workspace, 1, [note, first, second], actor="wren")
        ledger = PushLedger(workspace, 1, "zendesk", "https://acme.zendesk.com", "Sam (CS)")
        key = first.record.key
        push_id = ledger.begin(key, "PUT", "/api/v2/macros/1.json", "d1", ledger.edit_digest(key))
        ledger.finish(push_id, "changed", helpdesk_id="360001", updated_at="2026-12-06T10:00:00Z")
        expected = edit_standing(
            workspace, 1, first, ReleaseSettings(workspace, 1, knowledge_base(project))
        )
    assert expected.delivery.startswith("pushed to zendesk (id 360001) ")
    assert expected.delivery.endswith(" by Sam (CS)")
    assert expected.settings_to_review and "for a person to confirm" in expected.settings_to_review

    app = make_app(demo_workspace, project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == "C1"
        await pilot.press("3")
        await pilot.pause()
        about = _text(change.query_one("#edit-diff", Static))
        assert "Helpdesk: pushed to zendesk (id 360001) " in about and "by Sam (CS)" in about
        assert "Settings to review: " + expected.settings_to_review in about.replace("\n", " ")
        await pilot.press("down")
        await pilot.pause()
        about = _text(change.query_one("#edit-diff", Static))
        assert "Helpdesk: not pushed or marked done yet" in about
