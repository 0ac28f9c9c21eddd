"""Exports as plain data: the approved edits going out, and what was left out and why."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from behaviordiff.errors import BehaviordiffError
from behaviordiff.kb.model import KnowledgeItem
from behaviordiff.kb.settings import SettingsReview
from behaviordiff.store.acks import content_digest
from behaviordiff.store.drafts import DraftRecord

Target = Literal["zendesk", "freshdesk", "intercom", "csv", "markdown"]
TARGETS: tuple[Target, ...] = ("zendesk", "freshdesk", "intercom", "csv", "markdown")

SOURCE_TARGET: dict[str, Target] = {
    "zendesk": "zendesk",
    "zendesk-guide": "zendesk",
    "freshdesk": "freshdesk",
    "freshdesk-solutions": "freshdesk",
    "intercom": "intercom",
    "intercom-articles": "intercom",
    "markdown": "markdown",
    "csv": "csv",
}
"""Which `--to` writes an item back, by the format it was read from."""

PLATFORM = {
    "zendesk": "Zendesk",
    "zendesk-guide": "Zendesk Guide",
    "freshdesk": "Freshdesk",
    "freshdesk-solutions": "Freshdesk Solutions",
    "intercom": "Intercom",
    "intercom-articles": "Intercom Help Center",
    "markdown": "Markdown",
    "csv": "CSV",
}


Helpdesk = Literal["zendesk", "freshdesk"]
HELPDESKS: tuple[Helpdesk, ...] = ("zendesk", "freshdesk")
"""The helpdesks `behaviordiff push` sends an export to."""


def unpushable_warnings(items: Sequence[KnowledgeItem]) -> list[str]:
    """Per file: the items read from a helpdesk's export that `push` will refuse because the
    export holds no `updated_at` for them (a change made in the helpdesk since could not be
    ruled out), with the fix, said before anyone drafts or approves."""
    lacking: dict[tuple[str, str], list[KnowledgeItem]] = {}
    for item in items:
        source_format = str(item.metadata.get("format") or "")
        if SOURCE_TARGET.get(source_format) not in HELPDESKS:
            continue
        if item.metadata.get("updated_at") is None:
            lacking.setdefault((item.source, source_format), []).append(item)
    warnings = []
    for (source, source_format), missing in lacking.items():
        platform = PLATFORM.get(source_format, source_format)
        named = ", ".join(item.label() for item in missing[:3]) + (
            f" and {len(missing) - 3:,} more" if len(missing) > 3 else ""
        )
        warnings.append(
            f"{source}: {len(missing):,} item(s) have no updated_at ({named}), so `push` will "
            f"refuse their edits (a change made in {platform} since could not be ruled out); "
            f"export them from {platform} again with updated_at (its API's list includes "
            "it), or plan to make their edits in the helpdesk by hand and record them with "
            "`behaviordiff ack done`"
        )
    return warnings


class ExportError(BehaviordiffError):
    title = "Cannot export"


_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


def unsafe_request_path(path: str) -> str | None:
    """Why `path` is not a plain API path on the helpdesk's own host (`/api/v2/macros/123`),
    else None. An id or locale from a tampered export must not walk to another endpoint
    (`..`), add a query, or name another host (`@evil.example`, `//evil.example`)."""
    if not path.startswith("/"):
        return "it does not start with /"
    for segment in path[1:].split("/"):
        if not _SEGMENT.fullmatch(segment) or segment.strip(".") == "":
            shown = segment.encode("unicode_escape").decode("ascii")[:40]
            return f"its part '{shown}' is not a plain id or name"
    return None


@dataclass(frozen=True)
class ExportItem:
    """One edit going out: the writer's text for one macro or article, with the item as the
    helpdesk export holds it now."""

    handle: str
    draft: DraftRecord
    item: KnowledgeItem
    change_title: str
    new_body: str
    settings: SettingsReview | None = None
    warnings: tuple[str, ...] = ()

    @property
    def source_format(self) -> str:
        return str(self.item.metadata.get("format") or "")

    @property
    def platform(self) -> str:
        return PLATFORM.get(self.source_format, self.source_format)

    @property
    def reviewer(self) -> str | None:
        return self.draft.updated_by if self.draft.status == "approved" else None

    @property
    def rationale(self) -> str:
        """The reason beside the body going out: the machine's marked as such under a body a
        writer rewrote (`DraftRecord.rationale`)."""
        return self.draft.rationale

    def source(self) -> dict[str, Any]:
        """Where the item came from and the version it had, so `push` can refuse to
        overwrite an item changed since."""
        meta = self.item.metadata
        return {
            "format": self.source_format,
            "file": self.item.source,
            "record": self.item.record,
            "updated_at": meta.get("updated_at"),
            "version": meta.get("version"),
        }

    def draft_info(self) -> dict[str, Any]:
        return {
            "handle": self.handle,
            "key": self.draft.key,
            "change_id": self.draft.change_id,
            "change": self.change_title,
            "status": self.draft.status,
            "reviewer": self.reviewer,
            "approved_at": self.draft.updated_at if self.draft.status == "approved" else None,
            "content_digest": content_digest("edit", self.draft.content),
        }


@dataclass(frozen=True)
class Skipped:
    handle: str
    key: str
    title: str
    reason: str
    conflict: bool = False
    """Refused because another edit going out rewrites the same item."""
    waiting: bool = False
    """Left out only because a writer has still to approve it (it may yet go out)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "handle": self.handle,
            "key": self.key,
            "title": self.title,
            "reason": self.reason,
            "conflict": self.conflict,
        }


@dataclass
class ExportResult:
    release_id: int
    target: Target
    include_drafts: bool
    exported: list[ExportItem] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    """The approved edits recorded as delivered (`exported`) for the publish gate; none for
    a preview (`include_drafts`)."""
    suggested_settings: bool = False
    """Flagged Zendesk macros are sent with their suggested setting removals and changes
    applied (`export --with-suggested-settings`), not as exported."""
    recorded: bool = True
    """The export is in the workspace's record (audit trail, deliveries); False when the
    workspace is read-only: the file was written all the same."""

    @property
    def conflicts(self) -> list[Skipped]:
        """Edits refused because another edit of the same item would go out with them."""
        return [skip for skip in self.skipped if skip.conflict]

    @property
    def draft_keys(self) -> list[str]:
        """The exported drafts' keys, for recording the delivery."""
        return [item.draft.key for item in self.exported]

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "target": self.target,
            "include_drafts": self.include_drafts,
            "suggested_settings": self.suggested_settings,
            "outputs": [str(path) for path in self.outputs],
            "exported": [
                {
                    **item.draft_info(),
                    "kind": item.item.kind,
                    "target_id": item.item.id,
                    "title": item.item.title,
                    "platform": item.platform,
                    "source": item.source(),
                    "settings_review": item.settings.to_dict() if item.settings else None,
                    "warnings": list(item.warnings),
                }
                for item in self.exported
            ],
            "draft_keys": self.draft_keys,
            "delivered": self.delivered,
            "recorded": self.recorded,
            "skipped": [skip.to_dict() for skip in self.skipped],
            "refused_same_item": [skip.handle for skip in self.conflicts],
            "notes": self.notes,
        }
