"""The knowledge base: CS macros and help-center articles, imported from helpdesk exports."""

from __future__ import annotations

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
    from behaviordiff.config import Project


def load_project_kb(project: Project) -> KnowledgeBase:
    """The macros and articles the project's `[knowledge_base]` names (globs allowed)."""
    section = project.config.knowledge_base

    def expand(patterns: list[str], key: str) -> list[Path]:
        paths: list[Path] = []
        for pattern in patterns:
            if any(ch in pattern for ch in "*?["):
                matches = sorted(project.root.glob(pattern))
                if not matches:
                    raise KnowledgeBaseError(
                        f"the pattern '{pattern}' in knowledge_base.{key} matches no file",
                        where=project.source or project.root,
                        hint=f"check the pattern against the folder {project.root}",
                    )
                paths.extend(matches)
            else:
                paths.append(project.resolve(pattern))
        return paths

    return load_knowledge_base(expand(section.macros, "macros"), expand(section.faq, "faq"))


__all__ = [
    "KnowledgeBase",
    "KnowledgeBaseError",
    "KnowledgeItem",
    "find_placeholders",
    "load_articles",
    "load_knowledge_base",
    "load_macros",
    "load_project_kb",
]
