"""Trial 9 T15: an approval carried into the next release is exported as approved by the writer
who approved it, not by the account that ran the release that carried it (CI, root)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.drafting import draft_release
from behaviordiff.review import apply_edit, approve, load_review
from tests.conftest import EXAMPLE
from tests.review.releases import next_release


def _export(workspace: Any, release_id: int, target: str, out: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--to",
            target,
            "-o",
            str(out),
            "--release",
            str(release_id),
            "--config",
            str(EXAMPLE / "behaviordiff.toml"),
            "--workspace",
            str(workspace.folder),
        ],
    )
    assert result.exit_code == 0, result.output


def test_a_carried_approval_is_exported_as_its_writers(
    example_release: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    workspace, first, project = example_release
    monkeypatch.setenv("BEHAVIORDIFF_ACTOR", "root")
    draft_release(workspace, first, project, drafter="template")
    monkeypatch.setenv("BEHAVIORDIFF_ACTOR", "wendy-writer")
    review = load_review(workspace, first)
    edits = {item.handle: item for item in review.items if item.record.kind == "edit"}
    rewritten = edits["C1.1"]
    body = str(rewritten.record.content["new_body"]) + "\n\nWendy's closing line."
    apply_edit(workspace, first, rewritten, {"new_body": body}, {})
    review = load_review(workspace, first)
    chosen = [item for item in review.items if item.handle in ("C1.1", "C2.1")]
    approve(workspace, first, chosen, despite_warnings=True)

    # the next release, run by another account: both approvals carry
    monkeypatch.setenv("BEHAVIORDIFF_ACTOR", "root")
    analysis = workspace.load_analysis(first)
    second = next_release(workspace, copy.deepcopy(analysis))
    draft_release(workspace, second, project, drafter="template")
    carried = {
        item.handle: item.record
        for item in load_review(workspace, second).items
        if item.record.kind == "edit" and item.record.status == "approved"
    }
    assert set(carried) == {"C1.1", "C2.1"}
    assert all(record.carried_from == first for record in carried.values())
    assert {record.updated_by for record in carried.values()} == {"wendy-writer"}

    csv_file = tmp_path / "edits.csv"
    _export(workspace, second, "csv", csv_file)
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert {row["handle"]: row["reviewer"] for row in rows} == {
        "C1.1": "wendy-writer",
        "C2.1": "wendy-writer",
    }
    zendesk = tmp_path / "zendesk.json"
    _export(workspace, second, "zendesk", zendesk)
    reviewers = {
        entry["draft"]["handle"]: entry["draft"]["reviewer"]
        for entry in json.loads(zendesk.read_text())["records"]
    }
    assert set(reviewers.values()) == {"wendy-writer"}
