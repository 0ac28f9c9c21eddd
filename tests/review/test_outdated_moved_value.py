"""trial9 T22: an outdated writer's text that still states the value the machine draft moved
from is not approved silently, even when that old value still occurs somewhere in the
evidence (a probe at the old bound, the old prompt): the moved value is itself the warning."""

from __future__ import annotations

import copy
import json

from behaviordiff.detect.model import BehaviorChange
from behaviordiff.drafting import draft_release
from behaviordiff.pipeline.review import approve, moved_fields, writer_groundings
from behaviordiff.review import apply_edit
from tests.review.releases import next_release, note_of


def _bound_moved(change: BehaviorChange) -> BehaviorChange:
    """The change with its delay bound at 72 hours instead of 48 (probes at 48 hours stay)."""
    text = json.dumps(change.to_dict())
    for old, new in (("> 48", "> 72"), (">= 48", ">= 72"), ('"value": 48.0', '"value": 72.0')):
        text = text.replace(old, new)
    return BehaviorChange.from_dict(json.loads(text))


def test_an_outdated_text_keeping_a_moved_bound_waits_although_the_evidence_has_it(
    example_release,
) -> None:
    workspace, example, project = example_release
    analysis = copy.deepcopy(workspace.load_analysis(example))
    assert analysis is not None
    first = next_release(workspace, analysis)
    draft_release(workspace, first, project, drafter="template")
    note = note_of(workspace, first, "C1")
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
    second = next_release(workspace, moved)
    draft_release(workspace, second, project, drafter="template")
    carried = note_of(workspace, second, "C1")
    assert carried.state.look_again == "outdated"
    assert any("48" in part and "72" in part for part in moved_fields(workspace, carried))

    blocked = approve(workspace, second, [carried])
    assert not blocked.approved
    [item] = blocked.blocked
    assert any("48" in warning and "72" in warning for warning in item.record.open_warnings), (
        item.record.open_warnings
    )

    forced = approve(workspace, second, [note_of(workspace, second, "C1")], despite_warnings=True)
    assert [i.handle for i in forced.approved] == ["C1"]
