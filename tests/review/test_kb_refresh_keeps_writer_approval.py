"""A knowledge-base refresh (the helpdesk's live macro copied into kb/macros.json, then
`behaviordiff draft`) re-drafts with the same runs: only the machine's text that quotes the
KB moves. A new user's trial (T9) saw the writer's approved note, every field of it their own,
go back to `edited` + `outdated` and the gate block. An approval of a writer's text holds
when the change's facts did not move and the machine text moved only under fields the writer
wrote; the writer still sees that the suggestion moved. It is taken back when the machine
text moved in a field the writer left to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.bikehire_project import CANCEL_MACRO, Project, make_project, write_macros

TITLE_ONLY = "title: Partial (50%) refund for cancellations 24 to {last} hours before pickup\n"


def _refreshed(project: Project) -> None:
    """The live macro (48 hours, pushed since) copied into the KB, drafted again."""
    write_macros(project.root, CANCEL_MACRO.replace("24 hours", "48 hours"), "2026-12-06T13:00:00Z")
    drafted = project("draft")
    assert drafted.exit_code == 0, drafted.stderr


def _draft(project: Project, handle: str) -> dict[str, Any]:
    drafts = project.json("review", "list")["drafts"]
    return next(draft for draft in drafts if draft["handle"] == handle)


def _approved_release(tmp_path: Path, text: str | None = None) -> tuple[Project, str]:
    project = Project(make_project(tmp_path / "spokes"), tmp_path)
    project.run("main")
    handle = project.write_note(48) if text is None else project.write_note(48, text)
    approved = project("review", "approve", "--all", "--despite-warnings")
    assert approved.exit_code == 0, approved.stderr
    return project, handle


def test_a_refresh_under_the_writers_own_fields_keeps_the_approval(tmp_path: Path) -> None:
    project, handle = _approved_release(tmp_path)
    machine_before = _draft(project, handle)
    _refreshed(project)
    note = _draft(project, handle)
    assert note["status"] == "approved", note
    assert not note["outdated"]
    assert note["suggestion_moved"]
    assert note["content"]["title"] == machine_before["content"]["title"]  # the writer's
    listed = project("review", "list").stdout
    line = next(row for row in listed.splitlines() if row.startswith(f"{handle} "))
    assert "approved" in line and "suggestion moved" in line and "outdated" not in line
    gate = project.json("gate", "--stage", "canary")
    blocking = " ".join(str(item) for item in gate.get("missing", []))
    assert f"{handle}:" not in blocking and f"{handle} " not in blocking, gate

    # the writer looks and approves again: the flag goes
    again = project("review", "approve", handle)
    assert again.exit_code == 0, again.stderr
    assert not _draft(project, handle)["suggestion_moved"]


def test_a_refresh_under_a_field_the_writer_left_takes_the_approval_back(
    tmp_path: Path,
) -> None:
    """The writer rewrote the title only; the CS actions (quoting the macro) are the
    machine's, and they moved: the approval was of text that reads differently now."""
    project, handle = _approved_release(tmp_path, TITLE_ONLY)
    _refreshed(project)
    note = _draft(project, handle)
    assert note["status"] == "edited", note
    assert note["outdated"]
    assert not note["suggestion_moved"]
