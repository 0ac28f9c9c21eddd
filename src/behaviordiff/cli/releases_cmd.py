"""`behaviordiff releases`: what the workspace holds."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, hang, line, print_json, stdout
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
        # Two lines a release, not a table: at any width no number is cut off.
        for row in rows:
            runs = f"runs {row['ok_runs']}/{row['planned_runs']}" if row["planned_runs"] else ""
            if row["failed_runs"]:
                runs += f" ({row['failed_runs']} failed)"
            changes = f"{row['changes']} change(s)" if row["analysed"] else "not analysed"
            if row["analysed"] and row["inconclusive"]:
                changes += f" (+{row['inconclusive']} inconclusive)"
            drafts = (
                f"{row['drafts']} draft(s), {row['approved']} approved"
                if row["drafts"]
                else "no drafts"
            )
            facts = [
                str(row["created_at"])[:16].replace("T", " "),
                runs,
                changes,
                drafts,
                f"effective {row['effective_date'] or 'not set'}",
            ]
            line(Text.assemble((f"#{row['id']}  ", "bold cyan"), (str(row["name"]), "bold")))
            hang("    ", " · ".join(fact for fact in facts if fact), "dim")
