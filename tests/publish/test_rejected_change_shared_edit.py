"""trial11 T5: the one edit of an item is filed under one change while another change's note
relies on it ("the suggested edit is attached to C1"). Rejecting the change it is filed
under does not drop it: it goes on with the change that relies on it (exported once
approved, gated, named in that change's action line), the rejection warns naming them, and
`ack list` says what of a rejected change is not for CS (T6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.review import load_review
from behaviordiff.store import Workspace
from tests.conftest import EXAMPLE
from tests.publish.conftest import Invoke, Release, approve_all, edit, json_of


def _c2_relies_on_c1_1(workspace: Workspace, release_id: int) -> str:
    """C2's note tells CS to update the item of C1's edit C1.1; the item's name."""
    review = load_review(workspace, release_id)
    [item, note] = review.resolve(["C1.1", "C2"])
    noun = "macro" if item.label == "macro" else "FAQ article"
    target = f"{noun} “{item.title}”"
    shared = (
        f"Update {target}: it says “Members return in 30 days.”, which is no longer true "
        "(the suggested edit is attached to C1)."
    )
    edit(workspace, release_id, "C2", {"cs_actions": [shared, *note.record.content["cs_actions"]]})
    return target


@pytest.fixture
def shared(invoke: Invoke, drafted: Release) -> str:
    workspace, release_id, _ = drafted
    target = _c2_relies_on_c1_1(workspace, release_id)
    approve_all(workspace, release_id)
    return target


def _gate(invoke: Invoke) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = invoke("gate", "--stage", "full", "--format", "json")
    return result.exit_code, json_of(result)


def test_rejecting_a_change_keeps_the_edit_another_approved_change_relies_on(
    invoke: Invoke, shared: str, tmp_path: Path
) -> None:
    rejected = invoke(
        "review",
        "reject",
        "C1",
        "--reason",
        "other",
        "--text",
        "wrong condition",
        "--format",
        "json",
    )
    assert rejected.exit_code == 0, rejected.output
    [warning] = json_of(rejected)["warnings"]
    assert warning.startswith("C2 relies on C1.1") and "kept for C2" in warning
    text = invoke("review", "reject", "C1", "--reason", "other", "--text", "again")
    assert "C2 relies on C1.1" in " ".join(text.output.split())

    drafts = {
        d["handle"]: d for d in json_of(invoke("review", "list", "--format", "json"))["drafts"]
    }
    assert drafts["C1.1"]["carried_by"] == "C2" and not drafts["C1.1"]["change_rejected"]
    assert drafts["C1.2"]["carried_by"] is None and drafts["C1.2"]["change_rejected"]
    assert "kept for C2" in " ".join(invoke("review", "list").stdout.split())

    config = str(EXAMPLE / "behaviordiff.toml")
    out = str(tmp_path / "edits.csv")
    exported = invoke("export", "--to", "csv", "-o", out, "-c", config, "--format", "json")
    assert exported.exit_code == 0, exported.output
    assert [e["handle"] for e in json_of(exported)["exported"]] == ["C1.1", "C2.1", "C2.2"]

    changes = {
        c["handle"]: c
        for c in json_of(invoke("changelog", "--format", "json"))["releases"][0]["changes"]
    }
    assert "C1" not in changes
    [line] = [a for a in changes["C2"]["cs_actions"] if a.startswith(f"Update {shared}:")]
    assert "(the suggested edit is C1.1)" in line and "attached to C1" not in line
    assert [e["handle"] for e in changes["C2"]["edits"]] == ["C2.1", "C2.2", "C1.1"]

    assert invoke("ack", "--all", "--by", "Sam (CS)").exit_code == 0
    assert invoke("ack", "done", "C2.1", "C2.2", "--by", "Sam (CS)").exit_code == 0
    code, data = _gate(invoke)
    assert code == 1 and [m["subject"] for m in data["missing"]] == ["C1.1"], data
    assert invoke("ack", "done", "C1.1", "--by", "Sam (CS)").exit_code == 0
    assert _gate(invoke)[0] == 0


def test_a_relied_on_edit_rejected_as_a_wrong_draft_is_rewritten_by_hand_for_the_other(
    invoke: Invoke, shared: str
) -> None:
    assert invoke("review", "reject", "C1.1", "--reason", "wrong-draft").exit_code == 0
    assert invoke("review", "reject", "C1", "--reason", "other", "--text", "x").exit_code == 0
    [c2] = json_of(invoke("changelog", "--format", "json"))["releases"][0]["changes"]
    [line] = [a for a in c2["cs_actions"] if a.startswith(f"Update {shared}")]
    assert line.startswith(f"Update {shared} by hand:") and "C1.1 was rejected" in line
    assert invoke("ack", "--all", "--by", "Sam (CS)").exit_code == 0
    assert invoke("ack", "done", "C2.1", "C2.2", "--by", "Sam (CS)").exit_code == 0
    code, data = _gate(invoke)
    assert code == 1 and [m["subject"] for m in data["missing"]] == ["C1.1"], data
    assert "still states the old behavior" in data["missing"][0]["message"]


def test_ack_list_says_a_rejected_change_and_its_edits_are_not_for_cs(
    invoke: Invoke, drafted: Release
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    assert invoke("review", "reject", "C1", "--reason", "other", "--text", "x").exit_code == 0
    text = invoke("ack", "list").stdout
    lines = {line.split()[0]: " ".join(line.split()) for line in text.splitlines() if line}
    assert lines["C1"].endswith("· rejected: not for CS"), text
    assert lines["C1.1"].endswith("· change C1 rejected: not for CS"), text
    assert "not approved yet" not in text and "not pushed" not in lines["C1.1"]
    rows = json_of(invoke("ack", "list", "--format", "json"))["changes"]
    c1 = next(row for row in rows if row["handle"] == "C1")
    assert c1["for_cs"] is False and not any(e["for_cs"] for e in c1["edits"])
