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
        from behaviordiff.errors import ConfigError

        if print_only:
            typer.echo(STARTER_CONFIG, nl=False)
            return
        target = folder / CONFIG_FILENAME
        if target.exists() and not force:
            raise ConfigError(
                "a config already exists here",
                where=target,
                hint="edit it, or pass --force to replace it with the starter",
            )
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(STARTER_CONFIG, encoding="utf-8")
        stdout.print(f"Wrote {target}.", style="green")
        stdout.print(
            "Next: point [probes] suites at your probe files, then run "
            "`behaviordiff diff BASE HEAD` (folders or git refs)."
        )
