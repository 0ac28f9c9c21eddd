"""Every view reads a draft's review state from one core function (`review_state`): the
review app, `review list` (text and JSON), the report, the changelog and the gate agree on
each path a draft's approval takes: approved, taken back when the machine draft moves
(`reopened`), approved again, the approval undone, a writer's text over a moved machine
draft (`outdated`), and a re-draft undone."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

from textual.widgets import DataTable, Static

from behaviordiff.config import Project
from behaviordiff.pipeline.review import LOOK_AGAIN
from behaviordiff.store import Workspace
from behaviordiff.tui.widgets.edits import EditsView
from tests.conftest import CliRunner
from tests.tui.conftest import EXAMPLE, SIZE, AppFactory, open_first_change

FLAGS = {word: name for name, word in LOOK_AGAIN.items()}


def _approve(folder: Path, *handles: str) -> None:
    from behaviordiff.review import approve, load_review

    with Workspace(folder, create=False) as workspace:
        items = load_review(workspace, 1).resolve(list(handles))
        approve(workspace, 1, items, despite_warnings=True)


def _edit(folder: Path, handle: str, values: dict[str, str]) -> None:
    from behaviordiff.review import apply_edit, load_review

    with Workspace(folder, create=False) as workspace:
        item = load_review(workspace, 1).resolve([handle])[0]
        apply_edit(workspace, 1, item, values, {})


def _undo(folder: Path, handle: str) -> None:
    from behaviordiff.review import load_review, undo

    with Workspace(folder, create=False) as workspace:
        undo(workspace, 1, load_review(workspace, 1).resolve([handle])[0])


def _redraft(folder: Path, project: Project, handle: str) -> None:
    from behaviordiff.pipeline.review import load_review, redraft

    with Workspace(folder, create=False) as workspace:
        items = load_review(workspace, 1).items
        note = next(item for item in items if item.handle == handle)
        edits = [item for item in items if item.handle.startswith(f"{handle}.")]
        redraft(workspace, 1, project, note, edits, drafter="template")


def _machine_draft_moves(folder: Path, *handles: str) -> None:
    """The drafting pass again, with the machine text of `handles` reading differently (the
    agent's behavior, or the helpdesk text an edit rewrites, moved); the others as they were."""
    from behaviordiff.review import load_review
    from behaviordiff.store.drafts import DraftRow, DraftStore

    with Workspace(folder, create=False) as workspace:
        moved = {item.record.key for item in load_review(workspace, 1).resolve(list(handles))}
        store = DraftStore(workspace)
        rows = []
        for record in store.drafts(1):
            content = dict(record.generated)
            if record.key in moved:
                name = "after" if record.kind == "note" else "new_body"
                content[name] = f"{content[name]} Then it moved."
            rows.append(
                DraftRow(
                    record.kind,
                    record.key,
                    record.change_id,
                    record.item_key,
                    record.origin,
                    content,
                )
            )
        store.save_generated(1, rows)


def _core_and_publishing(folder: Path, project: Project) -> dict[str, dict[str, str | None]]:
    """Per view, handle → what it says a writer must look at again (None: nothing)."""
    from behaviordiff.publish.changelog import in_review
    from behaviordiff.publish.gate import evaluate
    from behaviordiff.publish.report import build_report, render_report
    from behaviordiff.publish.state import load_state

    with Workspace(folder, create=False) as workspace:
        state = load_state(workspace, 1)
        data = build_report(workspace, state)
        html = render_report(data, project)
        gate = evaluate(state, "canary")
        changelog_in_review = in_review(state)
    core = {item.handle: item.state.look_again for item in state.items}
    report = {change["handle"]: change["look_again"] for change in data["changes"]}
    report |= {edit["handle"]: edit["look_again"] for c in data["changes"] for edit in c["edits"]}
    lines = {item.subject: item.message for item in gate.missing}

    def gate_says(handle: str) -> str | None:
        message = lines.get(handle, "")
        if " is outdated: a writer's text" in message:
            return "outdated"
        if " is not reviewed: the draft changed since its approval" in message:
            return "reopened"
        return None

    for word in LOOK_AGAIN.values():  # a badge for each draft that has it, no other
        shown = sum(1 for flag in report.values() if flag == word)
        assert html.count(f'<span class="badge warn">{word}</span>') == shown
    assert changelog_in_review == any(core.values()) or not all(
        change.reviewed for change in state.changes
    )
    return {
        "core": core,
        "report": {handle: FLAGS.get(flag) if flag else None for handle, flag in report.items()},
        "gate": {handle: gate_says(handle) for handle in core},
    }


def _review_list(cli: CliRunner, folder: Path) -> dict[str, dict[str, str | None]]:
    args = ("review", "list", "-w", str(folder), "-c", str(EXAMPLE / "behaviordiff.toml"))
    text = cli(*args, env={"COLUMNS": "200"})
    listed = cli(*args, "--format", "json")
    assert text.exit_code == 0 == listed.exit_code, text.stderr + listed.stderr
    lines = {
        line.split()[0]: line
        for line in text.stdout.splitlines()
        if re.match(r"C\d+(\.\d+)? ", line)
    }

    def flag_of(line: str) -> str | None:
        found = [name for word, name in FLAGS.items() if f" · {word}" in line]
        assert len(found) <= 1
        return found[0] if found else None

    drafts = json.loads(listed.stdout)["drafts"]
    return {
        "review list": {handle: flag_of(line) for handle, line in lines.items()},
        "review list json": {draft["handle"]: draft["look_again"] for draft in drafts},
    }


def _agree(views: dict[str, dict[str, str | None]]) -> dict[str, str | None]:
    core = views["core"]
    for name, seen in views.items():
        assert seen == core, f"{name} disagrees with the core: {seen} != {core}"
    return core


def _app_flag(status_line: str) -> str | None:
    """What a status line of the app says to look at again."""
    if "· outdated:" in status_line:
        return "outdated"
    if "· the draft changed since its approval" in status_line:
        return "reopened"
    return None


async def _app_says(app_factory: AppFactory) -> dict[str, str | None]:
    """The review app's status line of C1's note and of each of its edits."""
    app = app_factory()
    seen: dict[str, str | None] = {}
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        assert change.handle == "C1"
        seen["C1"] = _app_flag(str(change.query_one("#note-state", Static).render()))
        await pilot.press("3")
        await pilot.pause()
        edits = change.query_one("#edit-list", DataTable)
        for row in range(edits.row_count):
            edits.move_cursor(row=row)
            await pilot.pause()
            shown = change.query_one(EditsView).selected()
            assert shown is not None
            seen[shown.handle] = _app_flag(str(change.query_one("#edit-state", Static).render()))
    return seen


async def test_every_view_reads_the_same_review_state_on_each_path(
    demo_workspace: Path, project: Project, cli: CliRunner, review_app: AppFactory
) -> None:
    def views() -> dict[str, str | None]:
        return _agree(
            _core_and_publishing(demo_workspace, project) | _review_list(cli, demo_workspace)
        )

    _approve(demo_workspace, "C1", "C1.1", "C1.2", "C2")
    _machine_draft_moves(demo_workspace)  # nothing moved: every approval holds
    assert set(views().values()) == {None}

    _machine_draft_moves(demo_workspace, "C1", "C1.1")  # the approvals are taken back
    seen = views()
    assert seen["C1"] == seen["C1.1"] == "reopened" and seen["C1.2"] is None
    app = await _app_says(review_app)
    assert {handle: app[handle] for handle in ("C1", "C1.1", "C1.2")} == {
        handle: seen[handle] for handle in ("C1", "C1.1", "C1.2")
    }

    _machine_draft_moves(demo_workspace)  # drafted again, nothing moved: still taken back
    assert views()["C1"] == views()["C1.1"] == "reopened"

    _approve(demo_workspace, "C1")  # read and approved again: nothing to look at
    assert views()["C1"] is None
    _undo(demo_workspace, "C1")  # the approval undone: taken back again, in every view
    assert views()["C1"] == "reopened"

    # drafted anew, nothing of the approval left (in a thread, as the app's worker does)
    await asyncio.to_thread(_redraft, demo_workspace, project, "C1")
    seen = views()
    assert seen["C1"] is None and seen["C1.1"] is None
    _undo(demo_workspace, "C1")  # the re-draft undone: the change's drafts as they were
    seen = views()
    assert seen["C1"] == seen["C1.1"] == "reopened"

    _edit(demo_workspace, "C2", {"title": "Members get longer to return items"})
    _machine_draft_moves(demo_workspace, "C2")  # a writer's text over a moved machine draft
    seen = views()
    assert seen["C2"] == "outdated"
