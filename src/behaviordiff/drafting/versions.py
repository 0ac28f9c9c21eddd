"""The new version's prompt, read again at draft time: what it says beyond the diff's hunks
(a sentence that says what to do without a tool the config removed is no hunk when the prompt
did not change)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import BehaviordiffError

if TYPE_CHECKING:
    from behaviordiff.config import Project


def head_sections(project: Project, diff: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """The new version's prompt files by section and sentence (`split_sections`), read from
    the release's head label; empty when the version cannot be read or is no longer the one
    the release ran (its fingerprint moved: a git ref that moved on, a folder edited since)."""
    from behaviordiff.agent.version import resolve_version
    from behaviordiff.diffing.text import split_sections

    head = (diff or {}).get("head") or {}
    label, fingerprint = head.get("label"), head.get("fingerprint")
    if not isinstance(label, str) or not label:
        return {}
    try:
        version = resolve_version(label, project)
    except (BehaviordiffError, OSError):
        return {}
    if fingerprint and version.fingerprint() != fingerprint:
        return {}
    sections: dict[str, list[str]] = {}
    for name in sorted(set(version.config.prompts.values())):
        for title, lines in split_sections(version.files.get(name, "")).items():
            sections.setdefault(title, []).extend(lines)
    return sections
