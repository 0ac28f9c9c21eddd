"""`behaviordiff kb check`: import the knowledge base (macros, FAQ) and summarise it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, print_json, stdout
from behaviordiff.cli.options import ConfigOption, FormatOption

kb_app = typer.Typer(help="Work with the knowledge base (CS macros and FAQ).", no_args_is_help=True)


def render_summary(summary: dict[str, Any]) -> None:
    formats = ", ".join(f"{count} {name}" for name, count in summary["formats"].items())
    stdout.print(
        Text.assemble(
            ("knowledge base ", "bold"),
            f"  {summary['macros']} macros, {summary['articles']} articles ({formats})",
            (f"; {summary['inactive']} inactive" if summary["inactive"] else "", "dim"),
        )
    )
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("kind", "id", "title", "format", "placeholders"):
        table.add_column(column)
    for item in summary["items"]:
        title = Text(item["title"], style="" if item["active"] else "dim")
        table.add_row(
            item["kind"], item["id"], title, item["body_format"], str(len(item["placeholders"]))
        )
    stdout.print(table)
    if summary["placeholders"]:
        stdout.print(
            "Placeholders kept verbatim: " + ", ".join(summary["placeholders"]), style="dim"
        )


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
    from behaviordiff.config import find_project
    from behaviordiff.kb import KnowledgeBaseError, load_knowledge_base, load_project_kb

    if macros or faq:
        base = load_knowledge_base(macros or [], faq or [])
    else:
        project = find_project(Path.cwd(), config)
        base = load_project_kb(project)
        if not base.sources:
            raise KnowledgeBaseError(
                "no knowledge base configured",
                where=project.source or project.root,
                hint='add macros = ["kb/macros.json"] and faq = ["kb/faq"] under '
                f"{project.table('knowledge_base')}, or pass --macros / --faq",
            )
    summary = base.summary()
    if output_format is OutputFormat.json:
        print_json(summary)
    else:
        render_summary(summary)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
