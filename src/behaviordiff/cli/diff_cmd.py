"""`behaviordiff diff BASE HEAD`: the structural diff of two agent versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import OutputFormat, print_json
from behaviordiff.cli.options import ConfigOption, FormatOption
from behaviordiff.cli.render import render_diff

if TYPE_CHECKING:
    pass


def diff_command(
    base: Annotated[
        str,
        typer.Argument(metavar="BASE", help="Old version: a folder, a git ref, or REF:path."),
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="New version: a folder, a git ref, or REF:path. Default: the agent folder "
            "([agent] path) as it is in the working tree.",
        ),
    ] = None,
    config: ConfigOption = None,
    output_format: FormatOption = OutputFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the versions differ (for CI).")
    ] = False,
) -> None:
    """Show what changed between two agent versions: prompt sections and sentences, config
    keys, tools, template variables. With one version (`diff HEAD`), it is compared with the
    agent folder as it is in the working tree."""
    from behaviordiff.pipeline import load_pair, open_project

    project = open_project(config)
    pair = load_pair(project, base, head)
    if output_format is OutputFormat.json:
        print_json(pair.diff.to_dict())
    else:
        render_diff(pair.diff)
    if exit_code and not pair.diff.is_empty():
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("diff", short_help="Prompt and config diff of two agent versions.")(diff_command)
