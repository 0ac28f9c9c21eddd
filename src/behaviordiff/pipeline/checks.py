"""Checking a project's inputs before a run: its probe suites and its knowledge base."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from behaviordiff.kb.model import KnowledgeItem


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
    summary["warnings"] = unpushable_warnings(base.items)
    return summary


def unpushable_warnings(items: Sequence[KnowledgeItem]) -> list[str]:
    """Per file: the items read from a helpdesk's export that `push` will refuse because the
    export holds no `updated_at` for them (a change made in the helpdesk since could not be
    ruled out), with the fix, said before anyone drafts or approves."""
    from behaviordiff.export.model import PLATFORM, SOURCE_TARGET
    from behaviordiff.export.push import HELPDESKS

    lacking: dict[tuple[str, str], list[KnowledgeItem]] = {}
    for item in items:
        source_format = str(item.metadata.get("format") or "")
        if SOURCE_TARGET.get(source_format) not in HELPDESKS:
            continue
        if item.metadata.get("updated_at") is None:
            lacking.setdefault((item.source, source_format), []).append(item)
    warnings = []
    for (source, source_format), missing in lacking.items():
        platform = PLATFORM.get(source_format, source_format)
        named = ", ".join(item.label() for item in missing[:3]) + (
            f" and {len(missing) - 3:,} more" if len(missing) > 3 else ""
        )
        warnings.append(
            f"{source}: {len(missing):,} item(s) have no updated_at ({named}), so `push` will "
            f"refuse their edits (a change made in {platform} since could not be ruled out); "
            f"export them from {platform} again with updated_at (its API's list includes "
            "it), or plan to make their edits in the helpdesk by hand and record them with "
            "`behaviordiff ack done`"
        )
    return warnings
