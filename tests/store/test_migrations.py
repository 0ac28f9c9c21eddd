"""The whole schema after the migrations: from an empty workspace, and from one made by the
previous schema (every earlier one, in fact) holding data.

The expected schema is `schema.json` beside this file. A new migration changes it on
purpose: write the new one with `BEHAVIORDIFF_UPDATE_SCHEMA=1 pytest tests/store`, and read
the diff before committing it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.store import Workspace
from behaviordiff.store.migrations import MIGRATIONS
from behaviordiff.store.workspace import DB_FILENAME

EXPECTED = Path(__file__).with_name("schema.json")


def schema_of(db: sqlite3.Connection) -> dict[str, Any]:
    """Every table with its columns, keys and indexes, and every trigger and view."""
    tables: dict[str, Any] = {}
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in names:
        columns = [
            f"{c[1]} {c[2]}"
            + (" NOT NULL" if c[3] else "")
            + (f" DEFAULT {c[4]}" if c[4] is not None else "")
            + (f" PRIMARY KEY {c[5]}" if c[5] else "")
            for c in db.execute(f"PRAGMA table_info({table})")
        ]
        foreign_keys = sorted(
            f"{f[3]} -> {f[2]}({f[4]}) ON DELETE {f[6]}"
            for f in db.execute(f"PRAGMA foreign_key_list({table})")
        )
        indexes = []
        for index in db.execute(f"PRAGMA index_list({table})"):
            indexed = ", ".join(c[2] for c in db.execute(f"PRAGMA index_info('{index[1]}')"))
            name = (
                index[1]
                if index[3] == "c"
                else f"({'primary key' if index[3] == 'pk' else 'unique'})"
            )
            indexes.append(f"{name}{' UNIQUE' if index[2] else ''} ({indexed})")
        tables[table] = {
            "columns": columns,
            "foreign_keys": foreign_keys,
            "indexes": sorted(indexes),
        }
    others = {
        row[0]: row[1]
        for row in db.execute(
            "SELECT type || ' ' || name, sql FROM sqlite_master "
            "WHERE type IN ('trigger', 'view') ORDER BY type, name"
        )
    }
    return {"tables": tables, "triggers_and_views": others}


def _schema(folder: Path) -> dict[str, Any]:
    with Workspace(folder) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        return schema_of(store.db)


def _made_by_schema(folder: Path, version: int) -> None:
    """A workspace as the code of schema `version` left it, with a release in it."""
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / DB_FILENAME, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(
        "CREATE TABLE schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for number, migration in enumerate(MIGRATIONS[:version], start=1):
        db.execute("BEGIN")
        migration(db)
        db.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')",
            (number, migration.__name__),
        )
        db.execute("COMMIT")
    if version:
        db.execute(
            "INSERT INTO releases (name, created_at, base_label, head_label) "
            "VALUES ('v1 → v2', '2026-01-01T00:00:00+00:00', 'v1', 'v2')"
        )
    db.close()


def test_an_empty_workspace_migrates_to_the_expected_schema(tmp_path: Path) -> None:
    schema = _schema(tmp_path / "ws")
    if os.environ.get("BEHAVIORDIFF_UPDATE_SCHEMA"):
        EXPECTED.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert schema == expected, (
        "the schema changed: if a new migration meant it, rewrite tests/store/schema.json "
        "with BEHAVIORDIFF_UPDATE_SCHEMA=1 pytest tests/store and review its diff"
    )


@pytest.mark.parametrize("version", range(len(MIGRATIONS)))
def test_a_workspace_of_an_earlier_schema_migrates_to_the_same_schema(
    tmp_path: Path, version: int
) -> None:
    """`len(MIGRATIONS) - 1` is the previous schema; the earlier ones are older installs."""
    _made_by_schema(tmp_path / "old", version)
    assert _schema(tmp_path / "old") == _schema(tmp_path / "new")
    with Workspace(tmp_path / "old") as store:
        assert [release.name for release in store.releases()] == (["v1 → v2"] if version else [])
