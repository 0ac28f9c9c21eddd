"""`behaviordiff changelog`: approved behavior notes as Markdown, JSON or an Atom feed."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import stderr, warn
from behaviordiff.cli.options import ConfigOption, WorkspaceOption


class ChangelogFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    atom = "atom"


def changelog_command(
    release: Annotated[
        int | None, typer.Option("--release", "-r", help="Only this release.")
    ] = None,
    since: Annotated[
        int | None, typer.Option("--since", help="Releases from this id on (inclusive).")
    ] = None,
    include_unreleased: Annotated[
        bool,
        typer.Option(
            "--include-unreleased",
            help="Also releases still in review, under 'Unreleased' (their approved notes).",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    output_format: Annotated[
        ChangelogFormat,
        typer.Option("--format", "-f", help="markdown for people, json for tools, atom for feeds."),
    ] = ChangelogFormat.markdown,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """The behavior changelog: approved notes (the writer's text where edited) per release,
    with effective date, who approved and CS's acknowledgement. Templates: built in, or
    your own under [publish] templates in the config."""
    from behaviordiff.errors import UsageError
    from behaviordiff.publish.changelog import Selection, build_changelog, render_changelog
    from behaviordiff.publish.session import open_session

    if release is not None and since is not None:
        raise UsageError("pass --release or --since, not both", hint="--release N shows one")
    with open_session(config, workspace, None, choose=None) as session:
        data = build_changelog(session.workspace, Selection(release, since, include_unreleased))
        text = render_changelog(data, output_format.value, session.project)
    if not data["releases"]:
        warn(
            [
                "no release is out of review yet: pass --include-unreleased to see the "
                "approved notes of one still in review"
            ]
        )
    if output is None:
        # the notes are a writer's and a model's text: no terminal control reaches the
        # terminal raw and no known secret is printed (the file written below is verbatim)
        from behaviordiff.secrets import scrub
        from behaviordiff.terminal import safe_json_text, safe_terminal_text

        clean = safe_json_text if output_format is ChangelogFormat.json else safe_terminal_text
        typer.echo(scrub(clean(text)), nl=False)
        return
    from behaviordiff.publish.files import write_text

    write_text(output, text)
    stderr.print(
        f"Wrote the changelog ({output_format.value}) to {output}", soft_wrap=True, markup=False
    )


def register(app: typer.Typer) -> None:
    app.command("changelog", short_help="Approved behavior notes: Markdown, JSON or Atom.")(
        changelog_command
    )
