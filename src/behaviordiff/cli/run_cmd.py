"""`behaviordiff run BASE HEAD`: run both versions over the probes and store the transcripts."""

from __future__ import annotations

import contextlib
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import (
    OutputFormat,
    animated,
    line,
    print_json,
    reading_note,
    stderr,
    stdout,
    warn,
)
from behaviordiff.cli.options import (
    ConfigOption,
    DrafterName,
    FailOnChangeOption,
    FailOnInconclusiveOption,
    FormatOption,
    WorkspaceOption,
    gate,
    gate_failures,
    parse_effective,
)
from behaviordiff.cli.render import ProgressView, render_estimate, render_pipeline

INCOMPLETE_EXIT = 3
"""Some runs failed after their retries, or the budget stopped the run."""


class AdapterChoice(StrEnum):
    openai = "openai"
    command = "command"
    replay = "replay"


def run_command(
    base: Annotated[
        str, typer.Argument(metavar="BASE", help="The old version: a folder or a git ref.")
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="The new version: a folder or a git ref. Default: the agent folder "
            "([agent] path) as it is in the working tree.",
        ),
    ] = None,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            "-n",
            min=1,
            max=100,
            help="Samples per probe per version. Default: [run] samples (3).",
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            "-j",
            min=1,
            max=1024,
            help="Runs in flight at once. Default: [run] concurrency.",
        ),
    ] = None,
    suite: Annotated[
        list[Path] | None,
        typer.Option(
            "--suite",
            "-s",
            help="Probe suite file (repeatable). Default: [probes] suites in the config.",
        ),
    ] = None,
    adapter: Annotated[
        AdapterChoice | None,
        typer.Option(
            "--adapter",
            help="Run both versions with this adapter instead of the one in agent.yaml.",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Send every request, even ones answered before.")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print the estimate of requests, tokens and cost, and stop."
        ),
    ] = False,
    max_cost: Annotated[
        float | None,
        typer.Option(
            "--max-cost",
            min=0,
            help="Refuse to start, or stop cleanly, past this spend in USD.",
        ),
    ] = None,
    max_requests: Annotated[
        int | None,
        typer.Option(
            "--max-requests",
            min=0,
            help="Refuse to start, or stop cleanly, past this many requests.",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="OpenAI-compatible endpoint for the openai adapter. "
            "Default: [run] base_url, else OPENAI_BASE_URL.",
        ),
    ] = None,
    no_draft: Annotated[
        bool, typer.Option("--no-draft", help="Stop after the analysis; draft nothing.")
    ] = False,
    drafter: Annotated[
        DrafterName | None,
        typer.Option(
            "--drafter",
            help="How notes are drafted: llm, template, or auto "
            "(llm when a key or base URL is set). Default: [drafting] drafter.",
        ),
    ] = None,
    effective: Annotated[
        str | None,
        typer.Option("--effective", help="Effective date of the change (YYYY-MM-DD)."),
    ] = None,
    fail_on_change: FailOnChangeOption = False,
    fail_on_inconclusive: FailOnInconclusiveOption = False,
    output_format: FormatOption = OutputFormat.text,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Run both versions over the probe suite, find the behavior changes, draft the notes.

    With one version (`run HEAD`), it is compared with the agent folder as it is in the
    working tree. An unfinished run of the same versions and probes is resumed; runs
    identical to stored ones are reused, and model calls answered before come from the
    cache (--no-cache sends everything again). Ctrl-C stops cleanly (exit 130); run again
    to resume.

    Exit codes: 0 done; 1 behavior changed (with --fail-on-change); 2 bad input;
    3 the release is incomplete (runs failed after their retries, the budget stopped the
    run, or the drafting model did not answer): run again to finish it; 130 interrupted
    (Ctrl-C or SIGTERM; run again to resume).
    """
    from behaviordiff.pipeline import (
        RunOptions,
        effective_warnings,
        load_pair,
        load_project_suites,
        open_project,
        open_workspace,
        run_pipeline,
        run_warnings,
        superseded_warnings,
        workspace_stored,
    )

    as_json = output_format is OutputFormat.json
    project = open_project(config)
    pair = load_pair(project, base, head)
    probes = load_project_suites(project, suite or [], reading_note)
    options = RunOptions(
        samples=samples,
        concurrency=concurrency,
        adapter=adapter.value if adapter is not None else None,
        use_cache=not no_cache,
        dry_run=dry_run,
        max_cost=max_cost,
        max_requests=max_requests,
        base_url=base_url,
    )
    effective_date = parse_effective(effective)
    warnings = run_warnings(project, pair, probes, options) + effective_warnings(effective_date)
    if not as_json:
        warn(warnings)
    scratch = contextlib.ExitStack()
    # a dry run only reads what is stored: a read-only workspace (a CI artifact) will do
    only_read = dry_run and workspace_stored(project, workspace)
    if dry_run and not project.workspace_path(workspace).exists():
        # a dry run creates nothing: with no workspace yet, nothing is reused either, so it
        # estimates in a throwaway one (a mistyped --workspace is not made on disk)
        workspace = Path(scratch.enter_context(tempfile.TemporaryDirectory()))
    with (
        scratch,
        open_workspace(project, workspace, create=not only_read) as store,
        ProgressView(live=animated(stderr), quiet=as_json or dry_run) as view,
    ):
        result = run_pipeline(
            project,
            pair,
            probes,
            store,
            options,
            draft=not no_draft,
            drafter=drafter.value if drafter is not None else None,
            effective=effective_date,
            on_event=view,
            on_stage=view.stages,
        )
    outcome = result.outcome
    if not dry_run:
        later = [
            *result.warnings,
            *superseded_warnings(project, workspace, pair, outcome.release_id),
        ]
        warnings += later
        if not as_json:
            warn(later)
    incomplete = not dry_run and (not outcome.complete or result.draft_error is not None)
    if as_json:
        failures = (
            gate_failures(
                result.analysis,
                fail_on_change=fail_on_change,
                fail_on_inconclusive=fail_on_inconclusive or incomplete,
            )
            if result.analysis is not None
            else None
        )
        if incomplete:
            # the exit code the process ends with, and every probe the missing runs left
            # undecided, whatever the --fail-on options
            failures = {
                **(failures or {"changes": [], "behavior_changed": [], "inconclusive": []}),
                "exit_code": INCOMPLETE_EXIT,
                "reason": "drafting failed: " + result.draft_error.message
                if result.draft_error is not None and outcome.complete
                else "the run is incomplete: some runs failed after their retries, or the "
                "budget stopped the run",
            }
        print_json({**result.to_dict(), "warnings": warnings, "gate": failures})
    elif dry_run:
        if outcome.unchanged:
            stdout.print(
                f"Nothing to run: release #{outcome.release_id} already holds these "
                f"{outcome.total} runs (same versions, probes and samples). A real run "
                "reports it again and makes no new release.",
                highlight=False,
            )
        for item in outcome.not_reused:
            line(item.describe())
        if outcome.resumed:
            stdout.print(
                f"Would resume release #{outcome.release_id}: {outcome.already_done} of "
                f"{outcome.total} runs already stored.",
                highlight=False,
            )
        render_estimate(outcome)
    else:
        render_pipeline(result, pair.base.label, pair.head.label)
    if incomplete:
        raise typer.Exit(INCOMPLETE_EXIT)
    if result.analysis is not None:
        gate(
            result.analysis,
            fail_on_change=fail_on_change,
            fail_on_inconclusive=fail_on_inconclusive,
        )


def register(app: typer.Typer) -> None:
    app.command("run", short_help="Run both versions, detect changes, draft notes.")(run_command)
