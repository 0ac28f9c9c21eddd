"""`behaviordiff compare OLD NEW`: detect behavior changes between two recorded transcript sets."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from behaviordiff.cli.console import (
    OutputFormat,
    StageProgress,
    hang,
    line,
    print_json,
    stdout,
    warn,
)
from behaviordiff.cli.options import (
    ConfigOption,
    FailOnChangeOption,
    FailOnInconclusiveOption,
    FormatOption,
    WorkspaceOption,
    gate,
)

if TYPE_CHECKING:
    from behaviordiff.detect import Analysis, BehaviorChange


class SimilarityChoice(StrEnum):
    builtin = "builtin"
    embeddings = "embeddings"
    local = "local"


_VERDICT_STYLE = {
    "behavior-changed": "bold red",
    "inconclusive": "yellow",
    "wording-only": "cyan",
    "unchanged": "dim",
}


def _change_block(analysis: Analysis, change: BehaviorChange, *, style: str) -> None:
    out = stdout
    out.print()
    line(
        Text.assemble(
            (f"{change.id} ", "bold"),
            (change.title, style),
            f"   {len(change.probe_ids)} probe(s)",
            ("   " + ", ".join(change.facets), "dim"),
        )
    )
    if change.kind == "wording" and (change.before or change.after):
        hang(
            "  words: ",
            Text(", ".join(change.before) or "—", style="red")
            + Text(" → ")
            + Text(", ".join(change.after) or "—", style="green"),
        )
    if change.conditions:
        hang("  when: ", change.conditions[0].describe())
        for condition in change.conditions[1:2]:
            hang("        or nearly: ", condition.describe(), "dim")
    for rank, item in enumerate(change.attribution, start=1):
        label = "  likely cause: " if rank == 1 else "                "
        summary = item.summary if len(item.summary) <= 110 else item.summary[:109] + "…"
        hang(
            label + f"{item.hunk_id} ", Text(summary) + Text("\n" + "; ".join(item.reasons), "dim")
        )
    hang("  probes: ", ", ".join(change.probe_ids))
    for excerpt in change.excerpts[:1]:
        out.print(Text(f"  {excerpt['probe_id']}", style="dim"))
        hang("    - ", excerpt["old"], "red")
        hang("    + ", excerpt["new"], "green")


def render_analysis(analysis: Analysis) -> None:
    """Verdicts grouped by behavior change, with conditions, likely causes and excerpts."""
    out = stdout
    counts = analysis.verdict_counts()
    line(
        Text.assemble(
            ("compare ", "bold"),
            (analysis.old_label, "red"),
            " → ",
            (analysis.new_label, "green"),
            f"   {len(analysis.probes)} probes: ",
            (f"{counts['behavior-changed']} behavior-changed", _VERDICT_STYLE["behavior-changed"]),
            ", ",
            (f"{counts['wording-only']} wording-only", _VERDICT_STYLE["wording-only"]),
            ", ",
            (f"{counts['inconclusive']} inconclusive", _VERDICT_STYLE["inconclusive"]),
            ", ",
            f"{counts['unchanged']} unchanged",
        )
    )
    undecided = [probe for probe in analysis.probes if probe.verdict == "inconclusive"]
    failed = [probe for probe in undecided if not probe.old_samples or not probe.new_samples]
    if not analysis.changes and not undecided:
        out.print("No behavior change beyond sampling noise.", style="green")
    elif not analysis.changes:
        out.print(
            f"No behavior change found, but {len(undecided)} probe(s) cannot be decided yet"
            + (f" ({len(failed)} with failed runs)" if failed else "")
            + ": see Inconclusive below.",
            style="yellow",
        )
    for change in analysis.changes:
        _change_block(analysis, change, style="bold red")
    for group in analysis.wording_groups:
        _change_block(analysis, group, style="cyan")
    if undecided:
        out.print()
        out.print(Text("Inconclusive", style="bold yellow"))
        for probe in undecided:
            more = (
                f"; ~{probe.more_samples} more sample(s) per version" if probe.more_samples else ""
            )
            if probe in failed:
                more = f"; runs failed: {probe.notes[0]}" if probe.notes else "; runs failed"
            line(Text(f"  {probe.probe_id}: {', '.join(probe.facets) or 'no run'}{more}"))
    noise = analysis.noise
    out.print()
    rates = ", ".join(f"{facet} {rate:.1%}" for facet, rate in noise.deviation_rates.items())
    line(
        Text(
            f"noise floor ({'measured' if noise.measured else 'prior, not measured'}; "
            f"{noise.probes_with_several_samples} probes with several samples): "
            f"per-sample disagreement {rates}; meaning floor {noise.meaning_floor:.2f} "
            f"({noise.backend})",
            style="dim",
        )
    )
    if analysis.unmatched.get("old_only") or analysis.unmatched.get("new_only"):
        out.print(
            Text(
                f"not compared: {len(analysis.unmatched.get('old_only', []))} probe(s) only in "
                "old, "
                f"{len(analysis.unmatched.get('new_only', []))} only in new",
                style="yellow",
            )
        )


def register(app: typer.Typer) -> None:
    @app.command("compare", short_help="Analyse two recorded transcript sets; runs nothing.")
    def compare_command(
        old: Annotated[
            Path,
            typer.Argument(metavar="OLD", help="Old transcripts: a replay JSONL file or folder."),
        ],
        new: Annotated[
            Path,
            typer.Argument(metavar="NEW", help="New transcripts: a replay JSONL file or folder."),
        ],
        suite: Annotated[
            list[Path] | None,
            typer.Option(
                "--suite",
                "-s",
                help="Probe suite(s) for variables and tags "
                "(conditions). Default: the config's suites, if any.",
                dir_okay=False,
            ),
        ] = None,
        base: Annotated[
            str | None,
            typer.Option(
                "--base",
                help="Old agent version (folder or git ref), "
                "for attribution and escalation markers.",
            ),
        ] = None,
        head: Annotated[
            str | None, typer.Option("--head", help="New agent version (folder or git ref).")
        ] = None,
        escalation_tool: Annotated[
            list[str] | None,
            typer.Option(
                "--escalation-tool",
                help="A tool whose call means a handoff "
                "(repeatable). Default: from the versions' agent.yaml.",
            ),
        ] = None,
        escalation_phrase: Annotated[
            list[str] | None,
            typer.Option(
                "--escalation-phrase", help="A reply phrase that means a handoff (repeatable)."
            ),
        ] = None,
        similarity: Annotated[
            SimilarityChoice | None,
            typer.Option(
                "--similarity",
                help="Meaning backend: builtin (offline), embeddings (the configured "
                "OpenAI-compatible endpoint), local (the local-embeddings extra). "
                "Default: [detect] similarity in the config, else builtin.",
            ),
        ] = None,
        alpha: Annotated[
            float | None,
            typer.Option(
                "--alpha",
                min=1e-6,
                max=0.2,
                help="Significance level per facet. Default: [detect] alpha, else 0.01.",
            ),
        ] = None,
        fail_on_change: FailOnChangeOption = False,
        fail_on_inconclusive: FailOnInconclusiveOption = False,
        save: Annotated[
            bool, typer.Option("--save", help="Store the result as a release in the workspace.")
        ] = False,
        config: ConfigOption = None,
        workspace: WorkspaceOption = None,
        output_format: FormatOption = OutputFormat.text,
    ) -> None:
        """Compare two recorded transcript sets: verdict per probe, behavior changes with their conditions and likely causes. Runs nothing."""  # noqa: E501
        from behaviordiff.config import find_project
        from behaviordiff.detect import DetectError, analyze
        from behaviordiff.detect.inputs import input_warnings, load_transcripts
        from behaviordiff.pipeline import (
            detect_settings,
            embed_function,
            seen_tools,
            tool_name_warnings,
        )

        project = find_project(Path.cwd(), config)
        versions = []
        diff = None
        if base or head:
            if not (base and head):
                raise DetectError(
                    "--base and --head go together",
                    hint="give both versions, or neither (no attribution then)",
                )
            from behaviordiff.pipeline import load_pair

            pair = load_pair(project, base, head)
            versions, diff = [pair.base, pair.head], pair.diff
        settings = detect_settings(
            project,
            versions,
            escalation_tools=escalation_tool or (),
            escalation_phrases=escalation_phrase or (),
            similarity=similarity.value if similarity is not None else None,
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
        if not (settings.escalation_tools or settings.escalation_phrases):
            warnings.append(
                "no escalation markers, so handoffs to a human are not told apart from other "
                "tool calls: give --base/--head (their agent.yaml `escalation`), "
                f"--escalation-tool, or escalation_tools under {project.table('detect')}"
            )
        unreadable = input_warnings(old_runs, new_runs)
        if output_format is not OutputFormat.json:
            warn([*warnings, *(str(warning) for warning in unreadable)])
        probes = None
        if suite or project.config.probes.suites:
            from behaviordiff.pipeline import load_project_suites

            probes = {probe.id: probe for probe in load_project_suites(project, suite or [])}
        with StageProgress("Analysing", quiet=output_format is OutputFormat.json) as progress:
            analysis = analyze(
                old_runs,
                new_runs,
                probes=probes,
                diff=diff,
                settings=settings,
                embed=embed_function(project, settings),
                old_label=str(old),
                new_label=str(new),
                on_progress=progress,
            )
        if versions:
            from behaviordiff.pipeline import undeclared_tool_warnings

            undeclared = undeclared_tool_warnings(analysis, versions[0], versions[1])
            warnings += undeclared
            if output_format is not OutputFormat.json:
                warn(undeclared)
        release_id = None
        if save:
            from behaviordiff.store import Workspace

            with Workspace(project.workspace_path(workspace)) as store:
                release = store.create_release(
                    base_label=base or str(old),
                    head_label=head or str(new),
                    diff=diff.to_dict() if diff is not None else None,
                    settings={
                        "compare": True,
                        "alpha": settings.alpha,
                        "similarity": settings.similarity,
                    },
                )
                store.save_analysis(release.id, analysis)
                release_id = release.id
        if output_format is OutputFormat.json:
            data = analysis.to_dict()
            data["warnings"] = warnings
            data["input_warnings"] = [warning.to_dict() for warning in unreadable]
            if release_id is not None:
                data["release"] = release_id
            print_json(data)
        else:
            render_analysis(analysis)
            if release_id is not None:
                stdout.print(f"Stored as release #{release_id}.", style="dim")
        gate(analysis, fail_on_change=fail_on_change, fail_on_inconclusive=fail_on_inconclusive)
