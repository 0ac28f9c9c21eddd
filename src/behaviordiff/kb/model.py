"""The knowledge base as plain data: CS macros and help-center articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from behaviordiff.errors import BehaviordiffError

ItemKind = Literal["macro", "article"]
BodyFormat = Literal["text", "html", "markdown"]

PLACEHOLDER = re.compile(r"\{\{\s*[^{}]+?\s*\}\}|\{%[^{}]*?%\}")
"""Helpdesk placeholders (`{{ticket.requester.first_name}}`, Liquid tags): kept verbatim."""


class KnowledgeBaseError(BehaviordiffError):
    title = "Invalid knowledge base"


def find_placeholders(text: str) -> tuple[str, ...]:
    """Every placeholder in `text`, in order, duplicates kept once."""
    return tuple(dict.fromkeys(match.group(0) for match in PLACEHOLDER.finditer(text)))


@dataclass(frozen=True)
class KnowledgeItem:
    """One macro or article, with the body as the helpdesk stores it."""

    kind: ItemKind
    id: str
    title: str
    body: str
    body_format: BodyFormat
    source: str
    """The file it came from."""
    record: str
    """Where in the file: `macros[0]`, `row 3`, or the Markdown file name."""
    category: str | None = None
    """Zendesk `A::B` title prefix, Freshdesk folder, help-center section."""
    active: bool = True
    url: str | None = None
    placeholders: tuple[str, ...] = ()
    body_field: str | None = None
    """The field the body came from (`comment_value`, `comment_value_html`, `content`, ...),
    so an export can write the edited body back to the same place."""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Unique within a knowledge base: kind and id."""
        return f"{self.kind}:{self.id}"

    @property
    def where(self) -> str:
        return f"{self.source} → {self.record}"

    def label(self) -> str:
        noun = "macro" if self.kind == "macro" else "article"
        return f'{noun} "{self.title}"'

    def to_dict(self, *, body: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "body_format": self.body_format,
            "source": self.source,
            "record": self.record,
            "category": self.category,
            "active": self.active,
            "url": self.url,
            "placeholders": list(self.placeholders),
        }
        if body:
            data["body"] = self.body
        return data


@dataclass
class KnowledgeBase:
    items: list[KnowledgeItem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def macros(self) -> list[KnowledgeItem]:
        return [item for item in self.items if item.kind == "macro"]

    @property
    def articles(self) -> list[KnowledgeItem]:
        return [item for item in self.items if item.kind == "article"]

    def get(self, key: str) -> KnowledgeItem | None:
        for item in self.items:
            if item.key == key:
                return item
        return None

    def summary(self) -> dict[str, Any]:
        formats: dict[str, int] = {}
        read_as: dict[str, int] = {}
        for item in self.items:
            formats[item.body_format] = formats.get(item.body_format, 0) + 1
            source = str(item.metadata.get("format") or "")
            read_as[source] = read_as.get(source, 0) + 1
        return {
            "sources": list(self.sources),
            "macros": len(self.macros),
            "articles": len(self.articles),
            "inactive": sum(1 for item in self.items if not item.active),
            "formats": formats,
            "read_as": read_as,
            "placeholders": sorted({p for item in self.items for p in item.placeholders}),
            "items": [item.to_dict(body=False) for item in self.items],
        }
