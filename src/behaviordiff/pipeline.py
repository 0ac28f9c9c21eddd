"""The pipeline's entry points, shared by the CLI, the demo and the TUI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from behaviordiff.agent.version import AgentVersion, resolve_version
from behaviordiff.config import Project
from behaviordiff.diffing import VersionDiff, diff_versions
from behaviordiff.errors import ProbeError
from behaviordiff.probes import ProbeSuite, load_suites


@dataclass(frozen=True)
class VersionPair:
    base: AgentVersion
    head: AgentVersion
    diff: VersionDiff


def load_pair(project: Project, base: str, head: str) -> VersionPair:
    base_version = resolve_version(base, project)
    head_version = resolve_version(head, project)
    return VersionPair(base_version, head_version, diff_versions(base_version, head_version))


def load_project_suites(project: Project, paths: Iterable[Path] = ()) -> ProbeSuite:
    """The suites given on the command line, else those named by the config."""
    chosen = [Path(p) for p in paths] or project.probe_suites()
    if not chosen:
        raise ProbeError(
            "no probe suite given and none configured",
            where=project.source or project.root,
            hint='pass a suite path, or add suites = ["probes/*.yaml"] under [probes] '
            "in behaviordiff.toml",
        )
    return load_suites(chosen)


def check_templates(suite: ProbeSuite, versions: Iterable[AgentVersion]) -> int:
    """Render every version's prompts with every probe's variables; the first failure raises.

    Returns the number of renders done.
    """
    renders = 0
    for version in versions:
        for probe in suite:
            for file in version.config.prompts.values():
                version.templates.render(file, probe.variables, probe=probe.id)
                renders += 1
    return renders
