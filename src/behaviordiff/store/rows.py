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


def stored_json(text: str | bytes, kind: type | None = None) -> Any:
    """A JSON column's value (of type `kind` when given). The workspace may be a copy from
    elsewhere (a CI artifact): a value that is not JSON, nests deeper than Python reads or is
    of another type is a `WorkspaceError` saying the file was changed outside behaviordiff,
    not a traceback."""
    import json

    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise damaged(
            "nested too deeply to read"
            if isinstance(exc, RecursionError)
            else f"not JSON ({str(exc)[:120]})"
        ) from None
    if kind is not None and not isinstance(value, kind):
        raise damaged(f"{type(value).__name__} where a {kind.__name__} is stored")
    return value


def damaged(problem: str) -> Exception:
    """The error for a workspace value behaviordiff did not write (see `stored_json`)."""
    from behaviordiff.errors import WorkspaceError

    return WorkspaceError(
        f"the workspace holds a damaged value ({problem}): the file was changed outside "
        "behaviordiff",
        hint="restore the workspace from where it came from (the CI artifact, a backup), "
        "or run again into a fresh one (--workspace DIR)",
    )
