"""`behaviordiff gate`: may the release go to shadow, canary or 100%? Exit 0 or 1."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import OutputFormat, Text, hang, line, print_json, stderr
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption
from behaviordiff.errors import BehaviordiffError

if TYPE_CHECKING:
    from behaviordiff.publish.gate import GateResult


class StageName(StrEnum):
    shadow = "shadow"
    canary = "canary"
    full = "full"


def _render(result: GateResult) -> None:
    from behaviordiff.publish.gate import ROLE_NAMES

    style = "bold green" if result.passed else "bold red"
    line(Text(result.headline(), style=style))
    # CS's items the next steps gather are listed once, by what is missing: the commands
    # that clear them follow together (each item's own fix repeated them, 13 lines for 3)
    gathered = {subject for step in result.next_steps for subject in step.subjects}
    for role in result.roles():
        line(Text(f"{ROLE_NAMES[role]} must act:", style="bold"))
        for item in result.missing:
            if item.role == role:
                covered = role == "cs" and item.subject in gathered
                hang("  - ", item.message if covered else f"{item.message}\n  fix: {item.fix}")
    if result.next_steps:
        line(Text(f"Next, for CS on {result.named()}:", style="bold"))
        for step in result.next_steps:
            hang("  - ", step.step)
    if result.lead_time is not None:
        line(Text(result.lead_time.describe() + ".", style="yellow" if result.missing else "dim"))
    for warning in result.warnings:
        if result.lead_time is None or warning != result.lead_time.describe():
            stderr.print(Text("warning: ", style="bold yellow") + Text(warning), soft_wrap=True)


def _write_github(result: GateResult, *, to_stderr: bool) -> None:
    """Annotations on stdout (stderr when stdout carries JSON: the runner reads both)."""
    from behaviordiff.publish.files import write_text
    from behaviordiff.publish.github import summary_markdown, workflow_commands
    from behaviordiff.secrets import scrub
    from behaviordiff.terminal import safe_terminal_text

    for annotation in workflow_commands(result):
        # a note title is a writer's text: shown, never obeyed, by the terminal or the runner
        typer.echo(scrub(safe_terminal_text(annotation)), err=to_stderr)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        stderr.print(
            Text("warning: ", style="bold yellow")
            + Text(
                "GITHUB_STEP_SUMMARY is not set, so no summary was written (GitHub Actions "
                "sets it in a workflow step; elsewhere set it to a file to get the Markdown)"
            ),
            soft_wrap=True,
        )
    else:
        from behaviordiff.publish.templates import PublishError

        path = Path(summary)
        try:
            before = path.read_text(encoding="utf-8") if path.is_file() else ""
            write_text(path, before + summary_markdown(result) + "\n")
        except (PublishError, OSError, UnicodeDecodeError) as exc:
            reason = exc.message if isinstance(exc, PublishError) else str(exc)
            raise PublishError(
                f"cannot write the GitHub step summary named by GITHUB_STEP_SUMMARY: {reason}",
                where=path,
                hint="set GITHUB_STEP_SUMMARY to a file you can write (GitHub Actions sets it "
                "in each step), or leave out --github; the gate's answer is above",
            ) from None


def gate_command(
    stage: Annotated[
        StageName,
        typer.Option(
            "--stage",
            "-s",
            help="shadow: the release is complete; canary: every change reviewed; full "
            "(100%): every approved change acknowledged by CS and its edits applied in the "
            "helpdesk (pushed, or marked done after an import).",
        ),
    ],
    release: Annotated[
        int | None,
        typer.Option("--release", "-r", help="Release id. Default: the latest release."),
    ] = None,
    github: Annotated[
        bool,
        typer.Option(
            "--github",
            help="Also write a Markdown summary to $GITHUB_STEP_SUMMARY and ::error/::warning "
            "annotations (GitHub Actions).",
        ),
    ] = False,
    reviews: Annotated[
        Path | None,
        typer.Option(
            "--reviews",
            help="A committed review file (`behaviordiff review export`): its decisions are "
            "recorded on the release first, where its drafts read the same (writers who "
            "review on their own machines).",
            dir_okay=False,
        ),
    ] = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Exit 0 when the release may proceed to the stage, 1 with what is missing and which
    role must act (engineering, writer, CS). Each stage needs what the one before needs."""
    from behaviordiff.publish.gate import evaluate_for_project
    from behaviordiff.publish.review_file import import_reviews, read_review_file
    from behaviordiff.publish.session import open_session
    from behaviordiff.publish.state import load_state

    read = read_review_file(reviews) if reviews is not None else None
    with open_session(config, workspace, release, choose="latest") as session:
        imported = (
            import_reviews(session.workspace, session.release_id, read, file=str(reviews))
            if read is not None
            else None
        )
        state = load_state(session.workspace, session.release_id)
        result = evaluate_for_project(state, stage.value, session.project, reviews=imported)
    summary_error: BehaviordiffError | None = None
    if github:
        try:
            _write_github(result, to_stderr=output_format is OutputFormat.json)
        except BehaviordiffError as error:  # said after the gate's answer, which stands
            summary_error = error
    if output_format is OutputFormat.json:
        print_json({**result.to_dict(), **({"reviews": imported.to_dict()} if imported else {})})
    else:
        if imported is not None:
            from behaviordiff.cli.render import render_review_import

            render_review_import(imported)
        _render(result)
    if summary_error is not None:
        raise summary_error
    raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    app.command("gate", short_help="May the release go to shadow, canary or 100%? Exit 0/1.")(
        gate_command
    )
