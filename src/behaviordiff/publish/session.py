"""Opening a project's workspace and choosing the release a publishing command works on.

Front ends call this and print the warnings; they import neither the store nor the config.
The project and workspace are opened, and the release chosen, by the core's own rules
(`pipeline`, and `review` for the release writers review).
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
    from behaviordiff.pipeline.project import open_project, open_workspace
    from behaviordiff.pipeline.releases import release_or_latest, release_to_review

    project = open_project(config, folder=cwd)
    with open_workspace(project, workspace, create=False) as store:
        warnings: list[str] = []
        chosen: Release | None = None
        if release is not None:
            chosen = store.release(release)
        elif choose == "latest":
            chosen = release_or_latest(store, None)
        elif choose == "drafted":
            # the release `review` opens: what writers reviewed is what CS reads
            choice = release_to_review(store)
            chosen, warnings = choice.release, list(choice.warnings)
        yield Session(project, store, chosen, warnings)
