"""The effective date CS planned for travels with the drafts of the same changes into the next
release, and says so, unless one is set anew."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.engineer.conftest import Invoke
from tests.engineer.project import command_project


def _json(invoke: Invoke, *args: str, cwd: Path) -> Any:
    result = invoke(*args, "--format", "json", cwd=cwd)
    assert result.exit_code == 0, result.message
    return json.loads(result.stdout)


def test_the_effective_date_is_carried_with_the_drafts(invoke: Invoke, tmp_path: Path) -> None:
    project = command_project(invoke, tmp_path / "shop")
    first = _json(invoke, "run", "agent", "agent-v2", "--samples", "2", cwd=project)
    assert first["release"] == 1 and first["drafts"]["notes"]
    dated = _json(invoke, "draft", "--release", "1", "--effective", "2027-01-15", cwd=project)
    assert dated["effective_date"] == "2027-01-15" and dated["effective_date_from"] is None
    approved = invoke("review", "approve", "--all", "--release", "1", cwd=project)
    assert approved.exit_code == 0, approved.message

    # the same change found again by a release of other names: drafts, approvals and date
    shutil.copytree(project / "agent-v2", project / "agent-v3")
    second = _json(invoke, "run", "agent", "agent-v3", "--samples", "2", cwd=project)
    assert second["release"] == 2
    drafts = second["drafts"]
    assert drafts["carried"] > 0
    assert drafts["effective_date"] == "2027-01-15" and drafts["effective_date_from"] == 1
    assert all(note["content"]["effective_date"] == "2027-01-15" for note in drafts["notes"])
    assert all(note["status"] == "approved" for note in drafts["notes"])
    releases = _json(invoke, "releases", cwd=project)["releases"]
    assert [row["effective_date"] for row in releases] == ["2027-01-15", "2027-01-15"]

    # said in words, and set anew it is this release's own
    shutil.copytree(project / "agent-v2", project / "agent-v4")
    shown = invoke("run", "agent", "agent-v4", "--samples", "2", cwd=project)
    said = " ".join(shown.stdout.split())
    assert "The effective date 2027-01-15 was carried from release #2" in said
    assert "behaviordiff draft --release 3 --effective DATE" in said
    anew = _json(invoke, "draft", "--release", "3", "--effective", "2027-02-01", cwd=project)
    assert anew["effective_date"] == "2027-02-01" and anew["effective_date_from"] is None
    assert all(note["content"]["effective_date"] == "2027-02-01" for note in anew["notes"])


def test_a_date_long_past_or_far_ahead_is_warned_at_draft_time(
    invoke: Invoke, tmp_path: Path
) -> None:
    """trial11 T14: `draft --effective 2025-01-01` (a year typo) went into every note without
    a word; only the `full` gate said the date had passed."""
    from datetime import date

    from behaviordiff.pipeline import effective_warnings

    today = date(2026, 12, 6)
    [past] = effective_warnings("2025-01-01", today)
    assert past.startswith("--effective 2025-01-01 is 704 days ago") and "typo" in past
    [ahead] = effective_warnings("2028-01-01", today)
    assert ahead.startswith("--effective 2028-01-01 is 391 days ahead")
    assert effective_warnings("2026-12-20", today) == effective_warnings(None, today) == []

    project = command_project(invoke, tmp_path / "shop")
    assert _json(invoke, "run", "agent", "agent-v2", "--samples", "2", cwd=project)["drafts"]
    dated = _json(invoke, "draft", "--release", "1", "--effective", "2001-01-01", cwd=project)
    assert dated["effective_date"] == "2001-01-01"
    [warning] = dated["warnings"]
    assert warning.startswith("--effective 2001-01-01 is ") and " days ago" in warning
    shown = invoke("draft", "--release", "1", "--effective", "2001-01-01", cwd=project)
    assert shown.exit_code == 0 and "2001-01-01 is " in " ".join(shown.stderr.split())
