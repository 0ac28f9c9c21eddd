"""`behaviordiff kb check`: import the knowledge base (macros, FAQ) and summarise it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, print_json
from behaviordiff.cli.options import ConfigOption, FormatOption
from behaviordiff.cli.render import render_kb_summary

kb_app = typer.Typer(help="Work with the knowledge base (CS macros and FAQ).", no_args_is_help=True)


@kb_app.command("check", short_help="Import the macros and FAQ articles and list them.")
def check_command(
    macros: Annotated[
        list[Path] | None,
        typer.Option(
            "--macros",
            help="Macro export (Zendesk JSON, Freshdesk JSON or CSV); repeatable. "
            "Default: knowledge_base.macros in the config.",
        ),
    ] = None,
    faq: Annotated[
        list[Path] | None,
        typer.Option(
            "--faq",
            help="FAQ folder of Markdown files or a Zendesk Guide export; repeatable. "
            "Default: knowledge_base.faq in the config.",
        ),
    ] = None,
    config: ConfigOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Import the macros and FAQ articles and list them; a bad record names file and record."""
    from behaviordiff.cli.console import StageProgress, warn
    from behaviordiff.pipeline import check_knowledge_base

    with StageProgress(
        "Reading the knowledge base", quiet=output_format is OutputFormat.json
    ) as progress:
        summary = check_knowledge_base(config, macros or [], faq or [], on_progress=progress)
    if output_format is OutputFormat.json:
        print_json(summary)
    else:
        render_kb_summary(summary)
        warn(summary.get("warnings", []))


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
