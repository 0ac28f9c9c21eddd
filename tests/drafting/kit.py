"""Small builders the drafting tests share: knowledge-base items made up in a line."""

from __future__ import annotations

from behaviordiff.kb.model import KnowledgeItem


def kb_item(key: str, body: str, kind: str = "article", title: str | None = None) -> KnowledgeItem:
    """An article (Markdown) or a macro (plain text) keyed `key`, titled after it."""
    article = kind == "article"
    return KnowledgeItem(
        kind="article" if article else "macro",
        id=key,
        title=title or key.title(),
        body=body,
        body_format="markdown" if article else "text",
        source="kb",
        record=key,
    )


def titled_item(kind: str, title: str, body: str) -> KnowledgeItem:
    """An item named by its title (its key is the title in lower case), Markdown either way."""
    return KnowledgeItem(kind, title.lower(), title, body, "markdown", "kb", title)  # type: ignore[arg-type]
