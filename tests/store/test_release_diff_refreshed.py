"""A release analysed again stores the versions' diff the analysis read: the drafts then read
the hunks the analysis attributed, even when a newer behaviordiff pairs the sentences
otherwise than the one that made the release."""

from __future__ import annotations

from pathlib import Path

from behaviordiff.store import Workspace


def test_the_stored_diff_is_replaced(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
    release = workspace.create_release(
        base_label="v1", head_label="v2", diff={"prompt": [{"id": "H1", "kind": "old"}]}
    )
    workspace.set_release_diff(release.id, {"prompt": [{"id": "H1", "kind": "new"}]})
    assert workspace.release_diff(release.id) == {"prompt": [{"id": "H1", "kind": "new"}]}
    # a release made with no diff gets one
    bare = workspace.create_release(base_label="v1", head_label="v3")
    workspace.set_release_diff(bare.id, {"prompt": []})
    assert workspace.release_diff(bare.id) == {"prompt": []}
