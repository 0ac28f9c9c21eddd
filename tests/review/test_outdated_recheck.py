"""An outdated writer's text is checked again against the evidence it stands on now before it
is approved: a carried title that still states a value the new machine draft moved from is
blocked like a fresh edit stating it, says what moved, and an approval given anyway (the
writer's explicit choice) is recorded with the warning dismissed."""

from __future__ import annotations

import copy
import json

from behaviordiff.detect.model import BehaviorChange
from behaviordiff.drafting import draft_release
from behaviordiff.pipeline.review import approve, moved_fields, writer_groundings
from behaviordiff.review import Review, apply_edit
from tests.review.releases import next_release, note_of


def _with_value(change: BehaviorChange, value: str) -> BehaviorChange:
    """The change with its refund (50 in the example, in its calls and replies) at `value`."""
    return BehaviorChange.from_dict(json.loads(json.dumps(change.to_dict()).replace("50", value)))


def test_an_outdated_text_stating_a_moved_value_is_not_approved_silently(
    example_release,
) -> None:
    workspace, example, project = example_release
    analysis = copy.deepcopy(workspace.load_analysis(example))
    assert analysis is not None
    analysis.changes[0] = _with_value(analysis.changes[0], "35")
    first = next_release(workspace, analysis)
    draft_release(workspace, first, project, drafter="template")
    note = note_of(workspace, first, "C1")
    outcome = apply_edit(
        workspace,
        first,
        note,
        {"title": "Late orders: we refund 35% of shipping"},
        writer_groundings(workspace, first),
    )
    assert outcome.warnings == []  # 35 is in this release's evidence
    assert approve(workspace, first, [outcome.item]).approved

    # the refund moves to 65: in the change's tool call and in what the agent says
    moved = copy.deepcopy(analysis)
    moved.changes[0] = _with_value(workspace.load_analysis(example).changes[0], "65")
    second = next_release(workspace, moved)
    draft_release(workspace, second, project, drafter="template")
    carried = note_of(workspace, second, "C1")
    assert carried.state.look_again == "outdated"
    assert carried.record.content["title"] == "Late orders: we refund 35% of shipping"
    assert any("35" in part and "65" in part for part in moved_fields(workspace, carried))

    blocked = approve(workspace, second, [carried])
    assert not blocked.approved
    [item] = blocked.blocked
    assert any("35" in warning for warning in item.record.open_warnings)
    stored = note_of(workspace, second, "C1")
    assert stored.record.status == "edited"
    assert stored.state.look_again == "outdated"  # the check is not a writer's look

    forced = approve(workspace, second, [stored], despite_warnings=True)
    assert [i.handle for i in forced.approved] == ["C1"]
    assert any(w.startswith("C1 was outdated: the machine draft moved") for w in forced.warnings)
    assert note_of(workspace, second, "C1").record.open_warnings == []


def _carried(change_id: str) -> Review:
    entry = {
        "kind": "note",
        "key": "change-new",
        "change_id": change_id,
        "item_key": None,
        "from_release": 1,
        "from_key": "change-old",
        "from_change_id": "C1",
        "matched_by": "same shape",
        "from_status": "approved",
        "status": "edited",
        "outdated": True,
        "writer_text": True,
    }
    return Review(2, [], carry={"renumbered": [entry], "dropped": []})


def test_a_carried_change_is_called_renumbered_only_when_its_id_moved() -> None:
    [kept] = _carried("C1").carry_lines()
    assert "the same change (same shape)" in kept and "renumbered" not in kept
    [moved] = _carried("C2").carry_lines()
    assert "the same change renumbered (same shape)" in moved


def test_the_apps_outdated_line_names_what_moved() -> None:
    from behaviordiff.review import ReviewItem
    from behaviordiff.store.drafts import DraftRecord
    from behaviordiff.tui.text import look_again_text

    record = DraftRecord(
        release_id=2,
        kind="note",
        key="change-x",
        change_id="C1",
        item_key=None,
        status="edited",
        origin="template",
        content={"title": "Call-outs cost £40"},
        generated={"title": "Call-outs cost £55"},
        updated_at="2026-12-02T00:00:00+00:00",
        updated_by="writer",
        carried_from=1,
        outdated=True,
        edited_by="writer",
    )
    item = ReviewItem("C1", record)
    said = look_again_text(item, ["title: £40 → £55"])
    assert said is not None and "(title: £40 → £55)" in said and said.startswith("outdated")
    assert "reads differently now" in (look_again_text(item) or "")  # nothing known: as before
