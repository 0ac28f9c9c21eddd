"""`behaviordiff releases`: what the workspace holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, hang, line, print_json, stdout
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption

if TYPE_CHECKING:
    from behaviordiff.store import Workspace


def _remove(
    store: Workspace,
    delete: list[int],
    prune: bool,
    keep: int,
    force: bool,
    dry_run: bool,
) -> list[dict[str, Any]]:
    """The releases named by --delete, or found by --prune, removed (or only listed)."""
    from behaviordiff.errors import WorkspaceError

    if delete:
        chosen = [store.release(release_id) for release_id in delete]
        held = [(r, store.writer_work(r.id)) for r in chosen if store.writer_work(r.id)]
        if held and not force:
            shown = ", ".join(f"#{r.id} ({n} edited or approved draft(s))" for r, n in held)
            raise WorkspaceError(
                f"{shown} hold a writer's work",
                where=store.path,
                hint="review them first, or add --force to delete them anyway",
            )
    else:
        chosen = store.prunable(keep) if prune else []
    if chosen and not dry_run:
        store.delete_releases(chosen, "delete" if delete else f"prune, keep {keep}")
    return [{"id": release.id, "name": release.name} for release in chosen]


def _kept_for_writers(store: Workspace, keep: int) -> list[str]:
    """Releases a prune left although older than --keep: they hold a writer's work."""
    return [
        f"#{release.id} ({store.writer_work(release.id)} edited or approved draft(s))"
        for release in store.releases()[keep:]
        if store.writer_work(release.id)
    ]


def register(app: typer.Typer) -> None:
    @app.command("releases", short_help="The releases in the workspace; prune old ones.")
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
        keep: Annotated[
            int, typer.Option("--keep", min=0, help="Releases --prune always keeps.")
        ] = 5,
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
        from behaviordiff.config import find_project
        from behaviordiff.errors import WorkspaceError
        from behaviordiff.store import Workspace
        from behaviordiff.store.workspace import DB_FILENAME, release_overview

        project = find_project(Path.cwd(), config)
        folder = project.workspace_path(workspace)
        removed: list[dict[str, Any]] | None = None
        kept: list[str] = []
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
                removed = (
                    _remove(store, delete or [], prune, keep, force, dry_run)
                    if delete or prune
                    else None
                )
                kept = _kept_for_writers(store, keep) if prune and not delete else []
                rows, path = release_overview(store), store.path
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
            if row["reused_runs"]:
                runs += f", {row['reused_runs']} reused from earlier releases"
            if row["unchanged_reruns"]:
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
            line(Text.assemble((f"#{row['id']}  ", "bold cyan"), (str(row["name"]), "bold")))
            hang("    ", " · ".join(fact for fact in facts if fact), "dim")
