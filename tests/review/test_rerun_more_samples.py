"""A rerun of the same two versions keeps a writer's approvals while the drafts read the same
(trial 10, T14: "each `--samples N` rerun reopens approvals"). The demo's own "Next" lines
suggest `run agents/support-v1 agents/support-v2 --samples 5` after the writer approved
everything: every approval carries, and the run says so. A probe edited so that one note
states other amounts takes back that note's approval alone, and `review list` names what
moved in it since the approval (text and `--format json`)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CliRunner, Demo

RUN = ("run", "agents/support-v1", "agents/support-v2")


def _listed(cli: CliRunner, demo: Demo) -> dict[str, Any]:
    result = cli("review", "list", "--format", "json", cwd=demo.folder)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.xdist_group("demo")
def test_more_samples_keep_the_approvals_of_drafts_that_read_the_same(
    demo: Demo, cli: CliRunner
) -> None:
    approved = cli("review", "approve", "--all", cwd=demo.folder)
    assert approved.exit_code == 0, approved.stderr
    before = _listed(cli, demo)
    assert {draft["status"] for draft in before["drafts"]} == {"approved"}

    more = cli(*RUN, "--samples", "5", cwd=demo.folder)
    assert more.exit_code == 0, more.stderr
    said = " ".join(more.stdout.split())
    assert f"{len(before['drafts'])} review decisions carried over" in said
    assert "back to draft" not in said
    after = _listed(cli, demo)
    assert after["release_id"] != before["release_id"]
    assert [(d["handle"], d["status"], d["look_again"]) for d in after["drafts"]] == [
        (d["handle"], "approved", None) for d in before["drafts"]
    ]
    # who approved it stays the writer's
    assert [d["updated_at"] for d in after["drafts"]] == [d["updated_at"] for d in before["drafts"]]
    status = cli("review", "status", "--format", "json", cwd=demo.folder)
    assert json.loads(status.stdout)["complete"] is True

    # one probe's shipping fee moved: the note quoting the refunded amounts reads differently
    probes = demo.folder / "probes" / "core.yaml"
    text = probes.read_text()
    fee = "order_id: A1042, total: 120.0, shipping_fee: 9.0,"
    assert text.count(fee) == 1
    probes.write_text(text.replace(fee, fee.replace("9.0", "11.0")))
    moved = cli(*RUN, "--samples", "3", cwd=demo.folder)
    assert moved.exit_code == 0, moved.stderr
    said = " ".join(moved.stdout.split())
    assert "1 approved draft(s) read differently now and are back to draft" in said
    drafts = {d["handle"]: d for d in _listed(cli, demo)["drafts"]}
    assert (drafts["C1"]["status"], drafts["C1"]["look_again"]) == ("draft", "reopened")
    assert "$5.50" in drafts["C1"]["content"]["after"]
    assert drafts["C1"]["moved"] == ["after: $4.50 → $5.50"]
    assert all("moved" not in d for handle, d in drafts.items() if handle != "C1")
    listed = cli("review", "list", cwd=demo.folder).stdout
    [line] = [line for line in listed.splitlines() if line.startswith("C1 ")]
    assert line.endswith("· changed since approval (after: $4.50 → $5.50)")
    assert {handle for handle, d in drafts.items() if d["status"] == "approved"} == {
        "C1.1",
        "C1.2",
        "C2",
        "C2.1",
        "C2.2",
    }


def test_the_apps_changed_since_approval_line_names_what_moved() -> None:
    from behaviordiff.review import ReviewItem
    from behaviordiff.store.drafts import DraftRecord
    from behaviordiff.tui.text import look_again_text

    record = DraftRecord(
        release_id=3,
        kind="note",
        key="change-deposit",
        change_id="C1",
        item_key=None,
        status="draft",
        origin="template",
        content={"title": "Booking deposit 20% → 25%"},
        generated={"title": "Booking deposit 20% → 25%"},
        updated_at="2026-12-02T00:00:00+00:00",
        updated_by="writer",
        carried_from=2,
        outdated=True,
    )
    item = ReviewItem("C1", record)
    said = look_again_text(item, ["title: 30% → 25%"])
    assert said == (
        "the draft changed since its approval in release #2 (title: 30% → 25%); read it, "
        "then approve it again"
    )
    # nothing known: as before
    assert look_again_text(item) == (
        "the draft changed since its approval in release #2; read it, then approve it again"
    )
