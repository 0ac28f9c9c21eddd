"""A writer who retitles a note: the "Brief reps:" action line that only restated the old title
names the new one, in the stored note (so the review app, changelog, report and exports
agree), and an action line the writer wrote stays as they wrote it (trial12, T7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftStore, title_followed, writer_over
from tests.conftest import CliRunner, DraftedSnapshots

Release = tuple[Workspace, int, Project]
NEW_TITLE = "Late-order refund replaces the handoff"


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    return drafted_snapshots.restore(example_release, effective="2026-12-01")


def _brief(actions: list[Any]) -> list[str]:
    return [str(a) for a in actions if str(a).startswith("Brief reps:")]


def _edit(drafted: Release, handle: str, values: dict[str, Any]) -> dict[str, Any]:
    """The review app's path: the core `apply_edit` with the writer's fields."""
    workspace, release_id, _ = drafted
    item = load_review(workspace, release_id).resolve([handle])[0]
    outcome = apply_edit(
        workspace, release_id, item, values, writer_groundings(workspace, release_id)
    )
    return dict(outcome.item.record.content)


def test_cli_retitle_carries_into_brief_reps_and_the_changelog(
    cli: CliRunner, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    machine = load_review(workspace, release_id).resolve(["C1"])[0].record.content
    old_line = _brief(machine["cs_actions"])[0]
    old_title = str(machine["title"])
    assert old_line.startswith(f"Brief reps: {old_title}.")
    edited = tmp_path / "c1.yaml"
    edited.write_text(f"title: {NEW_TITLE}\n", encoding="utf-8")
    where = ("--workspace", str(workspace.folder))
    assert cli("review", "edit", "C1", "--from", str(edited), *where).exit_code == 0
    assert cli("review", "approve", "C1", *where).exit_code == 0

    note = load_review(workspace, release_id).resolve(["C1"])[0].record
    followed = f"Brief reps: {NEW_TITLE}." + old_line[len(f"Brief reps: {old_title}.") :]
    assert _brief(note.content["cs_actions"]) == [followed]
    # every other action line is the machine's, in its place
    assert [a for a in note.content["cs_actions"] if a != followed] == [
        a for a in machine["cs_actions"] if a != old_line
    ]
    changelog = cli("changelog", "--include-unreleased", *where)
    assert changelog.exit_code == 0, changelog.stderr
    assert followed in changelog.stdout
    assert f"Brief reps: {old_title}" not in changelog.stdout


def test_the_review_apps_edit_path_follows_the_title_and_back(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    machine = load_review(workspace, release_id).resolve(["C2"])[0].record
    content = _edit(drafted, "C2", {"title": NEW_TITLE})
    assert _brief(content["cs_actions"])[0].startswith(f"Brief reps: {NEW_TITLE}.")
    # back to the machine's title: back to the machine's draft, nothing left edited
    content = _edit(drafted, "C2", {"title": machine.content["title"]})
    record = DraftStore(workspace).draft(release_id, "note", machine.key)
    assert content == machine.generated and record.status == "draft"


def test_a_brief_reps_line_the_writer_wrote_is_kept(drafted: Release) -> None:
    mine = "Brief reps: walk them through the refund before the call ends."
    content = _edit(drafted, "C1", {"title": NEW_TITLE, "cs_actions": [mine]})
    assert content["cs_actions"] == [mine]
    content = _edit(drafted, "C1", {"title": "Another title"})
    assert content["cs_actions"] == [mine]

    # written earlier, retitled later: the line the writer typed stays too
    workspace, release_id, _ = drafted
    machine = load_review(workspace, release_id).resolve(["C2"])[0].record.content
    title = str(machine["title"])
    typed = [
        f"Brief reps: {title}. Say it twice." if a.startswith("Brief reps:") else a
        for a in machine["cs_actions"]
    ]
    _edit(drafted, "C2", {"cs_actions": typed})
    content = _edit(drafted, "C2", {"title": NEW_TITLE})
    assert content["cs_actions"] == typed


def test_redrafting_keeps_the_line_on_the_writers_title(drafted: Release) -> None:
    workspace, release_id, project = drafted
    _edit(drafted, "C1", {"title": NEW_TITLE})
    draft_release(workspace, release_id, project, effective="2027-01-15")
    note = load_review(workspace, release_id).resolve(["C1"])[0].record
    assert note.content["title"] == NEW_TITLE
    assert _brief(note.content["cs_actions"])[0].startswith(f"Brief reps: {NEW_TITLE}.")
    assert not note.outdated


def test_another_domain_lines_and_merges() -> None:
    """An invented library-loans note: only the line restating the old title, as a whole
    sentence, follows; a line that only starts like it, or one not in the base, stays."""
    base = {
        "title": "Loan period: 14 days → 21 days?",
        "cs_actions": [
            "Update FAQ article “Borrowing”: it says 14 days (suggested edit attached).",
            "Brief reps: Loan period: 14 days → 21 days? Members only.",
            "Brief reps: Loan period: 14 days → 21 days?s",
        ],
    }
    retitled = title_followed("note", {**base, "title": "Longer loans"}, base)
    assert retitled["cs_actions"] == [
        base["cs_actions"][0],
        "Brief reps: Longer loans. Members only.",
        base["cs_actions"][2],
    ]
    assert title_followed("edit", {**base, "title": "Longer loans"}, base) == {
        **base,
        "title": "Longer loans",
    }
    # a new machine draft under the writer's title: the machine's lines, on the writer's title
    machine = {**base, "cs_actions": [*base["cs_actions"][1:], "Tell the desk."]}
    merged = writer_over("note", machine, retitled, base)
    assert merged["title"] == "Longer loans"
    assert merged["cs_actions"] == [
        "Brief reps: Longer loans. Members only.",
        base["cs_actions"][2],
        "Tell the desk.",
    ]
    # the writer's own action lines win
    own = {**retitled, "cs_actions": ["Brief reps: tell members first."]}
    assert writer_over("note", machine, own, base)["cs_actions"] == own["cs_actions"]
