"""Rows of the workspace database read into the store's frozen dataclasses."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Record = TypeVar("Record", bound="DataclassInstance")


def from_row(cls: type[Record], row: sqlite3.Row, **given: Any) -> Record:
    """A `cls` from a row whose columns bear its field names; `given` holds the fields the
    table stores otherwise (a JSON column read by the caller)."""
    values = {
        field.name: given[field.name] if field.name in given else row[field.name]
        for field in fields(cls)
    }
    return cls(**values)


def stored_json(text: str | bytes, kind: type | None = None, *, at: str | None = None) -> Any:
    """A JSON column's value (of type `kind` when given). The workspace may be a copy from
    elsewhere (a CI artifact): a value that is not JSON, nests deeper than Python reads or is
    of another type is a `WorkspaceError` saying the file was changed outside behaviordiff,
    not a traceback. `at` locates the value (`place`), so the error says where and what to do."""
    import json

    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise damaged(
            "nested too deeply to read"
            if isinstance(exc, RecursionError)
            else f"not JSON ({str(exc)[:120]})",
            at=at,
        ) from None
    if kind is not None and not isinstance(value, kind):
        raise damaged(f"{type(value).__name__} where a {kind.__name__} is stored", at=at)
    return value


def place(table: str, column: str | None = None, **key: object) -> str:
    """Where a stored value is, as SQL reads it: `drafts.content_json WHERE id = 5 AND
    release_id = 1`."""
    name = f"{table}.{column}" if column else table
    where = " AND ".join(
        f"{field} = '{value.replace(chr(39), chr(39) * 2)}'"
        if isinstance(value, str)
        else f"{field} = {value}"
        for field, value in key.items()
    )
    return f"{name} WHERE {where}" if where else name


def row_place(table: str, column: str, row: sqlite3.Row, *names: str, **known: object) -> str:
    """`place` of `row[column]`, keyed by the columns `names` the row holds (and `known`)."""
    held = set(row.keys())
    return place(table, column, **known, **{name: row[name] for name in names if name in held})


def row_json(
    row: sqlite3.Row,
    table: str,
    column: str,
    *names: str,
    expect: type | None = None,
    **known: object,
) -> Any:
    """`stored_json` of `row[column]` (of type `expect` when given), a damaged value named by
    `row_place` (`names`, `known`)."""
    return stored_json(row[column], expect, at=row_place(table, column, row, *names, **known))


_REDRAFT = (
    "delete that row ({delete}) and run `behaviordiff draft --release {release}` to draft it "
    "again (a writer's edit or decision in it is lost), or restore the workspace from where "
    "it came from (the CI artifact, a backup)"
)
FIX_BY_TABLE = {
    "drafts": _REDRAFT,
    "call_cache": "delete that row ({delete}): it is a cached model answer, asked again on "
    "the next run",
}
"""What to do about a damaged value, by table, when more than restoring the file helps."""


def damaged(problem: str, *, at: str | None = None) -> Exception:
    """The error for a workspace value behaviordiff did not write (see `stored_json`); `at`
    (`place`) names the table, column and row, and picks the fix."""
    from behaviordiff.errors import WorkspaceError

    hint = (
        "restore the workspace from where it came from (the CI artifact, a backup), "
        "or run again into a fresh one (--workspace DIR)"
    )
    if at is not None:
        table, _, condition = at.partition(" WHERE ")
        fix = FIX_BY_TABLE.get(table.partition(".")[0])
        if fix is not None and condition:
            release = condition.partition("release_id = ")[2].partition(" ")[0] or "N"
            delete = f"DELETE FROM {table.partition('.')[0]} WHERE {condition}"
            hint = fix.format(delete=delete, release=release)
    return WorkspaceError(
        "the workspace holds a damaged value"
        + (f" in {at}" if at else "")
        + f" ({problem}): the file was changed outside behaviordiff",
        hint=hint,
    )
