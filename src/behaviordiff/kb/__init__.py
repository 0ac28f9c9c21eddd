"""The knowledge base: CS macros and help-center articles, imported from helpdesk exports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from behaviordiff.kb.importers import load_articles, load_knowledge_base, load_macros
from behaviordiff.kb.model import (
    KnowledgeBase,
    KnowledgeBaseError,
    KnowledgeItem,
    find_placeholders,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from behaviordiff.config import Project


def load_project_kb(
    project: Project, *, on_progress: Callable[[str, int, int], None] | None = None
) -> KnowledgeBase:
    """The macros and articles the project's `[knowledge_base]` names (globs allowed)."""
    section = project.config.knowledge_base
    check_project_kb_paths(project)
    return load_knowledge_base(
        project.expand(section.macros, "knowledge_base.macros", KnowledgeBaseError),
        project.expand(section.faq, "knowledge_base.faq", KnowledgeBaseError),
        on_progress=on_progress,
    )


_KB_KEYS = (("macros", "macro file"), ("faq", "FAQ path"))


def check_project_kb_paths(project: Project) -> None:
    """Every file and folder the project's `[knowledge_base]` names exists and can be read:
    checked before anything is paid for (`run`, its dry run, `probes check`), so a typo in
    the config stops the command at once, naming the file, the config key and the fix.
    What the files hold is checked when they are read."""
    section = project.config.knowledge_base
    for key, noun in _KB_KEYS:
        patterns: list[str] = getattr(section, key)
        for pattern, path in _named_paths(project, patterns, key):
            problem = _unreadable(path, folder=key == "faq")
            if problem is None:
                continue
            source = project.source.name if project.source is not None else "the config"
            table = project.table("knowledge_base")
            place = f"`{key}` under {table} in {source}"
            fix = f"fix the path in {place}"
            if path.is_dir():
                fix = f"{_folder_note(path / path.name)}; name the export file itself in {place}"
            elif near := _near_names(pattern, path):
                fix = f"did you mean {' or '.join(near)}? Fix the path in {place}"
            elif note := _folder_note(path):
                fix = f"{note}; {fix}"
            raise KnowledgeBaseError(
                f"the {noun} {pattern} named by `{key}` under {table} {problem}",
                where=project.key_place(["knowledge_base", key]),
                hint=fix,
            )


def _named_paths(project: Project, patterns: list[str], key: str) -> list[tuple[str, Path]]:
    """Each path the config names, with the text the user wrote for it (globs expanded)."""
    named: list[tuple[str, Path]] = []
    for pattern in patterns:
        for path in project.expand([pattern], f"knowledge_base.{key}", KnowledgeBaseError):
            shown = pattern if path == project.resolve(pattern) else str(path)
            named.append((shown, path))
    return named


def _unreadable(path: Path, *, folder: bool) -> str | None:
    """Why `path` cannot be read as a macro export (a file) or FAQ source (a file or a
    folder of articles), in words following its name; None when it can."""
    if not path.exists():
        if path.is_symlink():
            return f"is a link to {os.readlink(path)}, which does not exist"
        return f"does not exist ({path})"
    if path.is_dir():
        if not folder:
            return f"is a folder ({path}), not a macro export file"
        if not os.access(path, os.R_OK | os.X_OK):
            return f"is a folder that cannot be read ({path})"
        return None
    if not path.is_file():
        return f"is not a regular file ({path})"
    if not os.access(path, os.R_OK):
        return f"cannot be read: permission denied ({path})"
    return None


def _near_names(pattern: str, path: Path) -> list[str]:
    """Names next to a missing file that look like a typo of it, written as the config
    writes it (`kb/macros.json` for `kb/macro.json`)."""
    from behaviordiff.textutil import near_names

    try:
        siblings = sorted(entry.name for entry in path.parent.iterdir())
    except OSError:
        return []
    close = near_names(path.name, siblings)
    prefix = pattern[: len(pattern) - len(Path(pattern).name)]
    return [prefix + name for name in close if name != path.name]


def _folder_note(path: Path) -> str:
    """What the missing file's folder holds, when no name there is close to it."""
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist either"
    try:
        names = sorted(entry.name for entry in path.parent.iterdir())
    except OSError:
        return ""
    if not names:
        return f"the folder {path.parent} is empty"
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return f"{path.parent} holds {shown}"


__all__ = [
    "KnowledgeBase",
    "KnowledgeBaseError",
    "KnowledgeItem",
    "check_project_kb_paths",
    "find_placeholders",
    "load_articles",
    "load_knowledge_base",
    "load_macros",
    "load_project_kb",
]
