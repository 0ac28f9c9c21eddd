"""Two agent versions and the structural diff between them: what a run and an analysis
compare. Below the runner and the detector, so both can take one."""

from __future__ import annotations

from dataclasses import dataclass

from behaviordiff.agent.version import AgentVersion, resolve_version
from behaviordiff.config import Project
from behaviordiff.diffing.model import VersionDiff


@dataclass(frozen=True)
class VersionPair:
    base: AgentVersion
    head: AgentVersion
    diff: VersionDiff


def load_pair(project: Project, base: str, head: str) -> VersionPair:
    """Both versions (folders or git refs) and their diff."""
    from behaviordiff.diffing.versions import diff_versions  # deepdiff: heavy

    base_version = resolve_version(base, project)
    head_version = resolve_version(head, project)
    return VersionPair(base_version, head_version, diff_versions(base_version, head_version))
