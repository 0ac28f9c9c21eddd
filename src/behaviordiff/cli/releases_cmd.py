"""`behaviordiff releases`: what the workspace holds."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from behaviordiff.cli.console import OutputFormat, Text, hang, line, print_json, stdout
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption


def releases_command(
    delete: Annotated[
        list[int] | None,
        typer.Option(
            "--delete",
            help="Delete this release with its runs, analysis and drafts (repeatable). "
            "One holding a writer's edits or approvals needs --force.",
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Delete releases older than the newest --keep that hold no writer's "
            "work. The call cache stays: rerunning them sends no request.",
        ),
    ] = False,
    keep: Annotated[int, typer.Option("--keep", min=0, help="Releases --prune always keeps.")] = 5,
    force: Annotated[
        bool, typer.Option("--force", help="--delete a release holding a writer's work.")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="With --delete or --prune: list, delete nothing."),
    ] = False,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """List the releases stored in the workspace, newest first; --prune or --delete
    removes old ones."""
    from behaviordiff.pipeline import open_project, releases_overview

    overview = releases_overview(
        open_project(config),
        workspace,
        delete=delete,
        prune=prune,
        keep=keep,
        force=force,
        dry_run=dry_run,
    )
    rows, path, removed, kept = (
        overview.rows,
        overview.path,
        overview.removed,
        overview.kept_for_writers,
    )
    if output_format is OutputFormat.json:
        data: dict[str, Any] = {"workspace": str(path), "releases": rows}
        if removed is not None:
            data["would_delete" if dry_run else "deleted"] = removed
            data["kept_for_writers"] = kept
        print_json(data)
        return
    if removed is not None:
        verb = "Would delete" if dry_run else "Deleted"
        if removed:
            shown = ", ".join(f"#{item['id']}" for item in removed)
            line(Text(f"{verb} release(s) {shown}.", style="yellow"))
        else:
            line(Text("Nothing to delete.", style="dim"))
        if kept:
            line(
                Text(
                    f"Kept {', '.join(kept)}: a writer's work goes only by name "
                    "(--delete N --force).",
                    style="dim",
                )
            )
    if not rows:
        stdout.print(f"No releases yet in {path}.", style="dim")
        return
    # Two lines a release, not a table: at any width no number is cut off.
    for row in rows:
        runs = f"runs {row['ok_runs']}/{row['planned_runs']}" if row["planned_runs"] else ""
        if row["failed_runs"]:
            runs += f" ({row['failed_runs']} failed)"
        if row.get("reused_runs"):
            runs += f", {row['reused_runs']} reused from earlier releases"
        if row.get("unchanged_reruns"):
            runs += f", rerun {row['unchanged_reruns']}× with nothing changed"
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
        line(
            Text.assemble(
                (f"#{row['id']}  ", "bold cyan"),
                (str(row["name"]), "bold"),
                (
                    "  (current: a rerun came back to it; read when no --release is named)"
                    if row.get("current") and row["id"] != rows[0]["id"]
                    else "",
                    "green",
                ),
            )
        )
        hang("    ", " · ".join(fact for fact in facts if fact), "dim")


def register(app: typer.Typer) -> None:
    app.command("releases", short_help="The releases in the workspace; prune old ones.")(
        releases_command
    )
