"""`behaviordiff probes check`: validate probe suites and summarise them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, print_json, reading_note, warn
from behaviordiff.cli.options import ConfigOption, FormatOption
from behaviordiff.cli.render import render_probe_summary

probes_app = typer.Typer(help="Work with probe suites.", no_args_is_help=True)


@probes_app.command("check", short_help="Validate probe suites and render templates per probe.")
def check_command(
    suites: Annotated[
        list[Path] | None,
        typer.Argument(help="Suite files (YAML or JSONL). Default: [probes] suites in the config."),
    ] = None,
    agent: Annotated[
        list[str] | None,
        typer.Option(
            "--agent",
            "-a",
            help="Also render this agent version's prompt templates with every probe's "
            "variables (folder or git ref; repeatable).",
        ),
    ] = None,
    config: ConfigOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Validate probe suites (schema, unique ids, template variables) and count probes by tag."""
    from behaviordiff.pipeline import check_probe_suites

    summary = check_probe_suites(config, suites or [], agent or [], reading_note)
    if output_format is OutputFormat.json:
        print_json(summary)
    else:
        warn(summary.get("warnings", []))
        render_probe_summary(summary)


def register(app: typer.Typer) -> None:
    app.add_typer(probes_app, name="probes")
