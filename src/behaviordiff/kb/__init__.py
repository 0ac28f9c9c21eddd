"""The knowledge base: CS macros and help-center articles, imported from helpdesk exports."""

from __future__ import annotations

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

    return load_knowledge_base(
        project.expand(section.macros, "knowledge_base.macros", KnowledgeBaseError),
        project.expand(section.faq, "knowledge_base.faq", KnowledgeBaseError),
        on_progress=on_progress,
    )


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
