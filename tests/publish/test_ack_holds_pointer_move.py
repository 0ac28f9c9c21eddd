"""trial9 T13/T14: an approved, acknowledged and delivered note stays so in the next release
when the only move under it is where its action line says a suggested edit is filed (another
change's edit of the same article now carries it: "(the suggested edit is attached to C2)").
When the text CS acknowledged did move with no writer editing it, CS is told so, not that
"the note was edited since"."""

from __future__ import annotations

from typing import Any

from behaviordiff.publish.ack import acknowledge, mark_done
from behaviordiff.publish.gate import evaluate
from behaviordiff.publish.state import load_state
from behaviordiff.review import approve, load_review
from behaviordiff.store.drafts import DraftRow, DraftStore
from tests.publish.conftest import Release, approve_all, edit


def _next_release(drafted: Release, change_note: Any) -> int:
    """A release drafted from the same machine text, C1's note changed by `change_note`."""
    workspace, release_id, _ = drafted
    rows = []
    for record in DraftStore(workspace).drafts(release_id):
        content = dict(record.generated)
        if record.kind == "note" and record.change_id == "C1":
            content = change_note(content)
        rows.append(
            DraftRow(
                record.kind, record.key, record.change_id, record.item_key, record.origin, content
            )
        )
    newer = workspace.create_release(base_label="support-v1", head_label="support-v3")
    workspace.save_analysis(newer.id, workspace.load_analysis(release_id))
    DraftStore(workspace).save_generated(newer.id, rows)
    return newer.id


def _acked_and_done(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    edit(workspace, release_id, "C1", {"title": "Late orders over $50 get a shipping refund"})
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam (CS)")


def _pointer_moved(content: dict[str, Any]) -> dict[str, Any]:
    actions = list(content["cs_actions"])
    index = next(i for i, a in enumerate(actions) if "(suggested edit attached)" in a)
    actions[index] = actions[index].replace(
        "(suggested edit attached)", "(the suggested edit is attached to C2)"
    )
    return {**content, "cs_actions": actions}


def test_a_note_whose_only_move_is_the_edit_pointer_stays_approved_and_acknowledged(
    drafted: Release,
) -> None:
    _acked_and_done(drafted)
    workspace = drafted[0]
    newer = _next_release(drafted, _pointer_moved)
    [note] = load_review(workspace, newer).resolve(["C1"])
    assert note.record.status == "approved" and note.state.look_again is None
    assert "(the suggested edit is attached to C2)" in "\n".join(note.record.content["cs_actions"])
    state = load_state(workspace, newer)
    change = state.change("C1")
    assert change is not None and change.acked and not change.ack_outdated
    canary = evaluate(state, "canary")
    assert not [m for m in canary.missing if m.subject == "C1"]


def test_an_acknowledgement_of_moved_machine_lines_says_no_writer_edited_it(
    drafted: Release,
) -> None:
    _acked_and_done(drafted)
    workspace = drafted[0]

    def when_moved(content: dict[str, Any]) -> dict[str, Any]:
        return {**content, "when": "Orders over $50 delayed more than 72 hours."}

    newer = _next_release(drafted, when_moved)
    [note] = load_review(workspace, newer).resolve(["C1"])
    assert note.state.look_again == "outdated"
    approve(workspace, newer, [note], despite_warnings=True)
    full = evaluate(load_state(workspace, newer), "full")
    [line] = [m for m in full.missing if m.subject == "C1"]
    assert "for an earlier text" in line.message
    assert "edited since" not in line.message and "no writer edited it" in line.message
