"""Two runs of one branch against the same base (a new user's trial, T14): release #1
(main → the branch at 48 hours) reviewed, acknowledged and applied; the prompt changed again
on the branch (72 hours, and the late-fee cap), release #2 (main → the branch again) with the
writer's note carried and approved again; then the knowledge base refreshed from the helpdesk
and `draft` run again. Release #1 never shipped: the changelog lists the cancellation change
once, in #2, naming #1 as superseded in JSON, Markdown and Atom. From another base (#1's head
merged, then the branch run against it) the change moved after #1 shipped: both listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest

from behaviordiff.publish.changelog import load_schema
from tests.bikehire_project import CANCEL_MACRO, change_prompt, git, make_project, write_macros
from tests.conftest import _run_in_process

WRITER_NOTE = """\
title: Partial (50%) refund for cancellations 24 to {last} hours before pickup
before: Cancellations 24 hours or more before pickup got a full refund.
after: Cancellations 24 to {last} hours before pickup now get a 50% refund.
when: Customers cancelling between 24 and {window} hours before pickup.
customer_impact: These customers now get 50% back instead of a full refund.
cs_actions:
- Use the updated cancellation macro and FAQ.
- Brief reps on the new {window} hour window.
severity: high
"""


class Project:
    def __init__(self, root: Path, tmp_path: Path):
        self.root = root
        self.tmp_path = tmp_path

    def __call__(self, *args: str) -> Any:
        env = {"COLUMNS": "200", "NO_COLOR": "1", "BEHAVIORDIFF_ACTOR": "wendy-writer"}
        result = _run_in_process(args, self.root, env, None)
        return result

    def json(self, *args: str) -> Any:
        result = self(*args, "--format", "json")
        assert result.exit_code in (0, 1), result.stderr
        return json.loads(result.stdout)

    def refund_note(self) -> str:
        """The handle of the note of the change that now refunds part: the writer's note
        carried from the earlier release, else the machine's note saying so."""
        notes = [
            draft
            for draft in self.json("review", "list")["drafts"]
            if draft["kind"] == "note" and not draft["stale"]
        ]
        for note in notes:
            if note["edited_by"] or "partial" in str(note["content"]["after"]).lower():
                return str(note["handle"])
        raise AssertionError([note["title"] for note in notes])

    def review_all(self, window: int) -> None:
        """The writer rewrites the refund note whole and approves every draft."""
        note = self.tmp_path / f"note-{window}.yaml"
        note.write_text(WRITER_NOTE.format(last=window - 1, window=window), encoding="utf-8")
        edited = self("review", "edit", self.refund_note(), "--from", str(note))
        assert edited.exit_code == 0, edited.stderr
        approved = self("review", "approve", "--all", "--despite-warnings")
        assert approved.exit_code == 0, approved.stderr

    def run(self, base: str) -> None:
        ran = self("run", base, "HEAD", "--effective", "2026-12-20")
        assert ran.exit_code == 0, ran.stderr


def _shipped_by_cs(project: Project) -> None:
    """CS acknowledges every change and marks every approved edit applied."""
    acked = project("ack", "--all", "--by", "Sam")
    assert acked.exit_code == 0, acked.stderr
    for draft in project.json("review", "list")["drafts"]:
        if draft["kind"] == "edit" and draft["status"] == "approved":
            done = project("ack", "done", draft["handle"], "--by", "Sam")
            assert done.exit_code == 0, done.stderr
    gate = project("gate", "--stage", "full")
    assert gate.exit_code == 0, gate.stdout + gate.stderr


def _releases(project: Project) -> list[dict[str, Any]]:
    data = project.json("changelog")
    jsonschema.validate(data, load_schema())
    return list(data["releases"])


def _titles(releases: list[dict[str, Any]]) -> list[str]:
    return [change["title"] for release in releases for change in release["changes"]]


@pytest.fixture
def first_release(tmp_path: Path) -> Project:
    project = Project(make_project(tmp_path / "spokes"), tmp_path)
    project.run("main")
    project.review_all(48)
    _shipped_by_cs(project)
    return project


def test_a_second_run_of_the_same_branch_supersedes_the_first(first_release: Project) -> None:
    project = first_release
    change_prompt(
        project.root, {"48 hours": "72 hours", "up to £60": "up to £80"}, "v3: 72 hours"
    )
    project.run("main")
    project.review_all(72)
    released = _releases(project)
    assert [release["id"] for release in released] == [2], _titles(released)
    assert released[0]["supersedes"] == [1]

    # the helpdesk's macro (release #1's edit, pushed) copied into the KB, drafted again: the
    # link between #1's and #2's notes holds through the second drafting pass
    live = CANCEL_MACRO.replace("24 hours", "48 hours")
    write_macros(project.root, live, updated_at="2026-12-06T13:00:00Z")
    assert project("draft").exit_code == 0
    project("review", "approve", "--all", "--despite-warnings")
    released = _releases(project)
    titles = _titles(released)
    assert [release["id"] for release in released] == [2], titles
    assert released[0]["supersedes"] == [1]
    assert titles.count("Partial (50%) refund for cancellations 24 to 71 hours before pickup") == 1
    assert not any("24 to 47" in title for title in titles)
    refund = next(c for c in released[0]["changes"] if "24 to 71" in c["title"])
    assert [(old["release"], old["title"]) for old in refund["supersedes"]] == [
        (1, "Partial (50%) refund for cancellations 24 to 47 hours before pickup")
    ]

    markdown = project("changelog").stdout
    assert "Supersedes release #1." in markdown
    assert "24 to 47 hours" in markdown  # named as what it replaces, once
    assert markdown.count("24 to 47 hours") == 1
    assert "Replaces release #1's" in markdown
    feed = feedparser.parse(project("changelog", "--format", "atom").stdout)
    entries = [entry.title for entry in feed.entries]
    assert not any("24 to 47" in title for title in entries)
    content = next(e for e in feed.entries if "24 to 71" in e.title).content[0].value
    assert "Replaces release #1" in content and "24 to 47 hours" in content


def test_a_move_after_the_first_release_shipped_lists_both(first_release: Project) -> None:
    """#1's head merged into main (it shipped); the branch moves on and runs against main."""
    project = first_release
    git(project.root, "checkout", "-q", "main")
    git(project.root, "merge", "-q", "--ff-only", "cancel")
    git(project.root, "checkout", "-q", "cancel")
    change_prompt(project.root, {"48 hours": "72 hours"}, "v3: 72 hours")
    project.run("main")
    project.review_all(72)
    released = _releases(project)
    titles = _titles(released)
    assert [release["id"] for release in released] == [2, 1], titles
    assert released[0]["supersedes"] == []
    assert "Partial (50%) refund for cancellations 24 to 47 hours before pickup" in titles
    assert "Partial (50%) refund for cancellations 24 to 71 hours before pickup" in titles
