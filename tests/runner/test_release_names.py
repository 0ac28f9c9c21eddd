"""Release names tell apart working-tree runs of the same labels: a folder side whose content
differs from an earlier release of the same labels carries its fingerprint; a rerun of the
same contents keeps its name; git refs carry their commit as before."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from behaviordiff.runner.service import release_name
from behaviordiff.store import Workspace


def _version(label: str, fingerprint: str, git_ref: str | None = None) -> Any:
    short = f"{git_ref}@1234567" if git_ref else label
    return SimpleNamespace(
        label=label, short_label=short, git_ref=git_ref, fingerprint=lambda: fingerprint
    )


def _record(workspace: Workspace, pair: Any) -> str:
    name = release_name(workspace, pair)
    workspace.create_release(
        name=name,
        base_label=pair.base.label,
        head_label=pair.head.label,
        settings={
            "versions": {
                side: {"fingerprint": getattr(pair, side).fingerprint()}
                for side in ("base", "head")
            }
        },
    )
    return name


def test_a_working_tree_edited_between_runs_gets_a_name_of_its_own(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws") as workspace:
        base = _version("HEAD:agent", "b" * 16, git_ref="HEAD")
        first = SimpleNamespace(base=base, head=_version("agent", "a" * 16))
        assert _record(workspace, first) == "HEAD@1234567 → agent"
        edited = SimpleNamespace(base=base, head=_version("agent", "c" * 16))
        assert _record(workspace, edited) == "HEAD@1234567 → agent@ccccccc"
        # a rerun of contents run before keeps that run's name
        assert release_name(workspace, first) == "HEAD@1234567 → agent"
        assert release_name(workspace, edited) == "HEAD@1234567 → agent@ccccccc"
        # other labels: the plain name
        other = SimpleNamespace(base=_version("v1", "1" * 16), head=_version("v2", "2" * 16))
        assert release_name(workspace, other) == "v1 → v2"


def test_a_working_tree_head_of_another_base_is_told_apart_too(tmp_path: Path) -> None:
    """`HEAD → agent` then, after a commit, `HEAD~1 → agent` with the working tree edited
    again: the second head is the same folder label with other contents, marked though the
    bases' labels differ (a writer's trial saw two releases both named "→ agent")."""
    with Workspace(tmp_path / "ws") as workspace:
        first = SimpleNamespace(
            base=_version("HEAD:agent", "b" * 16, git_ref="HEAD"), head=_version("agent", "a" * 16)
        )
        assert _record(workspace, first) == "HEAD@1234567 → agent"
        later = SimpleNamespace(
            base=_version("HEAD~1:agent", "b" * 16, git_ref="HEAD~1"),
            head=_version("agent", "d" * 16),
        )
        assert _record(workspace, later) == "HEAD~1@1234567 → agent@ddddddd"
        # the first contents again, under another base: marked, as another "agent" differed
        again = SimpleNamespace(
            base=_version("HEAD~2:agent", "e" * 16, git_ref="HEAD~2"),
            head=_version("agent", "a" * 16),
        )
        assert release_name(workspace, again).endswith("→ agent@aaaaaaa")
