"""Intercom: Help Center articles as `PUT https://api.intercom.io/articles/{id}` with the HTML
`body` and `state: draft`, so nothing goes live before someone publishes it in Intercom.
Intercom has no API that writes macros: they go to a CSV for a person to paste."""

from __future__ import annotations

from typing import Any

from behaviordiff.export.html import as_html, malformed
from behaviordiff.export.model import ExportItem, Skipped

FORMATS = ("intercom", "intercom-articles")
MACRO_NOTE = (
    "Intercom has no API to write macros: open the macro in Intercom (Inbox settings → Macros) "
    "and paste the new body; placeholders are in Intercom's own {{…}} form"
)


def records(
    items: list[ExportItem],
) -> tuple[list[tuple[ExportItem, dict[str, Any]]], list[Skipped]]:
    written: list[tuple[ExportItem, dict[str, Any]]] = []
    skipped: list[Skipped] = []
    for item in items:
        if item.item.kind != "article":
            continue
        body, problems = as_html(item.new_body, item.item.body_format)
        if problems:
            skipped.append(malformed(item, problems))
            continue
        written.append(
            (
                item,
                {
                    "kind": "article",
                    "target_id": item.item.id,
                    "title": item.item.title,
                    "request": {
                        "method": "PUT",
                        "path": f"/articles/{item.item.id}",
                        "body": {"body": body, "state": "draft"},
                    },
                },
            )
        )
    return written, skipped


def macros(items: list[ExportItem]) -> list[ExportItem]:
    return [item for item in items if item.item.kind == "macro"]
