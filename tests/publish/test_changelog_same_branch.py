"""Two runs of one branch against the same base (a new user's trial, T14): release #1
(main → the branch at 48 hours) reviewed, acknowledged and applied; the prompt changed again
on the branch (72 hours, and the late-fee cap), release #2 (main → the branch again) with the
writer's note carried and approved again; then the knowledge base refreshed from the helpdesk
and `draft` run again. Release #1 never shipped: the changelog lists the cancellation change
once, in #2, naming #1 as superseded in JSON, Markdown and Atom. From another base (#1's head
merged, then the branch run against it) the change moved after #1 shipped: both listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest

from behaviordiff.publish.changelog import load_schema
from tests.bikehire_project import (
    CANCEL_MACRO,
    Project,
    change_prompt,
    git,
    make_project,
    write_macros,
)


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
    change_prompt(project.root, {"48 hours": "72 hours", "up to £60": "up to £80"}, "v3: 72 hours")
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
