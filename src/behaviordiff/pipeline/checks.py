"""Checking a project's inputs before a run: its probe suites and its knowledge base."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def check_probe_suites(
    config: Path | None,
    suites: Sequence[Path] = (),
    agents: Sequence[str] = (),
    on_reading: Callable[[Sequence[Path], int], None] | None = None,
) -> dict[str, Any]:
    """`probes check`: load the suites given, else the config's, and summarise them; with
    `agents` (folders or git refs), render each version's prompt templates with every probe's
    variables too, and check that the programs and scripts a command agent's argv names
    exist, and that the files the config's `[knowledge_base]` names can be read. The
    summary holds `warnings` (names the config or the probes use that no
    version defines) rather than printing them."""
    from behaviordiff.agent.version import resolve_version
    from behaviordiff.kb import check_project_kb_paths
    from behaviordiff.pipeline.project import open_project
    from behaviordiff.pipeline.stages import (
        check_templates,
        load_project_suites,
        tool_name_warnings,
    )

    project = open_project(config)
    suite = load_project_suites(project, suites, on_reading)
    # the run that follows the check drafts from the knowledge base: a wrong path there
    # would stop it only after every agent run was paid for
    check_project_kb_paths(project)
    summary = suite.summary()
    if agents:
        from behaviordiff.runner.adapters import check_version_command

        versions = [resolve_version(spec, project) for spec in agents]
        summary["templates_checked"] = check_templates(suite, versions)
        for version in versions:
            check_version_command(version, project.root)
        summary["agents"] = [version.label for version in versions]
        summary["warnings"] = tool_name_warnings(project, versions, suite)
    return summary


def check_knowledge_base(
    config: Path | None,
    macros: Sequence[Path] = (),
    faq: Sequence[Path] = (),
    *,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """`kb check`: import the macros and FAQ given, else the config's, and summarise them. A
    project that configures none is an error that says where to add them."""
    from behaviordiff.kb import KnowledgeBaseError, load_knowledge_base, load_project_kb
    from behaviordiff.pipeline.project import open_project

    if macros or faq:
        base = load_knowledge_base(list(macros), list(faq), on_progress=on_progress)
    else:
        project = open_project(config)
        base = load_project_kb(project, on_progress=on_progress)
        if not base.sources:
            raise KnowledgeBaseError(
                "no knowledge base configured",
                where=project.source or project.root,
                hint='add macros = ["kb/macros.json"] and faq = ["kb/faq"] under '
                f"{project.table('knowledge_base')}, or pass --macros / --faq",
            )
    summary = base.summary()
    from behaviordiff.export.model import unpushable_warnings

    summary["warnings"] = unpushable_warnings(base.items)
    return summary
