"""A prompt table the diff quotes whole, narrowed to the rows that changed.

The prompt diff splits text into sentences, and a Markdown table has none: its lines come as
one unit ("| Plan | Notice | |---|---| | Resident | 4 hours | | Flex | 24 hours |"). Quoted
whole, the table puts every row's words and numbers beside the change: a note about Resident
members would quote the Flex row too, and a KB sentence about a day pass would share the
table's words. Each changed row, under the table's header, is what the change is about.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")


def _rows(text: str) -> tuple[str, list[str]] | None:
    """(header with its separator row, body rows) of a table written on one line, or None
    when `text` is not a table from its first character to its last."""
    text = text.strip()
    separator = _SEPARATOR.search(text)
    if not text.startswith("|") or separator is None:
        return None
    columns = separator.group(0).count("|") - 1
    header = text[: separator.end()]
    if text[: separator.start()].count("|") != columns + 1:
        return None
    row = re.compile(r"\|(?:[^|]*\|){" + str(columns) + "}")
    rows: list[str] = []
    rest = text[separator.end() :]
    while rest.strip():
        found = row.match(rest.lstrip())
        if found is None:
            return None
        rows.append(found.group(0))
        rest = rest.lstrip()[found.end() :]
    return header, rows


def changed_rows(old: str, new: str) -> list[tuple[str, str]] | None:
    """(old, new) per row that differs between two versions of a table, each under the
    table's header; None when the texts are no tables with the same header and as many rows
    (a row added or dropped is left to the whole table)."""
    before, after = _rows(old), _rows(new)
    if before is None or after is None:
        return None
    (old_header, old_rows), (new_header, new_rows) = before, after
    if old_header != new_header or len(old_rows) != len(new_rows):
        return None
    pairs = [
        (f"{old_header} {old_row}", f"{new_header} {new_row}")
        for old_row, new_row in zip(old_rows, new_rows, strict=True)
        if old_row != new_row
    ]
    return pairs or None
