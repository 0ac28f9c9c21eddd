"""Ordered schema migrations; each runs once and is recorded in `schema_migrations`.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

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
        """
    )


MIGRATIONS: list[Migration] = [
    m001_foundation,
]
