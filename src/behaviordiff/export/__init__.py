"""Helpdesk exports of a release's approved edits: one module per helpdesk format (Zendesk,
Freshdesk, Intercom), a CSV for people and Markdown files; no UI imports."""

from __future__ import annotations

from behaviordiff.export.model import (
    TARGETS,
    ExportError,
    ExportItem,
    ExportResult,
    Skipped,
    Target,
)
from behaviordiff.export.service import (
    EXPORT_FORMAT,
    choose_release,
    export_release,
    project_knowledge,
)

__all__ = [
    "EXPORT_FORMAT",
    "TARGETS",
    "ExportError",
    "ExportItem",
    "ExportResult",
    "Skipped",
    "Target",
    "choose_release",
    "export_release",
    "project_knowledge",
]
