"""A rerun that lands on an older release (its versions, probes and samples all held there)
makes that release the current one: after a run that broke (#2, no analysis) and the fix
reverted, the rerun reports #1, and review, gate and export read #1 by default, not the
broken #2 whose fix ("run the same versions again") cannot be done any more. A new release
made after is current again; a stopped run still resumes the newest release made."""

from __future__ import annotations

from typing import Any

from behaviordiff.pipeline.releases import release_to_review
from behaviordiff.publish.state import load_state
from behaviordiff.store.runs import RunStore


def test_a_rerun_of_an_older_release_makes_it_current(example_release: Any) -> None:
    workspace, first, _ = example_release
    broken = workspace.create_release(
        base_label="support-v1", head_label="support-v2-broken", diff=None
    )
    assert workspace.latest_release().id == broken.id
    assert release_to_review(workspace).release.id == broken.id

    workspace.log("run.unchanged", release_id=first, detail={"runs": 12})
    assert workspace.latest_release().id == first
    assert [release.id for release in workspace.releases()] == [first, broken.id]
    assert release_to_review(workspace).release.id == first
    assert load_state(workspace, workspace.latest_release().id).release.id == first
    assert workspace.newest_release().id == broken.id  # what a stopped run resumes
    assert RunStore(workspace).latest_planned() is None or (
        RunStore(workspace).latest_planned()[0].id == broken.id
    )

    later = workspace.create_release(base_label="support-v2", head_label="support-v3", diff=None)
    assert workspace.latest_release().id == later.id
