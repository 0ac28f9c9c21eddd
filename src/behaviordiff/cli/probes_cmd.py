"""`behaviordiff probes check`: validate probe suites and summarise them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, print_json, stdout, warn
from behaviordiff.cli.options import ConfigOption, FormatOption

probes_app = typer.Typer(help="Work with probe suites.", no_args_is_help=True)


def render_summary(summary: dict[str, Any]) -> None:
    stdout.print(
        Text.assemble(
            ("probes ", "bold"),
            (summary["suite"], "cyan"),
            f"   {summary['probes']} probes in {len(summary['files'])} file(s)",
        )
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("tag")
    table.add_column("probes", justify="right")
    for tag, count in summary["tags"].items():
        table.add_row(tag, str(count))
    if summary["untagged"]:
        table.add_row(Text("(untagged)", style="dim"), str(summary["untagged"]))
    stdout.print(table)
    turns = ", ".join(f"{count} {kind}" for kind, count in summary["turns"].items())
    stdout.print(
        f"{turns}; {summary['with_tool_fixtures']} with tool fixtures; "
        f"{summary['with_expectations']} with expected behavior",
        style="dim",
    )
    if summary.get("templates_checked"):
        head = f"Templates render for every probe: {summary['templates_checked']} renders against"
        whole = f"{head} {', '.join(summary['agents'])}."
        if len(whole) <= stdout.width:
            stdout.print(whole, style="green", highlight=False, soft_wrap=True)
        else:  # one version a line: a wrap never cuts a path in two
            stdout.print(head, style="green", highlight=False)
            for agent in summary["agents"]:
                stdout.print(f"  {agent}", style="green", highlight=False, soft_wrap=True)


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
    from behaviordiff.agent.version import resolve_version
    from behaviordiff.config import find_project
    from behaviordiff.pipeline import check_templates, load_project_suites, tool_name_warnings

    project = find_project(Path.cwd(), config)
    suite = load_project_suites(project, suites or [])
    summary = suite.summary()
    if agent:
        versions = [resolve_version(spec, project) for spec in agent]
        summary["templates_checked"] = check_templates(suite, versions)
        summary["agents"] = [version.label for version in versions]
        summary["warnings"] = tool_name_warnings(project, versions, suite)
    if output_format is OutputFormat.json:
        print_json(summary)
    else:
        warn(summary.get("warnings", []))
        render_summary(summary)


def register(app: typer.Typer) -> None:
    app.add_typer(probes_app, name="probes")
