"""Structural diff of two agent versions: prompts by section and sentence, config by key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from behaviordiff.diffing.model import Hunk, VersionDiff

if TYPE_CHECKING:
    from behaviordiff.agent.version import AgentVersion

__all__ = ["Hunk", "VersionDiff", "diff_versions"]


def diff_versions(old: AgentVersion, new: AgentVersion) -> VersionDiff:
    """Imported lazily: deepdiff and the agent loader are heavy."""
    from behaviordiff.diffing.versions import diff_versions as _diff

    return _diff(old, new)
