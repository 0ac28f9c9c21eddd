"""`behaviordiff run BASE HEAD`: run both versions over the probes and store the transcripts."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from behaviordiff.cli.console import (
    OutputFormat,
    StageProgress,
    line,
    print_json,
    stderr,
    stdout,
    warn,
)
from behaviordiff.cli.draft_cmd import DrafterName, parse_effective
from behaviordiff.cli.options import (
    ConfigOption,
    FailOnChangeOption,
    FailOnInconclusiveOption,
    FormatOption,
    WorkspaceOption,
    gate,
)

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress

    from behaviordiff.pipeline import PipelineResult
    from behaviordiff.runner import RunOutcome
    from behaviordiff.runner.scheduler import RunEvent


INCOMPLETE_EXIT = 3
"""Some runs failed after their retries, or the budget stopped the run."""


class AdapterChoice(StrEnum):
    openai = "openai"
    command = "command"
    replay = "replay"


def _money(value: float | None) -> str:
    return "unknown" if value is None else f"${value:.4f}"


class ProgressView:
    """Renders run events: a live bar on a terminal, plain lines otherwise, nothing for JSON."""

    def __init__(self, *, live: bool, quiet: bool):
        """`quiet` (JSON output) silences plain progress lines; a live bar on a terminal's
        stderr still shows, as it cannot end up in what a script reads from stdout."""
        self.live = live
        self.quiet = quiet and not live
        self.bar: RichProgress | None = None
        self.task: Any = None
        self.last_line = 0.0
        self.last_percent = -1
        self.stages = StageProgress("Analysing", quiet=quiet)
        """For what follows the runs (analysis), once the run bar has stopped."""

    def __enter__(self) -> ProgressView:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
        self.stages.close()

    def _start_bar(self, total: int, completed: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        # The numbers come first and the bar takes what width is left, down to nothing on a
        # narrow terminal; rate and spend only where they fit.
        wide = stderr.width >= 100
        columns = [
            TextColumn("[bold]running"),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[errors]} err"),
            TimeRemainingColumn(),
        ]
        if wide:
            columns[2:2] = [
                TextColumn("{task.fields[rate]:>6.1f}/s"),
                TextColumn("{task.fields[spend]}"),
            ]
        self.bar = Progress(
            *columns,
            BarColumn(bar_width=max(5, min(40, stderr.width - (75 if wide else 45)))),
            console=stderr,
            transient=False,
        )
        self.bar.start()
        self.task = self.bar.add_task(
            "run", total=total, completed=completed, rate=0.0, errors=0, spend="$0.0000"
        )

    def __call__(self, event: RunEvent) -> None:
        if self.quiet:
            return
        progress = event.progress
        if event.kind == "start":
            if event.message:
                stderr.print(event.message, highlight=False)
            if self.live:
                self._start_bar(progress.total, progress.completed)
            return
        if event.kind == "stop":
            stderr.print(Text(f"Stopping: {event.message}", style="yellow"))
            return
        if event.kind == "retry":
            if not self.live:
                sys.stderr.write(f"retry: {event.message}\n")
            return
        if self.bar is not None:
            self.bar.update(
                self.task,
                completed=progress.completed,
                rate=progress.rate,
                errors=progress.errors,
                spend=_money(progress.cost),
            )
            if event.kind == "done":
                self.bar.stop()
                self.bar = None
            return
        now = time.monotonic()
        percent = progress.completed * 10 // max(progress.total, 1)
        if event.kind == "run" and event.transcript is not None and event.transcript.error:
            job = event.job
            where = f"{job.side} {job.probe.id} #{job.sample}" if job else ""
            sys.stderr.write(f"error: {where}: {event.transcript.error}\n")
        if event.kind == "done" or percent != self.last_percent or now - self.last_line > 5:
            self.last_line, self.last_percent = now, percent
            eta = progress.eta
            sys.stderr.write(
                f"{progress.completed}/{progress.total} runs, {progress.rate:.1f}/s, "
                f"{progress.errors} errors, {progress.requests} requests, "
                f"{_money(progress.cost)}"
                + (f", ETA {eta:.0f}s" if eta is not None and event.kind != "done" else "")
                + "\n"
            )
            sys.stderr.flush()


def render_estimate(outcome: RunOutcome) -> None:
    estimate = outcome.estimate
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("runs", f"{outcome.total} ({outcome.samples} samples × 2 versions)")
    if outcome.already_done:
        table.add_row("already stored", str(outcome.already_done))
    table.add_row("runs to do", str(estimate.runs))
    table.add_row("answered from cache", str(estimate.cached_runs))
    table.add_row("requests", str(estimate.requests))
    table.add_row("tokens in / out", f"{estimate.prompt_tokens:,} / {estimate.completion_tokens:,}")
    cost = _money(estimate.cost)
    if estimate.unpriced_models:
        cost += f" (no price for {', '.join(estimate.unpriced_models)})"
    table.add_row("estimated cost", cost)
    if estimate.from_history:
        table.add_row(
            "measured", f"{estimate.from_history} of {estimate.runs} runs from earlier runs' usage"
        )
    stdout.print(table)


def _side_cell(part: Any) -> Text:
    text = Text()
    text.append(f"{part.ok} ok", style="green" if part.ok else "dim")
    if part.errors:
        text.append(f", {part.errors} errors", style="red")
    if part.actions:
        actions = ", ".join(
            f"{name}×{count}" if count > 1 else name for name, count in sorted(part.actions.items())
        )
        text.append(f"  {actions}", style="cyan")
    if part.escalated:
        text.append(f"  escalated×{part.escalated}", style="yellow")
    return text


def render_outcome(outcome: RunOutcome, base: str, head: str) -> None:
    table = Table(header_style="bold", box=None, pad_edge=False)
    table.add_column("probe")
    table.add_column(f"base: {base}")
    table.add_column(f"head: {head}")
    for probe in outcome.probes:
        table.add_row(probe.probe_id, _side_cell(probe.base), _side_cell(probe.head))
    stdout.print(table)
    render_run_line(outcome)


def render_run_line(outcome: RunOutcome) -> None:
    """What the runs came to, in one line, plus what needs attention."""
    progress = outcome.progress
    stored = outcome.counts
    summary = f"Release #{outcome.release_id}: {stored.get('ok', 0)} of {outcome.total} runs ok" + (
        f", {stored.get('error', 0)} with errors" if stored.get("error") else ""
    )
    reused = f"{outcome.reused} reused from earlier releases" if outcome.reused else ""
    if progress is not None and progress.done:
        summary += (
            f"; this run: {progress.done} runs ({progress.cached} from cache"
            + (f", {reused}" if reused else "")
            + f"), {progress.requests} requests, {progress.retries} retries, "
            f"{_money(progress.cost)}, {progress.elapsed:.1f}s"
        )
    elif reused:
        summary += f"; nothing to run: all {reused}, no request sent"
    line(Text(summary))
    if outcome.stopped:
        stdout.print(Text(f"Stopped early: {outcome.stopped}", style="yellow"))
        stdout.print(
            Text(
                "Not analysed or drafted: part of the suite has not run. Run the same command "
                "again to finish the release (finished runs are kept).",
                style="yellow",
            )
        )
    if stored.get("error"):
        stdout.print(
            Text("Runs with errors are run again by the next `behaviordiff run`.", style="yellow")
        )


def render_pipeline(result: PipelineResult, base: str, head: str) -> None:
    """The runs, then the behavior changes, then the drafts: what a release holds."""
    from rich.rule import Rule

    if result.analysis is None:
        render_outcome(result.outcome, base, head)
    else:
        render_run_line(result.outcome)
    if result.analysis is not None:
        from behaviordiff.cli.compare_cmd import render_analysis

        stdout.print(Rule("Behavior changes"))
        render_analysis(result.analysis)
    if result.drafts is not None:
        from behaviordiff.cli.draft_cmd import render as render_drafts

        stdout.print(Rule("Drafts for review"))
        render_drafts(result.drafts)
    if result.draft_error is not None:
        from behaviordiff.cli.console import show_error

        show_error(result.draft_error)


def register(app: typer.Typer) -> None:
    @app.command("run", short_help="Run both versions, detect changes, draft notes.")
    def run_command(
        base: Annotated[
            str, typer.Argument(metavar="BASE", help="The old version: a folder or a git ref.")
        ],
        head: Annotated[
            str, typer.Argument(metavar="HEAD", help="The new version: a folder or a git ref.")
        ],
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

        An unfinished run of the same versions and probes is resumed; runs identical to stored
        ones are reused, and model calls answered before come from the cache (--no-cache sends
        everything again). Ctrl-C stops cleanly (exit 130); run again to resume.

        Exit codes: 0 done; 1 behavior changed (with --fail-on-change); 2 bad input;
        3 the release is incomplete (runs failed after their retries, the budget stopped the
        run, or the drafting model did not answer): run again to finish it; 130 interrupted.
        """
        from behaviordiff.config import find_project
        from behaviordiff.pipeline import (
            load_pair,
            load_project_suites,
            run_pipeline,
            tool_name_warnings,
        )
        from behaviordiff.runner import RunOptions
        from behaviordiff.store import Workspace

        as_json = output_format is OutputFormat.json
        project = find_project(Path.cwd(), config)
        pair = load_pair(project, base, head)
        probes = load_project_suites(project, suite or [])
        warnings = tool_name_warnings(project, [pair.base, pair.head], probes)
        chosen = {adapter.value if adapter else v.config.adapter for v in (pair.base, pair.head)}
        if dry_run and "openai" in chosen:
            from behaviordiff.llm.openai_client import credentials_configured

            if not credentials_configured(base_url or project.config.run.base_url):
                warnings.append(
                    "no OPENAI_API_KEY, OPENAI_BASE_URL or AZURE_OPENAI_ENDPOINT is set: this "
                    "estimate stands, but the real run would stop at once"
                )
        if not as_json:
            warn(warnings)
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
        with (
            Workspace(project.workspace_path(workspace)) as store,
            ProgressView(live=stderr.is_terminal, quiet=as_json or dry_run) as view,
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
            from behaviordiff.pipeline import superseded_reviews

            with Workspace(project.workspace_path(workspace)) as store:
                later = superseded_reviews(store, pair, outcome.release_id)
            later = [*result.warnings, *later]
            warnings += later
            if not as_json:
                warn(later)
        if as_json:
            print_json({**result.to_dict(), "warnings": warnings})
        elif dry_run:
            if outcome.resumed:
                stdout.print(
                    f"Would resume release #{outcome.release_id}: {outcome.already_done} of "
                    f"{outcome.total} runs already stored.",
                    highlight=False,
                )
            render_estimate(outcome)
        else:
            render_pipeline(result, pair.base.label, pair.head.label)
        if not dry_run and (not outcome.complete or result.draft_error is not None):
            raise typer.Exit(INCOMPLETE_EXIT)
        if result.analysis is not None:
            gate(
                result.analysis,
                fail_on_change=fail_on_change,
                fail_on_inconclusive=fail_on_inconclusive,
            )
