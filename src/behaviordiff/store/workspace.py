"""The workspace database: releases, their stored stage outputs, and the audit trail."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import WorkspaceError
from behaviordiff.secrets import scrub
from behaviordiff.store.migrations import MIGRATIONS
from behaviordiff.store.rows import from_row, place, row_json, stored_json

if TYPE_CHECKING:
    from behaviordiff.detect.model import Analysis

DB_FILENAME = "workspace.sqlite3"
# Lock files this process holds through `Workspace.exclusive` (so `busy` is about others).
_HELD: set[str] = set()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_actor() -> str:
    """Who is acting, for the audit log: BEHAVIORDIFF_ACTOR, else the OS user."""
    actor = os.environ.get("BEHAVIORDIFF_ACTOR")
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class Release:
    id: int
    name: str
    created_at: str
    base_label: str
    head_label: str
    status: str
    effective_date: str | None
    settings: dict[str, Any]


def _unwritable(exc: BaseException) -> bool:
    """Whether SQLite refused a write for what the file or the disk is, not for what was
    written: read-only, disk full or failing, locked, damaged (`sqlite3.IntegrityError` and
    the like stay bugs)."""
    if not isinstance(exc, sqlite3.OperationalError) and type(exc) is not sqlite3.DatabaseError:
        return False
    said = str(exc).lower()
    return any(cause in said for cause in _FILE_CAUSES)


_FILE_CAUSES = (
    "readonly",
    "read-only",
    "disk",
    "i/o",
    "full",
    "locked",
    "busy",
    "malformed",
    "not a database",
    "unable to open",
)
"""SQLite's words for a write refused by the file or the disk (a syntax error stays a bug)."""


_CURRENT_FIRST = (
    "SELECT r.* FROM releases r ORDER BY COALESCE((SELECT MAX(a.id) FROM audit_log a WHERE "
    "a.release_id = r.id AND a.action IN ('release.create', 'run.start', 'run.unchanged')), 0) "
    "DESC, r.id DESC"
)
"""Releases, the one made, resumed or run again last first (by the audit log's order)."""


def _identity(path: Path) -> tuple[int, int]:
    """Which file is at `path`: its device and inode."""
    stat = path.stat()
    return (stat.st_dev, stat.st_ino)


def _writable(folder: Path, path: Path) -> bool:
    """Whether this process may write the workspace: its file and, for SQLite's WAL and
    shared-memory files beside it, its folder (a read-only mount says no even to root)."""
    if not path.exists():
        return True
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _connect_read_only(path: Path, busy_wait: float) -> sqlite3.Connection:
    """The database opened for reading only. SQLite reads a WAL database through its
    shared-memory file, which a read-only folder cannot get; when no write-ahead log with
    content lies beside the file, nothing is in flight, so the file alone is the whole
    workspace and is opened as immutable (no lock, no -wal or -shm file made). A log with
    content holds writes the file does not have yet: then only a plain read-only open,
    which reads the log, will do."""
    from urllib.parse import quote

    uri = "file:" + quote(str(path.resolve()))
    log = path.with_name(path.name + "-wal")
    try:
        pending = log.stat().st_size > 0
    except OSError:
        pending = False
    tries = [f"{uri}?mode=ro"] if pending else [f"{uri}?mode=ro", f"{uri}?mode=ro&immutable=1"]
    failure: sqlite3.Error | None = None
    for target in tries:
        db = sqlite3.connect(target, uri=True, timeout=busy_wait, isolation_level=None)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            db.close()
            failure = exc
            continue
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        return db
    if pending:
        raise WorkspaceError(
            f"cannot read the workspace: it is read-only here and its write-ahead log "
            f"({log.name}) holds changes SQLite can only read with write access ({failure})",
            where=path,
            hint="copy the workspace folder, with every file in it, somewhere writable and "
            "point --workspace or BEHAVIORDIFF_WORKSPACE at the copy",
        )
    assert failure is not None
    raise failure


