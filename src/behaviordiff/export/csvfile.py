"""The CSV for people: one row per edit, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (CSV injection); such a cell is written with a leading
`'`, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from behaviordiff.export.model import ExportItem
from behaviordiff.publish.files import write_atomic
from behaviordiff.textutil import PUBLISHED_CHARS, cap_quoted

COLUMNS = (
    "handle",
    "change",
    "platform",
    "kind",
    "target_id",
    "title",
    "current_body",
    "new_body",
    "rationale",
    "status",
    "reviewer",
    "settings_to_review",
    "source_updated_at",
    "source_version",
    "note",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text, never as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def row(item: ExportItem, note: str = "") -> list[str]:
    source = item.source()
    values = [
        item.handle,
        item.change_title,
        item.platform,
        item.item.kind,
        item.item.id,
        item.item.title,
        item.item.body,
        item.new_body,
        cap_quoted(item.rationale, PUBLISHED_CHARS),
        item.draft.status,
        item.reviewer or "",
        item.settings.summary() if item.settings else "",
        "" if source["updated_at"] is None else str(source["updated_at"]),
        "" if source["version"] is None else str(source["version"]),
        "; ".join([*([note] if note else []), *item.warnings]),
    ]
    return [neutralise(value) for value in values]


def render(items: Sequence[ExportItem], note: str = "") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow(row(item, note))
    return buffer.getvalue()


def write(path: Path, items: Sequence[ExportItem], note: str = "") -> None:
    # with a BOM, Excel reads the file as UTF-8 (the importers strip it)
    write_atomic(path, render(items, note), encoding="utf-8-sig", newline="")
