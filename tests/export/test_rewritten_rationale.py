"""Trial 9 T7: once a writer rewrote an edit's body, the machine's reason (which quotes the
sentence the machine drafted, not in the body that goes out) is marked as the machine's reason
for its own draft, with who rewrote it, wherever it is shown beside the writer's body: the CSV
export, the HTML report; a reason the writer wrote is theirs, shown as it is."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.drafting import draft_release
from behaviordiff.review import apply_edit, approve, load_review
from tests.conftest import EXAMPLE

WRITERS_BODY = "Hi {{ticket.requester.first_name}}, we now refund your shipping. Wendy."


def _invoke(workspace: Any, *args: str) -> Any:
    result = CliRunner().invoke(
        app,
        [
            *args,
            "--config",
            str(EXAMPLE / "behaviordiff.toml"),
            "--workspace",
            str(workspace.folder),
        ],
    )
    assert result.exit_code == 0, result.output
    return result


def test_the_machines_reason_is_marked_under_a_writers_body(
    example_release: Any, tmp_path: Path
) -> None:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project, drafter="template")
    review = load_review(workspace, release_id)
    rewritten, own_reason = review.resolve(["C1.1", "C2.1"])
    machine_reason = str(rewritten.record.content["rationale"])
    assert machine_reason
    apply_edit(workspace, release_id, rewritten, {"new_body": WRITERS_BODY}, {}, actor="wendy")
    apply_edit(
        workspace,
        release_id,
        own_reason,
        {"new_body": WRITERS_BODY, "rationale": "Members get 45 days now."},
        {},
        actor="wendy",
    )
    review = load_review(workspace, release_id)
    approve(workspace, release_id, review.items, despite_warnings=True, actor="wendy")

    out = tmp_path / "edits.csv"
    _invoke(workspace, "export", "--to", "csv", "-o", str(out))
    rows = {
        row["handle"]: row
        for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    }
    assert rows["C1.1"]["new_body"] == WRITERS_BODY
    assert rows["C1.1"]["rationale"] == (
        f"Rewritten by wendy. The machine's reason for its own draft: {machine_reason}"
    )
    assert rows["C2.1"]["rationale"] == "Members get 45 days now."  # the writer's own reason
    untouched = [handle for handle in rows if handle not in ("C1.1", "C2.1")]
    assert untouched and all(
        not rows[handle]["rationale"].startswith("Rewritten by") for handle in untouched
    )

    report = tmp_path / "report.html"
    _invoke(workspace, "report", "-o", str(report))
    html = report.read_text(encoding="utf-8")
    assert "Rewritten by wendy. The machine&#39;s reason for its own draft:" in html or (
        "Rewritten by wendy. The machine's reason for its own draft:" in html
    )
