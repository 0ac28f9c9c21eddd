"""trial10 T15: what CS did for an earlier release holds where the later release asks for the
same thing. An edit whose body is byte for byte the one CS applied (marked done or pushed) in
an earlier release is in the helpdesk, whatever moved around it (its rationale, its change's
key); an acknowledgement of a note whose change a later run renumbered is reported for that
note, as an acknowledgement of an earlier text when the text moved, never as none."""

from __future__ import annotations

import copy

from behaviordiff.drafting import draft_release
from behaviordiff.publish.ack import acknowledge, mark_done
from behaviordiff.publish.state import load_state
from behaviordiff.review import approve, load_review
from tests.publish.conftest import Release, approve_all, edit
from tests.review.releases import next_release


def _first(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam (CS)")


def test_an_applied_body_holds_when_only_the_rationale_moved(drafted: Release) -> None:
    workspace, first, project = drafted
    _first(drafted)
    analysis = workspace.load_analysis(first)
    assert analysis is not None
    second = next_release(workspace, copy.deepcopy(analysis))
    draft_release(workspace, second, project, drafter="template")
    edit(workspace, second, "C1.1", {"rationale": "The writer's own reason, reworded."})
    review = load_review(workspace, second)
    approve(workspace, second, review.resolve(["C1.1"]), despite_warnings=True)
    state = load_state(workspace, second)
    item = state.changes[0].edits[0]
    assert item.handle == "C1.1" and item.record.status == "approved"
    assert state.applied(item.record.key), state.delivered


def test_an_ack_and_a_delivery_follow_a_renumbered_change(drafted: Release) -> None:
    workspace, first, project = drafted
    _first(drafted)
    before = load_state(workspace, first)
    analysis = copy.deepcopy(workspace.load_analysis(first))
    assert analysis is not None
    refund = analysis.changes[0]
    refund.after = [*refund.after, "lookup_order()"]  # the change's key moves
    second = next_release(workspace, analysis)
    draft_release(workspace, second, project, drafter="template")
    approve_all(workspace, second)
    state = load_state(workspace, second)
    old, new = before.changes[0], state.changes[0]
    assert new.key != old.key  # the change's key moved with its actions
    assert new.ack is not None and new.ack.release_id == first
    assert new.acked or new.ack_outdated  # never "not acknowledged"
    [article] = [e for e in new.edits if e.label != "macro"]
    [was] = [e for e in old.edits if e.record.item_key == article.record.item_key]
    assert article.record.content["new_body"] == was.record.content["new_body"]
    assert article.record.key != was.record.key
    assert state.applied(article.record.key)
    [macro] = [e for e in new.edits if e.label == "macro"]
    [was_macro] = [e for e in old.edits if e.label == "macro"]
    if macro.record.content["new_body"] != was_macro.record.content["new_body"]:
        assert not state.applied(macro.record.key)  # another body: CS applies it again
