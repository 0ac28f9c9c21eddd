"""Freshdesk: canned responses (`PUT /api/v2/canned_responses/{id}`, `content_html`) and
solution articles (`PUT /api/v2/solutions/articles/{id}`, `description`). Both fields are
HTML: a text body is escaped, placeholders kept verbatim."""

from __future__ import annotations

from typing import Any

from behaviordiff.export.html import as_html, malformed
from behaviordiff.export.model import ExportItem, Skipped

FORMATS = ("freshdesk", "freshdesk-solutions")


def records(
    items: list[ExportItem],
) -> tuple[list[tuple[ExportItem, dict[str, Any]]], list[Skipped]]:
    written: list[tuple[ExportItem, dict[str, Any]]] = []
    skipped: list[Skipped] = []
    for item in items:
        body, problems = as_html(item.new_body, item.item.body_format)
        if problems:
            skipped.append(malformed(item, problems))
            continue
        if item.source_format == "freshdesk":
            path, payload = f"/api/v2/canned_responses/{item.item.id}", {"content_html": body}
        else:
            path, payload = f"/api/v2/solutions/articles/{item.item.id}", {"description": body}
        written.append(
            (
                item,
                {
                    "kind": item.item.kind,
                    "target_id": item.item.id,
                    "title": item.item.title,
                    "request": {"method": "PUT", "path": path, "body": payload},
                },
            )
        )
    return written, skipped
