"""Ordered schema migrations; each runs once and is recorded in `schema_migrations`.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache

Migration = Callable[[sqlite3.Connection], None]


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated DDL inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def m001_foundation(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            base_label TEXT NOT NULL,
            head_label TEXT NOT NULL,
            base_fingerprint TEXT,
            head_fingerprint TEXT,
            status TEXT NOT NULL DEFAULT 'draft',
            effective_date TEXT,
            settings_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE release_diffs (
            release_id INTEGER PRIMARY KEY REFERENCES releases(id) ON DELETE CASCADE,
            diff_json TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
            subject TEXT,
            detail_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_release ON audit_log(release_id, at);
        """,
    )


def m002_runs(db: sqlite3.Connection) -> None:
    """Agent runs of a release (one row per side, probe and sample) and the model call cache."""
    run_script(
        db,
        """
        CREATE TABLE run_plans (
            release_id INTEGER PRIMARY KEY REFERENCES releases(id) ON DELETE CASCADE,
            plan_key TEXT NOT NULL,
            total INTEGER NOT NULL,
            plan_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            side TEXT NOT NULL CHECK (side IN ('base', 'head')),
            probe_id TEXT NOT NULL,
            sample INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
            transcript_json TEXT NOT NULL,
            error TEXT,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            latency_ms REAL,
            attempts INTEGER NOT NULL DEFAULT 1,
            finished_at TEXT NOT NULL,
            run_key TEXT,
            actions_json TEXT NOT NULL DEFAULT '[]',
            escalated INTEGER NOT NULL DEFAULT 0,
            UNIQUE (release_id, side, probe_id, sample)
        );
        CREATE INDEX runs_run_key ON runs(run_key) WHERE status = 'ok';
        CREATE TABLE call_cache (
            request_hash TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            model TEXT,
            response_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
    )


def m003_analysis(db: sqlite3.Connection) -> None:
    """Detection results of a release: the verdict per probe and the behavior changes."""
    run_script(
        db,
        """
        CREATE TABLE analyses (
            release_id INTEGER PRIMARY KEY REFERENCES releases(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            noise_json TEXT NOT NULL,
            extra_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE probe_verdicts (
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            probe_id TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN
                ('unchanged', 'wording-only', 'behavior-changed', 'inconclusive')),
            facets_json TEXT NOT NULL DEFAULT '[]',
            old_samples INTEGER NOT NULL,
            new_samples INTEGER NOT NULL,
            change_id TEXT,
            evidence_json TEXT NOT NULL DEFAULT '{}',
            position INTEGER NOT NULL,
            PRIMARY KEY (release_id, probe_id)
        );
        CREATE TABLE behavior_changes (
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            change_id TEXT NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            probe_ids_json TEXT NOT NULL,
            facets_json TEXT NOT NULL,
            conditions_json TEXT NOT NULL DEFAULT '[]',
            attribution_json TEXT NOT NULL DEFAULT '[]',
            data_json TEXT NOT NULL DEFAULT '{}',
            position INTEGER NOT NULL,
            PRIMARY KEY (release_id, change_id)
        );
        CREATE INDEX probe_verdicts_change ON probe_verdicts(release_id, change_id)
        """,
    )


def m004_drafts(db: sqlite3.Connection) -> None:
    """Behavior notes and suggested macro/FAQ edits per release, with review status, and the
    cost of each drafting pass."""
    run_script(
        db,
        """
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('note', 'edit')),
            key TEXT NOT NULL,
            change_id TEXT NOT NULL,
            item_key TEXT,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'edited', 'approved')),
            origin TEXT NOT NULL CHECK (origin IN ('template', 'llm', 'llm-fallback')),
            content_json TEXT NOT NULL,
            generated_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            UNIQUE (release_id, kind, key)
        );
        CREATE TABLE draft_runs (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            drafter TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            llm_calls INTEGER NOT NULL DEFAULT 0,
            cached_calls INTEGER NOT NULL DEFAULT 0,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            summary_json TEXT NOT NULL DEFAULT '{}'
        )
        """,
    )


def m005_draft_lineage(db: sqlite3.Connection) -> None:
    """A writer's draft carried from an earlier release says where from; one the latest
    drafting pass no longer produces (its change or macro went away) is marked stale."""
    run_script(
        db,
        """
        ALTER TABLE drafts ADD COLUMN carried_from INTEGER;
        ALTER TABLE drafts ADD COLUMN stale INTEGER NOT NULL DEFAULT 0
        """,
    )


def m006_draft_outdated(db: sqlite3.Connection) -> None:
    """A writer's draft whose machine draft changed since they wrote it is flagged."""
    run_script(db, "ALTER TABLE drafts ADD COLUMN outdated INTEGER NOT NULL DEFAULT 0")


_DRAFT_COLUMNS = (
    "id, release_id, kind, key, change_id, item_key, status, origin, content_json, "
    "generated_json, updated_at, updated_by, carried_from, stale, outdated"
)


