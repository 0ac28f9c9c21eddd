"""trial9 T5: an article edit rejected as a wrong draft does not mean the article needs no
change. The item stays on what CS is told ("Update … by hand", with the writer's reason), the
100% gate waits for CS's `ack done` on it, and only a rejection saying the item needs no
change (`not-a-behavior-change`, `expected-noise`) takes it off both."""

from __future__ import annotations

import pytest

from behaviordiff.errors import BehaviordiffError
from behaviordiff.publish.ack import acknowledge, mark_done
from behaviordiff.publish.state import load_state
from behaviordiff.review import load_review, reject
from tests.publish.conftest import Invoke, Release, approve_all, json_of


def _reject_c1_2(drafted: Release, reason: str, text: str) -> str:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    item = load_review(workspace, release_id).resolve(["C1.2"])[0]
    reject(workspace, release_id, item, reason, text)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    return item.title


def _gate(invoke: Invoke) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = invoke("gate", "--stage", "full", "--format", "json")
    return result.exit_code, json_of(result)


def test_an_article_edit_rejected_as_a_wrong_draft_stays_cs_work_until_done(
    invoke: Invoke, drafted: Release
) -> None:
    workspace, release_id, _ = drafted
    title = _reject_c1_2(drafted, "wrong-draft", "CS will rewrite the section by hand")

    changelog = json_of(invoke("changelog", "--format", "json"))
    actions = changelog["releases"][0]["changes"][0]["cs_actions"]
    [line] = [action for action in actions if f"“{title}”" in action]
    assert line.startswith(f"Update FAQ article “{title}” by hand:")
    assert "C1.2 was rejected: wrong draft: CS will rewrite the section by hand" in line
    assert "suggested edit attached" not in line
    text = invoke("changelog").stdout
    assert f"“{title}” by hand" in text

    code, data = _gate(invoke)
    assert code == 1 and data["roles"] == ["cs"]
    [missing] = data["missing"]
    assert missing["subject"] == "C1.2" and "still states the old behavior" in missing["message"]
    assert "ack done" in missing["fix"] and "not-a-behavior-change" in missing["fix"]
    rows = json_of(invoke("ack", "list", "--format", "json"))
    assert any(
        edit["handle"] == "C1.2" and edit["by_hand"]
        for row in rows["changes"]
        for edit in row["edits"]
    ), rows

    drafts = json_of(invoke("review", "list", "--format", "json"))["drafts"]
    assert [d["handle"] for d in drafts if d["by_hand"]] == ["C1.2"]
    assert "still needs an edit" in " ".join(invoke("review", "list").stdout.split())
    assert "C1.2" in invoke("ack", "list").stdout
    assert "rewrites it by hand" in " ".join(invoke("ack", "list").stdout.split())

    # CS rewrote the article by hand: the gate opens
    done = invoke("ack", "done", "C1.2", "--by", "Sam (CS)")
    assert done.exit_code == 0, done.output
    assert _gate(invoke)[0] == 0
    assert load_state(workspace, release_id).by_hand(
        load_review(workspace, release_id).resolve(["C1.2"])[0]
    )


@pytest.mark.parametrize("reason", ["not-a-behavior-change", "expected-noise"])
def test_an_edit_rejected_as_needing_no_change_is_off_cs_list_and_gate(
    invoke: Invoke, drafted: Release, reason: str
) -> None:
    workspace, release_id, _ = drafted
    title = _reject_c1_2(drafted, reason, "the article says nothing about it")
    actions = json_of(invoke("changelog", "--format", "json"))["releases"][0]["changes"][0][
        "cs_actions"
    ]
    assert not any(f"“{title}”" in action for action in actions)
    assert _gate(invoke)[0] == 0
    drafts = json_of(invoke("review", "list", "--format", "json"))["drafts"]
    assert not any(d["by_hand"] for d in drafts)
    item = load_review(workspace, release_id).resolve(["C1.2"])[0]
    with pytest.raises(BehaviordiffError, match="not approved"):
        mark_done(workspace, release_id, [item.handle], all_approved=False, by="Sam")


def test_a_rejected_edit_carrying_two_changes_keeps_both_on_cs_list(
    invoke: Invoke, drafted: Release
) -> None:
    """trial10 T7: one edit of an item carries two changes' parts (filed under C1; C2's note
    says "the suggested edit is attached to C1"). Rejected as a wrong draft, the item still
    states both old rules: C2 keeps its line, by hand; C1's line and the gate name both."""
    from tests.publish.conftest import edit

    workspace, release_id, _ = drafted
    item = load_review(workspace, release_id).resolve(["C1.2"])[0]
    title = item.title
    note = load_review(workspace, release_id).resolve(["C2"])[0]
    actions = list(note.record.content["cs_actions"])
    shared = (
        f"Update FAQ article “{title}”: it says “Members return in 30 days.”, which is no "
        "longer true (the suggested edit is attached to C1)."
    )
    edit(workspace, release_id, "C2", {"cs_actions": [shared, *actions]})
    _reject_c1_2(drafted, "wrong-draft", "CS will rewrite the section by hand")

    changes = json_of(invoke("changelog", "--format", "json"))["releases"][0]["changes"]
    [c1_line] = [a for a in changes[0]["cs_actions"] if f"“{title}”" in a]
    [c2_line] = [a for a in changes[1]["cs_actions"] if f"“{title}”" in a]
    assert c2_line.startswith(f"Update FAQ article “{title}” by hand: it says “Members return")
    assert "C1.2 was rejected" in c2_line and "attached" not in c2_line
    assert "Members return in 30 days." in c1_line and "C2" in c1_line
    assert "Members return in 30 days" in invoke("changelog").stdout

    code, data = _gate(invoke)
    assert code == 1
    [missing] = data["missing"]
    assert missing["subject"] == "C1.2" and "C2" in missing["message"]
    assert "C2" in " ".join(invoke("ack", "list").stdout.split())
    assert invoke("ack", "done", "C1.2", "--by", "Sam (CS)").exit_code == 0
    assert _gate(invoke)[0] == 0
