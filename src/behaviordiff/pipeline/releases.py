"""Which release a command works on, what the workspace holds, and removing old releases.

Each choice returns its warnings (a newer release passed over, and why) for the front end to
show; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.store import Workspace
    from behaviordiff.store.drafts import DraftKind, DraftRecord
    from behaviordiff.store.workspace import Release


@dataclass
class ReleaseChoice:
    """The release a command works on, and the warnings that say why this one (a newer
    release passed over, and the command that would make it usable)."""

    release: Release
    warnings: list[str] = field(default_factory=list)


def current_draft(store: Workspace, release_id: int, kind: DraftKind, key: str) -> DraftRecord:
    """A draft as it is stored now: another reviewer, or the same one in another window, may
    have changed it since it was read."""
    from behaviordiff.store.drafts import DraftStore

    return DraftStore(store).draft(release_id, kind, key)


def release_or_latest(store: Workspace, release_id: int | None) -> Release:
    """The release asked for, else the newest; none yet is an error that says what to run."""
    return store.release(release_id) if release_id is not None else store.require_latest_release()


def release_to_draft(store: Workspace, release_id: int | None = None) -> ReleaseChoice:
    """The release asked for; else the newest with a stored analysis (a run stopped by its
    budget or Ctrl-C has none), warning about the newer ones passed over; else the newest
    release (drafting it then says why it cannot)."""
    if release_id is not None:
        return ReleaseChoice(store.release(release_id))
    latest = store.require_latest_release()
    skipped: list[int] = []
    for candidate in store.releases():
        if store.has_analysis(candidate.id):
            if not skipped:
                return ReleaseChoice(candidate)
            newest = store.newest_release()
            if newest is not None and skipped[0] == newest.id and store.busy("run"):
                return ReleaseChoice(candidate, [_running_warning(skipped, candidate.id)])
            return ReleaseChoice(
                candidate,
                [
                    f"release(s) #{', #'.join(map(str, skipped))} have no analysis (a run "
                    "stopped before it: budget, Ctrl-C or failed runs): drafting "
                    f"#{candidate.id}; run `behaviordiff run` again with the same versions "
                    "to finish the newer one"
                ],
            )
        skipped.append(candidate.id)
    return ReleaseChoice(latest)


def _running_warning(skipped: list[int], chosen: int) -> str:
    """The newest release is not analysed because its run is still going (another process
    holds the run lock), not because a run stopped."""
    ids = ", #".join(map(str, skipped))
    return (
        f"release(s) #{ids} have no analysis yet: a behaviordiff run is working on "
        f"#{skipped[0]} now: drafting #{chosen}; run this again once that run has finished"
    )


def release_to_review(store: Workspace, requested: int | None = None) -> ReleaseChoice:
    """The release to review: `requested`, else the newest one with drafts (one still
    running, stopped or not analysed has none), else the newest. The warnings say why this
    release and not another, for the writer."""
    from behaviordiff.store.drafts import DraftStore

    latest = store.require_latest_release()
    if requested is not None:
        chosen = store.release(requested)
        if chosen.id == latest.id:
            return ReleaseChoice(chosen)
        return ReleaseChoice(
            chosen,
            [
                f"release #{chosen.id} is not the newest (#{latest.id}): what is reviewed "
                f"here stays with #{chosen.id}; the next run carries the newest release's "
                "drafts forward"
            ],
        )
    drafts = DraftStore(store)
    newer: list[int] = []
    for candidate in store.releases():
        if drafts.drafts(candidate.id):
            return ReleaseChoice(
                candidate, [_undrafted_warning(store, newer, candidate.id)] if newer else []
            )
        newer.append(candidate.id)
    return ReleaseChoice(latest)


def _undrafted_warning(store: Workspace, newer: list[int], shown: int) -> str:
    """Why the newer releases have no drafts, and the command that gives them some: `draft`
    for one with an analysis (run with --no-draft), `run` again for one stopped before it. One
    whose analysis found no behavior change has nothing to draft: saying `draft` would do
    nothing, so it is named apart, with its undecided probes, if any."""
    from behaviordiff.store.workspace import release_overview

    overview = {row["id"]: row for row in release_overview(store)}
    analysed = [release_id for release_id in newer if store.has_analysis(release_id)]
    unfinished = [release_id for release_id in newer if release_id not in analysed]
    empty = [release_id for release_id in analysed if not overview[release_id]["changes"]]
    undrafted = [release_id for release_id in newer if release_id not in empty]
    parts: list[str] = []
    if undrafted:
        fixes = [
            f"`behaviordiff draft --release {release_id}`"
            for release_id in analysed
            if release_id not in empty
        ]
        running = (
            [unfinished[0]]
            if unfinished and unfinished[0] == newer[0] and store.busy("run")
            else []
        )
        if running:
            fixes.append(
                f"#{running[0]} is still running (a behaviordiff run is working on it now); "
                "look again once it has finished"
            )
        if stopped := [release_id for release_id in unfinished if release_id not in running]:
            ids = ", #".join(map(str, stopped))
            fixes.append(
                f"run `behaviordiff run` again to finish #{ids} (its run stopped before the "
                "analysis)"
            )
        parts.append(
            f"release(s) #{', #'.join(map(str, undrafted))} have no drafts yet: showing "
            f"#{shown}; " + "; ".join(fixes)
        )
    if empty:
        text = (
            f"release(s) #{', #'.join(map(str, empty))} found no behavior change, so there is "
            "nothing to draft"
        )
        unsure = [
            f"#{release_id}: {row['failed_runs']} run(s) failed, run it again to redo them"
            if row["failed_runs"]
            else f"#{release_id}: {row['inconclusive']} probe(s) undecided, run it again with "
            "more samples"
            for release_id in empty
            if (row := overview[release_id])["failed_runs"] or row["inconclusive"]
        ]
        if unsure:
            text += f" ({'; '.join(unsure)})"
        if not undrafted:
            text += f": showing #{shown}"
        parts.append(text)
    return "; ".join(parts)


@dataclass
class ReleasesOverview:
    """What `releases` shows: the workspace's releases, newest first, and what a --delete or
    --prune removed (or would remove)."""

    path: Path
    rows: list[dict[str, Any]]
    removed: list[dict[str, Any]] | None = None
    """None: nothing was asked to be removed."""
    kept_for_writers: list[str] = field(default_factory=list)


def releases_overview(
    project: Project,
    workspace: Path | None = None,
    *,
    delete: list[int] | None = None,
    prune: bool = False,
    keep: int = 5,
    force: bool = False,
    dry_run: bool = False,
) -> ReleasesOverview:
    """The releases stored (none when the project's workspace does not exist yet), after
    removing the ones `delete` names or `prune` finds. A release holding a writer's work is
    only ever removed by name, with `force`. With no config found, a missing workspace is the
    error every other command gives (a folder that is no project is no empty list)."""
    from behaviordiff.errors import WorkspaceError
    from behaviordiff.store import Workspace
    from behaviordiff.store.workspace import DB_FILENAME, release_overview

    folder = project.workspace_path(workspace)
    try:
        store = Workspace(folder, create=False)
    except WorkspaceError:
        # no workspace yet is an empty list; a file where the folder should be is an error
        if (
            project.source is not None
            and (folder.is_dir() or not folder.exists())
            and not (folder / DB_FILENAME).exists()
        ):
            return ReleasesOverview(folder / DB_FILENAME, [])
        raise
    with store:
        removed = (
            _remove(store, delete or [], prune, keep, force, dry_run) if delete or prune else None
        )
        kept = _kept_for_writers(store, keep) if prune and not delete else []
        return ReleasesOverview(store.path, release_overview(store), removed, kept)


def _remove(
    store: Workspace, delete: list[int], prune: bool, keep: int, force: bool, dry_run: bool
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
