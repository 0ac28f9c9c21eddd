"""Opening a project's workspace and choosing the release a publishing command works on.

Front ends call this and print the warnings; they import neither the store nor the config.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.store import Workspace
    from behaviordiff.store.workspace import Release

Choice = Literal["latest", "drafted"]


@dataclass
class Session:
    project: Project
    workspace: Workspace
    release: Release | None
    warnings: list[str] = field(default_factory=list)

    @property
    def release_id(self) -> int:
        assert self.release is not None, "opened without a release"
        return self.release.id


def _newest_drafted(workspace: Workspace, warnings: list[str]) -> Release:
    """The newest release with drafts (one stopped or not analysed has none), saying which
    newer ones were passed over; the newest release when none has any."""
    from behaviordiff.store.drafts import DraftStore

    latest = workspace.require_latest_release()
    drafts = DraftStore(workspace)
    passed: list[int] = []
    for candidate in workspace.releases():
        if drafts.drafts(candidate.id):
            if passed:
                warnings.append(
                    f"release(s) #{', #'.join(map(str, passed))} have no drafts yet: using "
                    f"#{candidate.id}"
                )
            return candidate
        passed.append(candidate.id)
    return latest


@contextmanager
def open_session(
    config: Path | None,
    workspace: Path | None,
    release: int | None,
    *,
    choose: Choice | None = "drafted",
    cwd: Path | None = None,
) -> Iterator[Session]:
    """The project's workspace (it must exist) and the release: `release` when given, else
    the newest (`latest`, what the gate judges: the release being rolled out) or the newest
    with drafts (`drafted`, what CS reads); None with `choose=None`."""
    from behaviordiff.config import find_project
    from behaviordiff.store import Workspace

    project = find_project(cwd or Path.cwd(), config)
    with Workspace(project.workspace_path(workspace), create=False) as store:
        warnings: list[str] = []
        chosen: Release | None = None
        if release is not None:
            chosen = store.release(release)
        elif choose == "latest":
            chosen = store.require_latest_release()
        elif choose == "drafted":
            chosen = _newest_drafted(store, warnings)
        yield Session(project, store, chosen, warnings)
