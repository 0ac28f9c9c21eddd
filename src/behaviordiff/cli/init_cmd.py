"""`behaviordiff init`: write a commented starter config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import stdout


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init_command(
        folder: Annotated[Path, typer.Argument(help="The repo to set up.", file_okay=False)] = Path(
            "."
        ),
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite an existing config.")
        ] = False,
        print_only: Annotated[
            bool, typer.Option("--print", help="Print the starter config instead of writing it.")
        ] = False,
    ) -> None:
        """Write a commented behaviordiff.toml into a repo."""
        from behaviordiff.config import CONFIG_FILENAME, STARTER_CONFIG
        from behaviordiff.errors import AlreadyExists

        if print_only:
            typer.echo(STARTER_CONFIG, nl=False)
            return
        target = folder / CONFIG_FILENAME
        if target.exists() and not force:
            raise AlreadyExists(
                "a config already exists here",
                where=target,
                hint="edit it, or pass --force to replace it with the starter",
            )
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(STARTER_CONFIG, encoding="utf-8")
        stdout.print(f"Wrote {target}.", style="green")
        if _ignore_workspace(folder):
            stdout.print("Added .behaviordiff/ (the workspace) to .gitignore.")
        stdout.print(
            "Next: point \\[probes] suites at your probe files, then run "
            "`behaviordiff diff BASE HEAD` (folders or git refs)."
        )


def _ignore_workspace(folder: Path) -> bool:
    """In a git repository, keep the workspace database out of commits."""
    if not (folder / ".git").exists():
        return False
    gitignore = folder / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    if any(line.strip().strip("/") == ".behaviordiff" for line in existing.splitlines()):
        return False
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    gitignore.write_text(existing + prefix + ".behaviordiff/\n", encoding="utf-8")
    return True
