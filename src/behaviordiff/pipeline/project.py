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


def starter_config() -> str:
    """The commented behaviordiff.toml that `init` writes."""
    from behaviordiff.config import STARTER_CONFIG

    return STARTER_CONFIG


def init_project(folder: Path, *, force: bool = False) -> tuple[Path, bool]:
    """Write the starter config into `folder` (refusing to replace one unless `force`);
    in a git repository, keep the workspace out of commits. Returns the config's path and
    whether .gitignore was changed."""
    from behaviordiff.config import CONFIG_FILENAME, STARTER_CONFIG
    from behaviordiff.errors import AlreadyExists

    target = folder / CONFIG_FILENAME
    if target.exists() and not force:
        raise AlreadyExists(
            "a config already exists here",
            where=target,
            hint="edit it, or pass --force to replace it with the starter",
        )
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    return target, _ignore_workspace(folder)


def _ignore_workspace(folder: Path) -> bool:
    """In a git repository, keep the workspace database out of commits."""
    if not (folder / ".git").exists():
        return False
    gitignore = folder / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    if any(line.strip().strip("/") == ".behaviordiff" for line in existing.splitlines()):
        return False
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    gitignore.write_text(existing + prefix + ".behaviordiff/\n", encoding="utf-8")
    return True