def m007_review_states(db: sqlite3.Connection) -> None:
    """Review decisions: `rejected` (with a reason and text) and `needs-engineering` (with a
    comment); who edited a draft's text (kept after approval); a revision counter so two
    reviewers never silently overwrite each other; the edit-check warnings a writer has not
    dismissed yet; and the history of review actions, so reset and the rest can be undone.

    SQLite cannot widen a CHECK constraint in place: the drafts table is rebuilt."""
    run_script(
        db,
        f"""
        CREATE TABLE drafts_m007 (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('note', 'edit')),
            key TEXT NOT NULL,
            change_id TEXT NOT NULL,
            item_key TEXT,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                ('draft', 'edited', 'approved', 'rejected', 'needs-engineering')),
            origin TEXT NOT NULL CHECK (origin IN ('template', 'llm', 'llm-fallback')),
            content_json TEXT NOT NULL,
            generated_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            carried_from INTEGER,
            stale INTEGER NOT NULL DEFAULT 0,
            outdated INTEGER NOT NULL DEFAULT 0,
            reason TEXT CHECK (reason IS NULL OR reason IN
                ('not-a-behavior-change', 'expected-noise', 'wrong-draft', 'other')),
            comment TEXT,
            edited_by TEXT,
            edited_at TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            warnings_json TEXT NOT NULL DEFAULT '[]',
            dismissed_json TEXT NOT NULL DEFAULT '[]',
            UNIQUE (release_id, kind, key)
        );
        INSERT INTO drafts_m007 ({_DRAFT_COLUMNS}, edited_by, edited_at)
            SELECT {_DRAFT_COLUMNS},
                   CASE WHEN content_json != generated_json THEN updated_by END,
                   CASE WHEN content_json != generated_json THEN updated_at END
            FROM drafts;
        DROP TABLE drafts;
        ALTER TABLE drafts_m007 RENAME TO drafts;
        CREATE TABLE draft_history (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            action TEXT NOT NULL,
            state_json TEXT NOT NULL,
            revision_after INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL
        );
        CREATE INDEX draft_history_draft ON draft_history(release_id, kind, key, id)
        """,
    )


def m008_acks(db: sqlite3.Connection) -> None:
    """CS's acknowledgements of a release's behavior changes (withdrawn ones kept, with the
    reason), and which approved macro/article edits reached the helpdesk (exported or marked
    done by hand)."""
    run_script(
        db,
        """
        CREATE TABLE acks (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            change_key TEXT NOT NULL,
            acked_by TEXT NOT NULL,
            note TEXT,
            acked_at TEXT NOT NULL,
            content_digest TEXT NOT NULL,
            withdrawn_at TEXT,
            withdrawn_by TEXT,
            withdraw_reason TEXT
        );
        CREATE UNIQUE INDEX acks_current ON acks(release_id, change_key)
            WHERE withdrawn_at IS NULL;
        CREATE TABLE deliveries (
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            draft_key TEXT NOT NULL,
            how TEXT NOT NULL CHECK (how IN ('exported', 'done')),
            delivered_by TEXT NOT NULL,
            delivered_at TEXT NOT NULL,
            content_digest TEXT,
            PRIMARY KEY (release_id, draft_key, how)
        )
        """,
    )


def m009_pushes(db: sqlite3.Connection) -> None:
    """What `push --apply` sent to a helpdesk, one row per item and attempt: written as
    `sending` before the update goes out and finished with the helpdesk's answer, so a push cut
    short leaves a trace of the item it was sending, and a re-push skips what already landed
    with the same body."""
    run_script(
        db,
        """
        CREATE TABLE pushes (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            draft_key TEXT NOT NULL,
            helpdesk TEXT NOT NULL,
            target TEXT NOT NULL,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            body_digest TEXT NOT NULL,
            content_digest TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('sending', 'changed', 'refused', 'failed')),
            reason TEXT,
            helpdesk_id TEXT,
            updated_at TEXT,
            pushed_by TEXT NOT NULL,
            pushed_at TEXT NOT NULL
        );
        CREATE INDEX pushes_item ON pushes(target, path, body_digest, id)
        """,
    )


def m010_suggestion_moved(db: sqlite3.Connection) -> None:
    """A writer's text (approved or not) over a machine draft that moved only in fields the
    writer wrote, the change's facts the same (a knowledge-base refresh): the decision holds,
    and the draft is flagged so the writer sees the suggestion moved."""
    run_script(db, "ALTER TABLE drafts ADD COLUMN suggestion_moved INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: list[Migration] = [
    m001_foundation,
    m002_runs,
    m003_analysis,
    m004_drafts,
    m005_draft_lineage,
    m006_draft_outdated,
    m007_review_states,
    m008_acks,
    m009_pushes,
    m010_suggestion_moved,
]


def schema_tables(migrations: tuple[Migration, ...]) -> dict[str, frozenset[str]]:
    """Each table `migrations` make, with its columns: what a workspace they have all been
    applied to holds (run once on an empty in-memory database; cached)."""
    return dict(_schema_tables(migrations))


@cache
def _schema_tables(
    migrations: tuple[Migration, ...],
) -> tuple[tuple[str, frozenset[str]], ...]:
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in migrations:
            migration(db)
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return tuple(
            (name, frozenset(row[1] for row in db.execute(f"PRAGMA table_info({name})")))
            for name in sorted(names)
        )
    finally:
        db.close()