class Workspace:
    """One SQLite file in WAL mode; one transaction per logical write."""

    def __init__(self, folder: Path, *, create: bool = True, busy_wait: float = 30.0):
        """Open (and with `create`, make) the workspace in `folder`; commands that only read
        pass create=False, so looking never leaves a workspace behind. `busy_wait`: seconds
        a write waits for another process's write before the workspace is said to be busy."""
        self.folder = folder
        self.path = folder / DB_FILENAME
        if folder.exists() and not folder.is_dir():
            raise WorkspaceError(
                "the workspace is a folder, and this is a file",
                where=folder,
                hint="point `path` in [workspace], --workspace or BEHAVIORDIFF_WORKSPACE at a "
                "folder (it is made if missing), e.g. .behaviordiff",
            )
        if not create and not self.path.exists():
            raise WorkspaceError(
                "there is no workspace here yet",
                where=self.path,
                hint="`behaviordiff run BASE HEAD` creates it; or point --workspace or "
                "BEHAVIORDIFF_WORKSPACE at an existing one",
            )
        self.read_only = not create and not _writable(folder, self.path)
        """The folder or the file cannot be written (a read-only mount or copy): the
        workspace is read as it is, and every write is refused, saving nothing."""
        try:
            if self.read_only:
                self.db = _connect_read_only(self.path, busy_wait)
                self._identity = _identity(self.path)
                self._check_migrated()
            else:
                folder.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=busy_wait, isolation_level=None)
                self.db.row_factory = sqlite3.Row
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self._identity = _identity(self.path)  # WAL mode has made the file
                self._migrate()
            self._check_schema()
        except (OSError, sqlite3.Error) as exc:
            raise WorkspaceError(
                f"cannot open the workspace ({exc})",
                where=self.path,
                hint="check that the folder and the file are writable, or choose another "
                "workspace with --workspace or BEHAVIORDIFF_WORKSPACE",
            ) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_still_here(self) -> None:
        """The file this workspace opened is still the one at its path: a folder deleted or a
        file replaced while a command runs would take every later write with it (SQLite
        goes on writing to the unlinked file) while the command reported success."""
        try:
            now = _identity(self.path)
        except OSError:
            now = None
        if now != self._identity:
            gone = "deleted" if now is None else "replaced by another file"
            raise WorkspaceError(
                f"the workspace was {gone} while this command was using it: what it wrote "
                "since then is not in the workspace at this path",
                where=self.path,
                hint="leave the workspace folder alone while a command runs; run the command "
                "again (runs stored before the deletion are gone with the old file)",
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise self._cannot_write("its folder or its file is read-only")
        self.check_still_here()
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise self._cannot_write(exc) from None
            raise WorkspaceError(
                f"the workspace is busy ({exc})",
                where=self.path,
                hint="another behaviordiff process is writing to it; wait for it to finish, "
                "or use another workspace with --workspace",
            ) from None
        try:
            yield self.db
        except BaseException as exc:
            self.db.execute("ROLLBACK")
            if _unwritable(exc):
                raise self._cannot_write(exc) from None
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if not _unwritable(exc):
                raise
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise self._cannot_write(exc) from None

    def _cannot_write(self, exc: BaseException | str) -> WorkspaceError:
        """A write the database refused for what the file is (read-only, on a full or failing
        disk, locked past the wait, damaged): nothing of the write was kept."""
        return WorkspaceError(
            f"cannot write to the workspace ({exc}); nothing of this change was saved",
            where=self.path,
            hint="check that the workspace file and its folder are writable by you and the "
            "disk has room (a copy downloaded read-only: copy it somewhere writable and "
            "point --workspace or BEHAVIORDIFF_WORKSPACE at the copy)",
        )

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """One process at a time for `name` (a run, which spends money): a second one is
        refused at once instead of paying for the same runs twice."""
        import fcntl

        path = self.folder / f"{name}.lock"
        try:
            handle = path.open("w")
        except OSError as exc:
            raise WorkspaceError(
                f"cannot take the workspace's {name} lock ({exc.strerror or exc})",
                where=path,
                hint="the workspace folder was removed or is not writable: leave it alone "
                "while a command runs, check its permissions, and run the command again",
            ) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise WorkspaceError(
                f"another behaviordiff {name} is using this workspace",
                where=self.folder,
                hint="wait for it to finish, or give this one its own --workspace",
            ) from None
        _HELD.add(str(path.resolve()))
        try:
            yield
        finally:
            _HELD.discard(str(path.resolve()))
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def busy(self, name: str) -> bool:
        """Whether another process holds `exclusive(name)` now (a `run` in flight), so a
        release it is working on is not called stopped. This process's own hold is not."""
        import fcntl

        path = self.folder / f"{name}.lock"
        if str(path.resolve()) in _HELD:
            return False
        try:
            handle = path.open("r")
        except OSError:
            return False
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            except OSError:
                return False
            fcntl.flock(handle, fcntl.LOCK_UN)
        return False

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = self._applied()
        if applied and max(applied) > len(MIGRATIONS):
            raise WorkspaceError(
                f"the workspace was written by a newer behaviordiff (schema {max(applied)}, "
                f"this one knows {len(MIGRATIONS)})",
                where=self.path,
                hint="upgrade behaviordiff, or use another workspace with --workspace",
            )
        for version, migration in enumerate(MIGRATIONS, start=1):
            if version in applied:
                continue
            with self.transaction() as db:
                if version in self._applied():  # another process got there first
                    continue
                migration(db)
                db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, migration.__name__, now_iso()),
                )

    def _check_schema(self) -> None:
        """Every table and column the migrations made is there: one dropped outside
        behaviordiff (the file travels, and people open it in a SQLite browser) is said here,
        naming it, not as `no such table` from whatever command reads it first."""
        from behaviordiff.store.migrations import schema_tables

        held = {
            row[0]: {column[1] for column in self.db.execute(f"PRAGMA table_info({row[0]!r})")}
            for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table, columns in schema_tables(tuple(MIGRATIONS)).items():
            if table not in held:
                missing = f"has no table {table}"
            elif not columns <= held[table]:
                missing = f"has no column {table}.{min(columns - held[table])}"
            else:
                continue
            raise WorkspaceError(
                f"the workspace {missing} (schema {self.schema_version()}): the file was "
                "changed outside behaviordiff",
                where=self.path,
                hint="restore the workspace from where it came from (the CI artifact, a "
                "backup), or run again into a fresh one (--workspace DIR)",
            )

    def _check_migrated(self) -> None:
        """A workspace opened read-only has every migration this behaviordiff knows: one
        that lacks some would need them written first."""
        try:
            applied = self._applied()
        except sqlite3.OperationalError:
            applied = set()
        if applied and max(applied) > len(MIGRATIONS):
            raise WorkspaceError(
                f"the workspace was written by a newer behaviordiff (schema {max(applied)}, "
                f"this one knows {len(MIGRATIONS)})",
                where=self.path,
                hint="upgrade behaviordiff, or use another workspace with --workspace",
            )
        if len(applied) < len(MIGRATIONS):
            raise WorkspaceError(
                f"the workspace is read-only here and was written by an older behaviordiff "
                f"(schema {max(applied, default=0)}, this one reads {len(MIGRATIONS)}): "
                "upgrading it means writing to it",
                where=self.path,
                hint="copy the workspace folder somewhere writable and point --workspace or "
                "BEHAVIORDIFF_WORKSPACE at the copy",
            )

    def _applied(self) -> set[int]:
        return {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}

    def schema_version(self) -> int:
        row = self.db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # releases ------------------------------------------------------------------

    def create_release(
        self,
        *,
        base_label: str,
        head_label: str,
        base_fingerprint: str | None = None,
        head_fingerprint: str | None = None,
        name: str | None = None,
        effective_date: str | None = None,
        settings: dict[str, Any] | None = None,
        diff: dict[str, Any] | None = None,
    ) -> Release:
        created_at = now_iso()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO releases (name, created_at, base_label, head_label, "
                "base_fingerprint, head_fingerprint, effective_date, settings_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name or f"{base_label} → {head_label}",
                    created_at,
                    base_label,
                    head_label,
                    base_fingerprint,
                    head_fingerprint,
                    effective_date,
                    json.dumps(settings or {}),
                ),
            )
            release_id = int(cursor.lastrowid or 0)
            if diff is not None:
                db.execute(
                    "INSERT INTO release_diffs (release_id, diff_json) VALUES (?, ?)",
                    (release_id, json.dumps(diff)),
                )
            self.audit_in(
                db, "release.create", release_id, None, {"base": base_label, "head": head_label}
            )
        return self.release(release_id)

    def set_effective_date(self, release_id: int, effective: str | None) -> None:
        """When the release's behavior reaches customers; kept until set again."""
        with self.transaction() as db:
            db.execute(
                "UPDATE releases SET effective_date = ? WHERE id = ?", (effective, release_id)
            )
            self.audit_in(db, "release.effective", release_id, None, {"effective_date": effective})

    def release(self, release_id: int) -> Release:
        row = self.db.execute("SELECT * FROM releases WHERE id = ?", (release_id,)).fetchone()
        if row is None:
            raise WorkspaceError(
                f"no release #{release_id} in the workspace",
                where=self.path,
                hint="list releases with `behaviordiff releases`",
            )
        return _release(row)

    def releases(self) -> list[Release]:
        """Every release, the current one first: the newest made, or an older one a run came
        back to since (a rerun whose versions, probes and samples it already holds, or one it
        resumed: the run that broke in between is no longer what the project is at), then by
        age."""
        rows = self.db.execute(_CURRENT_FIRST).fetchall()
        return [_release(row) for row in rows]

    def releases_with_head(self, fingerprint: str, *, exclude: int | None = None) -> list[Release]:
        """Releases whose head version has this fingerprint, newest first."""
        rows = self.db.execute(
            "SELECT * FROM releases WHERE head_fingerprint = ? AND id != ? ORDER BY id DESC",
            (fingerprint, exclude or 0),
        ).fetchall()
        return [_release(row) for row in rows]

    def require_latest_release(self) -> Release:
        """The newest release; none yet is an error that says how to make one."""
        latest = self.latest_release()
        if latest is None:
            raise WorkspaceError(
                "no releases in the workspace yet",
                where=self.path,
                hint="run `behaviordiff run BASE HEAD` first; it drafts the notes too",
            )
        return latest

    def latest_release(self) -> Release | None:
        """The current release (see `releases`): what commands read when none is named."""
        row = self.db.execute(_CURRENT_FIRST + " LIMIT 1").fetchone()
        return _release(row) if row else None

    def newest_release(self) -> Release | None:
        """The release made last, whatever was run since (a stopped run resumes it)."""
        row = self.db.execute("SELECT * FROM releases ORDER BY id DESC LIMIT 1").fetchone()
        return _release(row) if row else None

    def release_diff(self, release_id: int) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT diff_json FROM release_diffs WHERE release_id = ?", (release_id,)
        ).fetchone()
        if row is None:
            return None
        diff: dict[str, Any] = stored_json(
            row[0], dict, at=place("release_diffs", "diff_json", release_id=release_id)
        )
        return diff

    def set_release_diff(self, release_id: int, diff: dict[str, Any]) -> None:
        """Store the versions' diff a release's analysis read, replacing the one stored when
        the release was made (a newer behaviordiff may pair the sentences otherwise): the
        drafts then read the same hunks the analysis attributed."""
        text = json.dumps(diff)
        with self.transaction() as db:
            db.execute("DELETE FROM release_diffs WHERE release_id = ?", (release_id,))
            db.execute(
                "INSERT INTO release_diffs (release_id, diff_json) VALUES (?, ?)",
                (release_id, text),
            )

    # analysis ------------------------------------------------------------------

    def save_analysis(self, release_id: int, analysis: Analysis | Mapping[str, Any]) -> None:
        """Store a release's verdicts and behavior changes (replacing earlier ones); a mapping
        is the analysis's JSON form (`Analysis.to_dict()`)."""
        from behaviordiff.detect.model import Analysis
        from behaviordiff.store.analysis import write_analysis

        self.release(release_id)
        typed = Analysis.from_dict(analysis) if isinstance(analysis, Mapping) else analysis
        with self.transaction() as db:
            write_analysis(db, release_id, typed, now_iso())
            summary = typed.verdict_counts()
            self.audit_in(db, "analysis.store", release_id, None, {"summary": summary})

    def has_analysis(self, release_id: int) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM analyses WHERE release_id = ? LIMIT 1", (release_id,)
        ).fetchone()
        return row is not None

    def load_analysis(self, release_id: int) -> Analysis | None:
        """The stored analysis (typed; `.to_dict()` is the `compare --format json` shape), or
        None."""
        from behaviordiff.store.analysis import read_analysis

        return read_analysis(self.db, release_id)

    # audit ---------------------------------------------------------------------

    def audit_in(
        self,
        db: sqlite3.Connection,
        action: str,
        release_id: int | None,
        subject: str | None,
        detail: dict[str, Any],
        *,
        actor: str | None = None,
        at: str | None = None,
    ) -> None:
        """Record who did what inside the caller's transaction, so the entry and the change
        it describes are committed together. `actor` defaults to `current_actor()`."""
        db.execute(
            "INSERT INTO audit_log (at, actor, action, release_id, subject, detail_json) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                at or now_iso(),
                actor or current_actor(),
                action,
                release_id,
                subject,
                scrub(json.dumps(detail)),
            ),
        )

    def log(
        self,
        action: str,
        *,
        release_id: int | None = None,
        subject: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        with self.transaction() as db:
            self.audit_in(db, action, release_id, subject, detail or {})

    def writer_work(self, release_id: int) -> int:
        """How many of the release's drafts a writer edited or approved."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM drafts WHERE release_id = ? AND status != 'draft'",
            (release_id,),
        ).fetchone()
        return int(row[0])

    def prunable(self, keep: int) -> list[Release]:
        """Releases a prune removes: older than the newest `keep`, and holding no draft a
        writer edited or approved (a writer's work is only ever removed by name)."""
        return [release for release in self.releases()[keep:] if not self.writer_work(release.id)]

    def delete_releases(self, releases: list[Release], reason: str) -> None:
        """Remove releases with their runs, analysis and drafts, in one transaction; the call
        cache stays, so running the same versions again sends no request. Audited."""
        with self.transaction() as db:
            for release in releases:
                db.execute("DELETE FROM releases WHERE id = ?", (release.id,))
                self.audit_in(
                    db,
                    "releases.delete",
                    None,
                    f"#{release.id}",
                    {"name": release.name, "reason": reason},
                )

    def audit(self, release_id: int | None = None) -> list[dict[str, Any]]:
        query = "SELECT * FROM audit_log"
        params: tuple[Any, ...] = ()
        if release_id is not None:
            query += " WHERE release_id = ?"
            params = (release_id,)
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return [
            {
                "at": row["at"],
                "actor": row["actor"],
                "action": row["action"],
                "release_id": row["release_id"],
                "subject": row["subject"],
                "detail": row_json(row, "audit_log", "detail_json", "id"),
            }
            for row in rows
        ]


def _release(row: sqlite3.Row) -> Release:
    return from_row(
        Release,
        row,
        settings=row_json(row, "releases", "settings_json", "id"),
    )


_OVERVIEW = """
SELECT r.id,
       (SELECT total FROM run_plans WHERE release_id = r.id) AS planned_runs,
       (SELECT COUNT(*) FROM runs WHERE release_id = r.id AND status = 'ok') AS ok_runs,
       (SELECT COUNT(*) FROM runs WHERE release_id = r.id AND status = 'error') AS failed_runs,
       (SELECT COUNT(*) FROM analyses WHERE release_id = r.id) AS analysed,
       (SELECT COUNT(*) FROM behavior_changes
         WHERE release_id = r.id AND kind != 'wording') AS changes,
       (SELECT COUNT(*) FROM probe_verdicts
         WHERE release_id = r.id AND verdict = 'inconclusive') AS inconclusive,
       (SELECT COUNT(*) FROM drafts WHERE release_id = r.id) AS drafts,
       (SELECT COUNT(*) FROM drafts WHERE release_id = r.id AND status = 'approved') AS approved,
       (SELECT COALESCE(SUM(json_extract(detail_json, '$.reused')), 0) FROM audit_log
         WHERE release_id = r.id AND action = 'run.start') AS reused_runs,
       (SELECT COUNT(*) FROM audit_log
         WHERE release_id = r.id AND action = 'run.unchanged') AS unchanged_reruns
FROM releases r ORDER BY r.id DESC
"""


def release_overview(workspace: Workspace) -> list[dict[str, Any]]:
    """Per release, newest first: what is stored of each stage (runs, analysis, drafts)."""
    overview = {row["id"]: dict(row) for row in workspace.db.execute(_OVERVIEW)}
    current = workspace.latest_release()
    return [
        {
            **asdict(release),
            **{k: v for k, v in overview[release.id].items() if k != "id"},
            # what commands read when no release is named (a rerun may make an older one so)
            "current": current is not None and release.id == current.id,
        }
        for release in sorted(workspace.releases(), key=lambda release: -release.id)
    ]
