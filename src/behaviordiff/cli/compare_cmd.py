"""`behaviordiff compare OLD NEW`: detect behavior changes between two recorded transcript sets."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import (
    OutputFormat,
    StageProgress,
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
    gate_failures,
)
from behaviordiff.cli.render import render_analysis


class SimilarityChoice(StrEnum):
    builtin = "builtin"
    embeddings = "embeddings"
    local = "local"


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
            help="Old agent version (folder or git ref), for attribution and escalation markers.",
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
    from behaviordiff.pipeline import compare_transcripts, open_project, read_compare_inputs

    as_json = output_format is OutputFormat.json
    project = open_project(config)
    inputs = read_compare_inputs(
        project,
        old,
        new,
        base=base,
        head=head,
        escalation_tools=escalation_tool or (),
        escalation_phrases=escalation_phrase or (),
        similarity=similarity.value if similarity is not None else None,
        alpha=alpha,
    )
    if not as_json:
        warn([*inputs.warnings, *(str(warning) for warning in inputs.input_warnings)])
    with StageProgress("Analysing", quiet=as_json) as progress:
        result = compare_transcripts(
            project,
            inputs,
            suites=suite or [],
            save=save,
            workspace=workspace,
            on_progress=progress,
        )
    if as_json:
        failures = gate_failures(
            result.analysis,
            fail_on_change=fail_on_change,
            fail_on_inconclusive=fail_on_inconclusive,
        )
        print_json({**result.to_dict(), "gate": failures})
    else:
        render_analysis(result.analysis)
        if result.release_id is not None:
            stdout.print(f"Stored as release #{result.release_id}.", style="dim")
    gate(result.analysis, fail_on_change=fail_on_change, fail_on_inconclusive=fail_on_inconclusive)


def register(app: typer.Typer) -> None:
    app.command("compare", short_help="Analyse two recorded transcript sets; runs nothing.")(
        compare_command
    )
