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
