"""`compare`: the analysis over two recorded transcript sets, optionally stored as a release."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from behaviordiff.agent.version import AgentVersion
    from behaviordiff.config import Project
    from behaviordiff.detect.inputs import InputWarning
    from behaviordiff.detect.model import Analysis
    from behaviordiff.detect.settings import DetectSettings
    from behaviordiff.diffing.model import VersionDiff
    from behaviordiff.transcripts import Transcript


@dataclass
class CompareInputs:
    """Both transcript sets read and checked, with the settings that read them and what the
    front end should warn about before the analysis starts."""

    old: Path
    new: Path
    old_runs: list[Transcript]
    new_runs: list[Transcript]
    settings: DetectSettings
    diff: VersionDiff | None
    base: str | None
    head: str | None
    warnings: list[str] = field(default_factory=list)
    """Configuration that probably does not do what was meant (a tool name nothing defines)."""
    input_warnings: list[InputWarning] = field(default_factory=list)
    """Unreadable parts of the transcripts (tool arguments that are not JSON)."""
    versions: list[AgentVersion] = field(default_factory=list)
    """The base and head versions, when given."""


@dataclass
class CompareResult:
    analysis: Analysis
    inputs: CompareInputs
    release_id: int | None = None
    """The release it was stored as (with `save`)."""
    warnings: list[str] = field(default_factory=list)
    """Found by the analysis: calls to tools a version does not declare."""

    def to_dict(self) -> dict[str, Any]:
        data = self.analysis.to_dict()
        data["warnings"] = [*self.inputs.warnings, *self.warnings]
        data["input_warnings"] = [warning.to_dict() for warning in self.inputs.input_warnings]
        if self.release_id is not None:
            data["release"] = self.release_id
        return data


def read_compare_inputs(
    project: Project,
    old: Path,
    new: Path,
    *,
    base: str | None = None,
    head: str | None = None,
    escalation_tools: Sequence[str] = (),
    escalation_phrases: Sequence[str] = (),
    similarity: str | None = None,
    alpha: float | None = None,
) -> CompareInputs:
    """Read both sets (errors name the file and line) and the versions, when given, for
    attribution and escalation markers."""
    from behaviordiff.detect import DetectError
    from behaviordiff.detect.inputs import input_warnings, load_transcripts
    from behaviordiff.diffing.pair import load_pair
    from behaviordiff.pipeline.stages import detect_settings, seen_tools, tool_name_warnings

    versions = []
    diff = None
    if base or head:
        if not (base and head):
            raise DetectError(
                "--base and --head go together",
                hint="give both versions, or neither (no attribution then)",
            )
        pair = load_pair(project, base, head)
        versions, diff = [pair.base, pair.head], pair.diff
    settings = detect_settings(
        project,
        versions,
        escalation_tools=escalation_tools,
        escalation_phrases=escalation_phrases,
        similarity=similarity,
        alpha=alpha,
    )
    old_runs = load_transcripts(
        old,
        escalation_tools=settings.escalation_tools,
        escalation_phrases=settings.escalation_phrases,
    )
    new_runs = load_transcripts(
        new,
        escalation_tools=settings.escalation_tools,
        escalation_phrases=settings.escalation_phrases,
    )
    # warned about once the inputs are known to be readable, and against what they hold
    warnings = tool_name_warnings(
        project, versions, seen=seen_tools(old_runs, new_runs) if not versions else None
    )
    from behaviordiff.transcripts import (
        empty_reply_warnings,
        non_text_reply_warnings,
        recorded_escalation,
        too_deep_argument_warnings,
    )

    warnings += non_text_reply_warnings({old.name: old_runs, new.name: new_runs})
    warnings += empty_reply_warnings({old.name: old_runs, new.name: new_runs})
    warnings += too_deep_argument_warnings({old.name: old_runs, new.name: new_runs})

    markers = settings.escalation_tools or settings.escalation_phrases
    if not markers and not (recorded_escalation(old) and recorded_escalation(new)):
        warnings.append(
            "no escalation markers, so handoffs to a human are not told apart from other "
            "tool calls: give --base/--head (their agent.yaml `escalation`), "
            f"--escalation-tool, or escalation_tools under {project.table('detect')}"
        )
    return CompareInputs(
        old,
        new,
        old_runs,
        new_runs,
        settings,
        diff,
        base,
        head,
        warnings,
        input_warnings(old_runs, new_runs),
        versions,
    )


def compare_transcripts(
    project: Project,
    inputs: CompareInputs,
    *,
    suites: Sequence[Path] = (),
    save: bool = False,
    workspace: Path | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> CompareResult:
    """Analyse the two sets (with the suites' variables and tags when given or configured);
    with `save`, store the analysis as a release of the workspace."""
    from behaviordiff.detect import analyze
    from behaviordiff.pipeline.stages import embed_function, load_project_suites

    probes = None
    if suites or project.config.probes.suites:
        probes = {probe.id: probe for probe in load_project_suites(project, suites)}
    settings = inputs.settings
    analysis = analyze(
        inputs.old_runs,
        inputs.new_runs,
        probes=probes,
        diff=inputs.diff,
        settings=settings,
        embed=embed_function(project, settings),
        old_label=str(inputs.old),
        new_label=str(inputs.new),
        on_progress=on_progress,
    )
    result = CompareResult(analysis, inputs)
    if inputs.versions:
        from behaviordiff.pipeline.stages import undeclared_tool_warnings

        result.warnings = undeclared_tool_warnings(analysis, *inputs.versions)
    if save:
        from behaviordiff.pipeline.project import open_workspace

        with open_workspace(project, workspace) as store:
            release = store.create_release(
                base_label=inputs.base or str(inputs.old),
                head_label=inputs.head or str(inputs.new),
                diff=inputs.diff.to_dict() if inputs.diff is not None else None,
                settings={
                    "compare": True,
                    "alpha": settings.alpha,
                    "similarity": settings.similarity,
                },
            )
            store.save_analysis(release.id, analysis)
            result.release_id = release.id
    return result
