"""Opening a project (its config) and its workspace (the SQLite store)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.store import Workspace


def open_project(config: Path | None = None, *, folder: Path | None = None) -> Project:
    """The project of `config`, else the nearest config from `folder` (default: the current
    folder) up."""
    from behaviordiff.config import find_project

    return find_project(folder or Path.cwd(), config)


def open_workspace(
    project: Project, workspace: Path | None = None, *, create: bool = True
) -> Workspace:
    """The project's workspace: `workspace` when given, else BEHAVIORDIFF_WORKSPACE, else the
    config's. `create=False` for commands that only read what a run stored."""
    from behaviordiff.store import Workspace

    return Workspace(project.workspace_path(workspace), create=create)


def workspace_stored(project: Project, workspace: Path | None = None) -> bool:
    """Whether the project's workspace (as `open_workspace` finds it) holds a database: a
    command that only reads it (`run --dry-run`) opens it without write access then, so a
    read-only one will do."""
    from behaviordiff.store.workspace import DB_FILENAME

    return (project.workspace_path(workspace) / DB_FILENAME).is_file()
