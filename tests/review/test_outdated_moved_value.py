"""trial9 T22: an outdated writer's text that still states the value the machine draft moved
from is not approved silently, even when that old value still occurs somewhere in the
evidence (a probe at the old bound, the old prompt): the moved value is itself the warning."""

from __future__ import annotations

import copy
import json

from behaviordiff.detect.model import Analysis, BehaviorChange
from behaviordiff.drafting import draft_release
from behaviordiff.pipeline.review import approve, moved_fields, writer_groundings
from behaviordiff.review import apply_edit, load_review


def _next_release(workspace, analysis: Analysis) -> int:
    release = workspace.create_release(
        base_label="support-v1",
        head_label="support-v3",
        diff=workspace.release_diff(workspace.require_latest_release().id),
    )
    workspace.save_analysis(release.id, analysis)
    return release.id


def _bound_moved(change: BehaviorChange) -> BehaviorChange:
    """The change with its delay bound at 72 hours instead of 48 (probes at 48 hours stay)."""
    text = json.dumps(change.to_dict())
    for old, new in (("> 48", "> 72"), (">= 48", ">= 72"), ('"value": 48.0', '"value": 72.0')):
        text = text.replace(old, new)
    return BehaviorChange.from_dict(json.loads(text))


def _note(workspace, release_id: int, handle: str):
    review = load_review(workspace, release_id)
    return next(i for i in review.items if i.record.kind == "note" and i.handle == handle)


def test_an_outdated_text_keeping_a_moved_bound_waits_although_the_evidence_has_it(
    example_release,
) -> None:
    workspace, example, project = example_release
    analysis = copy.deepcopy(workspace.load_analysis(example))
    assert analysis is not None
    first = _next_release(workspace, analysis)
    draft_release(workspace, first, project, drafter="template")
    note = _note(workspace, first, "C1")
    outcome = apply_edit(
        workspace,
        first,
        note,
        {"title": "Orders late more than 48 hours: we refund part of the shipping"},
        writer_groundings(workspace, first),
    )
    assert outcome.warnings == []
    assert approve(workspace, first, [outcome.item]).approved

    moved = copy.deepcopy(analysis)
    moved.changes[0] = _bound_moved(analysis.changes[0])
    second = _next_release(workspace, moved)
    draft_release(workspace, second, project, drafter="template")
    carried = _note(workspace, second, "C1")
    assert carried.state.look_again == "outdated"
    assert any("48" in part and "72" in part for part in moved_fields(workspace, carried))

    blocked = approve(workspace, second, [carried])
    assert not blocked.approved
    [item] = blocked.blocked
    assert any("48" in warning and "72" in warning for warning in item.record.open_warnings), (
        item.record.open_warnings
    )

    forced = approve(workspace, second, [_note(workspace, second, "C1")], despite_warnings=True)
    assert [i.handle for i in forced.approved] == ["C1"]
