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
