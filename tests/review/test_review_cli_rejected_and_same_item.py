"""`review list` marks the edits of a change rejected as a whole; `review approve` warns when
an approval leaves two approved edits of one macro or article (in-process CLI)."""

from __future__ import annotations

import json
from pathlib import Path

from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.store import Workspace
from tests.conftest import CliRunner
from tests.export.test_one_edit_per_item import add_second_edit

Release = tuple[Workspace, int, Project]


def test_list_marks_a_rejected_changes_edits_and_approve_warns_of_a_twin(
    cli: CliRunner, example_release: Release, tmp_path: Path
) -> None:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project, drafter="template")

    def review(*args: str):  # type: ignore[no-untyped-def]
        return cli("review", *args, "--workspace", str(workspace.folder), env={"COLUMNS": "300"})

    assert review("approve", "--all", "--despite-warnings").exit_code == 0
    first, second = add_second_edit(workspace, release_id)
    assert review("reject", second.handle, "--reason", "wrong-draft").exit_code == 0
    approved = review("approve", second.handle)
    assert approved.exit_code == 0, approved.output
    assert f"{first.handle} and {second.handle} both rewrite" in approved.stderr

    assert review("reject", "C2", "--reason", "wrong-draft").exit_code == 0
    listed = review("list")
    c2_edits = [line for line in listed.stdout.splitlines() if line.startswith("C2.")]
    assert c2_edits and all("change C2 rejected: not exported" in line for line in c2_edits)
    data = json.loads(review("list", "--format", "json").stdout)
    flags = {d["handle"]: d["change_rejected"] for d in data["drafts"]}
    assert all(flags[h] for h in flags if h.startswith("C2.")) and not flags["C1"]
