"""Two agent versions and the structural diff between them: what a run and an analysis
compare. Below the runner and the detector, so both can take one."""

from __future__ import annotations

from dataclasses import dataclass

from behaviordiff.agent.version import AgentVersion, resolve_version
from behaviordiff.config import Project
from behaviordiff.diffing.model import VersionDiff
from behaviordiff.errors import VersionError


@dataclass(frozen=True)
class VersionPair:
    base: AgentVersion
    head: AgentVersion
    diff: VersionDiff


def working_tree(project: Project, base: str) -> str:
    """The version a single given one is compared with: the agent folder ([agent] path) as
    it is on disk now, edits not yet committed included."""
    if project.config.agent.path is None:
        raise VersionError(
            f"only one version given ({base}), and the config does not say where the agent "
            "lives, so there is no working tree to compare it with",
            where=project.source or project.root,
            hint=f"give the new version too (`{base} HEAD` or a folder), or set "
            f'{project.table("agent")} path = "agents/support"',
        )
    return str(project.resolve(project.config.agent.path))


def load_pair(project: Project, base: str, head: str | None = None) -> VersionPair:
    """Both versions (folders or git refs) and their diff; without `head`, the base against
    the working tree's agent folder."""
    from behaviordiff.diffing.versions import diff_versions  # deepdiff: heavy

    base_version = resolve_version(base, project)
    head_version = resolve_version(head or working_tree(project, base), project)
    return VersionPair(base_version, head_version, diff_versions(base_version, head_version))
