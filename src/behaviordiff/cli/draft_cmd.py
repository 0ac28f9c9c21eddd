"""`behaviordiff draft`: behavior notes and macro/FAQ edits for a release's changes."""

from __future__ import annotations

from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, StageProgress, print_json, warn
from behaviordiff.cli.options import (
    ConfigOption,
    DrafterName,
    FormatOption,
    WorkspaceOption,
    parse_effective,
)
from behaviordiff.cli.render import render_drafts


def draft_command(
    release: Annotated[
        int | None,
        typer.Option(
            "--release",
            "-r",
            help="Release id. Default: the latest release with an analysis.",
        ),
    ] = None,
    drafter: Annotated[
        DrafterName | None,
        typer.Option(
            "--drafter",
            help="llm phrases with a model (grounding-checked), template needs none; auto "
            "picks llm when OPENAI_API_KEY or a base URL is set. "
            "Default: drafting.drafter in the config.",
        ),
    ] = None,
    effective: Annotated[
        str | None,
        typer.Option("--effective", help="Effective date of the change (YYYY-MM-DD)."),
    ] = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Draft behavior notes and macro/FAQ edits for a release's behavior changes.

    Drafts a writer has edited or approved are never overwritten.
    """
    from behaviordiff.interrupts import interrupt_at_once
    from behaviordiff.pipeline import (
        draft_release,
        effective_warnings,
        open_project,
        open_workspace,
        release_to_draft,
    )
    from behaviordiff.pipeline.review import load_review, moved_handles

    effective_date = parse_effective(effective)
    odd_date = effective_warnings(effective_date)
    project = open_project(config)
    with open_workspace(project, workspace, create=False) as store:
        choice = release_to_draft(store, release)
        warn(choice.warnings + odd_date)
        before = load_review(store, choice.release.id).items
        with (
            StageProgress("Drafting", quiet=output_format is OutputFormat.json) as progress,
            interrupt_at_once(),
        ):
            outcome = draft_release(
                store,
                choice.release.id,
                project,
                drafter=drafter.value if drafter is not None else None,
                effective=effective_date,
                on_progress=progress,
            )
        moved = moved_handles(before, load_review(store, choice.release.id).items)
    if output_format is OutputFormat.json:
        print_json(outcome.to_dict() | {"warnings": choice.warnings + odd_date + moved})
    else:
        render_drafts(outcome)
        warn(moved)


def register(app: typer.Typer) -> None:
    app.command("draft", short_help="Behavior notes and macro/FAQ edits for a release.")(
        draft_command
    )
