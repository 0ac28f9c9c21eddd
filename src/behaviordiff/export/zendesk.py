"""Zendesk: a macro update per macro (`PUT /api/v2/macros/{id}`) with the full actions array,
and a Guide translation update per article (`PUT /api/v2/help_center/articles/{id}/
translations/{locale}`, HTML body).

Zendesk replaces a macro's `actions` whole, so every action is sent as exported, with only the
reply rewritten in the shape it came in: `comment_value` as a string or `["channel:…", text]`,
`comment_value_html` as HTML.
"""

from __future__ import annotations

import copy
from typing import Any

from behaviordiff.export.html import as_html, malformed
from behaviordiff.export.model import ExportItem, Skipped
from behaviordiff.kb.settings import apply_flags

FORMATS = ("zendesk", "zendesk-guide")


def reply_actions(item: ExportItem) -> tuple[list[dict[str, Any]], list[str]]:
    """The macro's full actions array with the reply rewritten, and notes for a person."""
    actions = item.item.metadata.get("actions")
    if not isinstance(actions, list):
        raise ValueError(f"{item.item.where}: a Zendesk macro without its actions")
    field_name = item.item.body_field
    rewritten: list[dict[str, Any]] = []
    notes: list[str] = []
    done = False
    for action in actions:
        copied = copy.deepcopy(action)
        if not done and isinstance(action, dict) and action.get("field") == field_name:
            value = action.get("value")
            if isinstance(value, list) and len(value) == 2:
                copied["value"] = [value[0], item.new_body]
            else:
                copied["value"] = item.new_body
            done = True
        elif isinstance(action, dict) and action.get("field") in (
            "comment_value",
            "comment_value_html",
        ):
            notes.append(
                f"the macro also has a {action.get('field')} action, left as exported: check "
                "that it does not repeat the old reply"
            )
        rewritten.append(copied)
    return rewritten, notes


def _removals(item: ExportItem) -> list[str]:
    if item.settings is None:
        return []
    return [
        flag.describe() for flag in item.settings.flags if flag.suggestion in ("remove", "change")
    ]


def applicable(item: ExportItem) -> list[str]:
    """The descriptions of the suggested removals and changes `--with-suggested-settings`
    applies to a macro (additions and checks need a person; empty when there are none). None
    for a macro that also serves customers who keep the old handling: changing its settings
    would change theirs too."""
    if item.settings is None or item.settings.restricted:
        return []
    return _removals(item)


def held_back(item: ExportItem) -> bool:
    """A macro whose suggested removals or changes `--with-suggested-settings` does not apply,
    because the change holds for some of the customers the macro serves."""
    return item.settings is not None and item.settings.restricted and bool(_removals(item))


APPLIED = "applied to the request sent (--with-suggested-settings)"


def _macro(item: ExportItem, suggested: bool = False) -> dict[str, Any]:
    actions, notes = reply_actions(item)
    record: dict[str, Any] = {
        "kind": "macro",
        "target_id": item.item.id,
        "title": item.item.title,
        "request": {
            "method": "PUT",
            "path": f"/api/v2/macros/{item.item.id}",
            "body": {"macro": {"actions": actions}},
        },
    }
    if item.settings is not None or notes:
        # beside the body, never in it: a person confirms before any of it is sent
        review: dict[str, Any] = {}
        if item.settings is not None:
            # the suggestions applied to the array as sent: the new reply, the rest proposed
            review = {
                **item.settings.to_dict(),
                "suggested_actions": apply_flags(actions, item.settings.flags),
            }
            if suggested and applicable(item):
                # asked for: the removals and changes go in the body sent; adds stay a person's
                record["request"]["body"]["macro"]["actions"] = review["suggested_actions"]
                review["applied"] = [
                    flag.field
                    for flag in item.settings.flags
                    if flag.suggestion in ("remove", "change")
                ]
                review["confirm"] = APPLIED + (
                    "; an added setting still needs a person"
                    if any(flag.suggestion == "add" for flag in item.settings.flags)
                    else ""
                )
        record["review"] = {**review, "notes": notes}
    return record


def _article(item: ExportItem) -> dict[str, Any] | str:
    locale = item.item.metadata.get("locale")
    if not isinstance(locale, str) or not locale:
        return (
            f"the Guide export has no `locale` for this article ({item.item.where}): export "
            "the articles with their locale"
        )
    body, problems = as_html(item.new_body, item.item.body_format)
    if problems:
        return (
            f"the new body is not well-formed HTML ({'; '.join(problems)}): fix it with review edit"
        )
    return {
        "kind": "article",
        "target_id": item.item.id,
        "title": item.item.title,
        "request": {
            "method": "PUT",
            "path": f"/api/v2/help_center/articles/{item.item.id}/translations/{locale}",
            "body": {"translation": {"body": body}},
        },
    }


def records(
    items: list[ExportItem], *, suggested: bool = False
) -> tuple[list[tuple[ExportItem, dict[str, Any]]], list[Skipped]]:
    written: list[tuple[ExportItem, dict[str, Any]]] = []
    skipped: list[Skipped] = []
    for item in items:
        if item.item.kind == "macro" and item.item.body_format == "html":
            _, problems = as_html(item.new_body, "html")
            if problems:
                skipped.append(malformed(item, problems))
                continue
        built = _macro(item, suggested) if item.item.kind == "macro" else _article(item)
        if isinstance(built, str):
            skipped.append(Skipped(item.handle, item.draft.key, item.item.title, built))
        else:
            written.append((item, built))
    return written, skipped
