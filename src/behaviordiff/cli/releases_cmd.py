"""`behaviordiff releases`: what the workspace holds."""

from __future__ import annotations

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
        from behaviordiff.errors import WorkspaceError
        from behaviordiff.store import Workspace
        from behaviordiff.store.workspace import DB_FILENAME, release_overview

        project = find_project(Path.cwd(), config)
        folder = project.workspace_path(workspace)
        try:
            store = Workspace(folder, create=False)
        except WorkspaceError:
            if not (folder / DB_FILENAME).exists():
                rows: list[dict[str, object]] = []
                path = folder / DB_FILENAME
            else:
                raise
        else:
            with store:
                rows, path = release_overview(store), store.path
        if output_format is OutputFormat.json:
            print_json({"workspace": str(path), "releases": rows})
            return
        if not rows:
            stdout.print(f"No releases yet in {path}.", style="dim")
            return
        table = Table(box=None, header_style="bold")
        for column in ("id", "release", "created", "runs", "changes", "drafts", "effective"):
            table.add_column(column, no_wrap=column != "release")
        for row in rows:
            runs = f"{row['ok_runs']}/{row['planned_runs']}" if row["planned_runs"] else "-"
            if row["failed_runs"]:
                runs += f" ({row['failed_runs']} failed)"
            changes = str(row["changes"]) if row["analysed"] else "-"
            if row["analysed"] and row["inconclusive"]:
                changes += f" (+{row['inconclusive']} inconclusive)"
            drafts = f"{row['drafts']}, {row['approved']} approved" if row["drafts"] else "-"
            table.add_row(
                str(row["id"]),
                " → ".join(side.rsplit("/", 1)[-1] for side in str(row["name"]).split(" → ")),
                str(row["created_at"])[:16].replace("T", " "),
                runs,
                changes,
                drafts,
                str(row["effective_date"] or "-"),
            )
        stdout.print(table)
