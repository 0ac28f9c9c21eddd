"""`behaviordiff init`: write a commented starter config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import stdout


def init_command(
    folder: Annotated[Path, typer.Argument(help="The repo to set up.", file_okay=False)] = Path(
        "."
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config.")] = False,
    print_only: Annotated[
        bool, typer.Option("--print", help="Print the starter config instead of writing it.")
    ] = False,
) -> None:
    """Write a commented behaviordiff.toml into a repo."""
    from behaviordiff.pipeline import init_project, starter_config

    if print_only:
        typer.echo(starter_config(), nl=False)
        return
    target, ignored = init_project(folder, force=force)
    stdout.print(f"Wrote {target}.", style="green")
    if ignored:
        stdout.print("Added .behaviordiff/ (the workspace) to .gitignore.")
    stdout.print(
        "Next: point \\[probes] suites at your probe files, then run "
        "`behaviordiff diff BASE HEAD` (folders or git refs)."
    )


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
