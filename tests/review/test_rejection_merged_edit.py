"""trial9 T12: a writer rejected one change's edit of an article; the next release drafts one
edit of that article for two changes (the rejected sentences folded into the other change's
edit). The rejection is not dropped as "its change is no longer found" (it is found): the
carry report says where the part went, and the edit carrying it has an open warning naming
the rejection, so it is not approved (and exported) silently."""

from __future__ import annotations

import pytest

from behaviordiff.review import approve, load_review, reject
from behaviordiff.store.drafts import DraftRow, DraftStore
from tests.conftest import DraftedSnapshots
from tests.publish.conftest import Release


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    return drafted_snapshots.restore(example_release)


def test_a_rejected_edit_folded_into_another_changes_edit_is_carried_as_a_warning(
    drafted: Release,
) -> None:
    workspace, release_id, _ = drafted
    review = load_review(workspace, release_id)
    [rejected] = review.resolve(["C1.2"])
    reject(workspace, release_id, rejected, "wrong-draft", "CS rewrites the section by hand")
    [c2] = review.resolve(["C2"])
    store = DraftStore(workspace)
    records = store.drafts(release_id)
    # the next release: the same changes, C1's article edit now part of C2's edit of it
    rows = [
        DraftRow(r.kind, r.key, r.change_id, r.item_key, r.origin, dict(r.generated))
        for r in records
        if r.key != rejected.record.key
    ]
    merged_key = f"{c2.record.key}:{rejected.record.item_key}"
    rows.append(
        DraftRow(
            "edit",
            merged_key,
            c2.record.change_id,
            rejected.record.item_key,
            "template",
            {**rejected.record.generated, "rationale": "It also carries C1's edit."},
        )
    )
    newer = workspace.create_release(base_label="support-v1", head_label="support-v3")
    store.save_generated(newer.id, rows)

    [dropped] = store.carry_report(newer.id)["dropped"]
    assert dropped["key"] == rejected.record.key
    assert "no longer found" not in dropped["why"]
    assert "C2" in dropped["why"] and "open warning" in dropped["why"]

    carrying = next(
        item for item in load_review(workspace, newer.id).items if item.record.key == merged_key
    )
    [warning] = carrying.record.open_warnings
    assert "rejected in release" in warning and "CS rewrites the section by hand" in warning
    outcome = approve(workspace, newer.id, [carrying])
    assert not outcome.approved and [i.handle for i in outcome.blocked] == [carrying.handle]

    # a second drafting pass says it once
    store.save_generated(newer.id, rows)
    carrying = next(
        item for item in load_review(workspace, newer.id).items if item.record.key == merged_key
    )
    assert carrying.record.open_warnings == [warning]


def test_an_approved_edit_carrying_a_rejected_part_is_not_said_to_be_warned(
    drafted: Release,
) -> None:
    workspace, release_id, _ = drafted
    review = load_review(workspace, release_id)
    [rejected] = review.resolve(["C1.2"])
    reject(workspace, release_id, rejected, "wrong-draft", "hand rewrite")
    [c2] = review.resolve(["C2"])
    store = DraftStore(workspace)
    merged_key = f"{c2.record.key}:{rejected.record.item_key}"
    rows = [
        DraftRow(r.kind, r.key, r.change_id, r.item_key, r.origin, dict(r.generated))
        for r in store.drafts(release_id)
        if r.key != rejected.record.key
    ]
    rows.append(
        DraftRow(
            "edit",
            merged_key,
            c2.record.change_id,
            rejected.record.item_key,
            "template",
            dict(rejected.record.generated),
        )
    )
    newer = workspace.create_release(base_label="support-v1", head_label="support-v3")
    store.save_generated(newer.id, rows)
    carrying = next(
        item for item in load_review(workspace, newer.id).items if item.record.key == merged_key
    )
    approve(workspace, newer.id, [carrying], despite_warnings=True)
    store.save_generated(newer.id, rows)  # a second pass, the edit approved now
    [dropped] = store.carry_report(newer.id)["dropped"]
    assert "was approved with this rejected part in it" in dropped["why"]
