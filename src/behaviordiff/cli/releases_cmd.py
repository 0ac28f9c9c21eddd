"""`behaviordiff releases`: what the workspace holds."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from behaviordiff.cli.console import OutputFormat, print_json, stdout
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption


def register(app: typer.Typer) -> None:
    @app.command("releases")
    def releases_command(
        config: ConfigOption = None,
        workspace: WorkspaceOption = None,
        output_format: FormatOption = OutputFormat.text,
    ) -> None:
        """List the releases stored in the workspace, newest first."""
        from behaviordiff.config import find_project
        from behaviordiff.store import Workspace

        project = find_project(Path.cwd(), config)
        with Workspace(project.workspace_path(workspace)) as store:
            releases = store.releases()
            if output_format is OutputFormat.json:
                print_json(
                    {"workspace": str(store.path), "releases": [asdict(r) for r in releases]}
                )
                return
            if not releases:
                stdout.print(f"No releases yet in {store.path}.", style="dim")
                return
            table = Table(box=None, header_style="bold")
            for column in ("id", "release", "created", "status"):
                table.add_column(column)
            for release in releases:
                table.add_row(str(release.id), release.name, release.created_at, release.status)
            stdout.print(table)
