"""Helpers the review tests share: a next release of the example with a given analysis, and a
change's note in a release's review."""

from __future__ import annotations

from behaviordiff.detect.model import Analysis
from behaviordiff.review import ReviewItem, load_review


def next_release(workspace, analysis: Analysis) -> int:
    """A new release of the example (support-v1 → support-v3, the latest release's diff) whose
    analysis is `analysis`."""
    release = workspace.create_release(
        base_label="support-v1",
        head_label="support-v3",
        diff=workspace.release_diff(workspace.require_latest_release().id),
    )
    workspace.save_analysis(release.id, analysis)
    return release.id


def note_of(workspace, release_id: int, handle: str) -> ReviewItem:
    review = load_review(workspace, release_id)
    return next(i for i in review.items if i.record.kind == "note" and i.handle == handle)
