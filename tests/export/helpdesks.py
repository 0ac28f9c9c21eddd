"""The bundled example's knowledge base rewritten as each helpdesk exports it, so a drafted
and approved release can be exported to each one (test helper)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from behaviordiff.kb import KnowledgeBase, load_knowledge_base
from behaviordiff.kb.importers import load_articles, load_macros
from tests.conftest import EXAMPLE

MACROS = EXAMPLE / "kb" / "macros.json"
FAQ = EXAMPLE / "kb" / "faq"


def markdown_to_html(body: str) -> str:
    """Enough Markdown for the example's FAQ: headings, paragraphs, bold."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", body.strip()):
        text = " ".join(line.strip() for line in block.splitlines())
        heading = re.match(r"^(#+)\s+(.*)$", text)
        escaped = html.escape(heading.group(2) if heading else text, quote=False)
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
        if heading:
            level = min(len(heading.group(1)) + 1, 6)
            blocks.append(f"<h{level}>{escaped}</h{level}>")
        else:
            blocks.append(f"<p>{escaped}</p>")
    return "".join(blocks)


def _articles() -> list[dict[str, Any]]:
    return [
        {"id": int(item.id), "title": item.title, "html": markdown_to_html(item.body)}
        for item in load_articles(FAQ)
    ]


def _macros() -> list[dict[str, Any]]:
    data = json.loads(MACROS.read_text(encoding="utf-8"))
    return list(data["macros"])


def zendesk(folder: Path) -> KnowledgeBase:
    guide = {
        "articles": [
            {
                "id": article["id"],
                "title": article["title"],
                "locale": "en-us",
                "section_id": 360000001,
                "draft": False,
                "updated_at": "2025-09-18T09:41:55Z",
                "body": article["html"],
            }
            for article in _articles()
        ]
    }
    path = folder / "guide.json"
    path.write_text(json.dumps(guide), encoding="utf-8")
    return load_knowledge_base([MACROS], [path])


def freshdesk(folder: Path) -> KnowledgeBase:
    canned = []
    for macro in _macros():
        reply = next(a for a in macro["actions"] if a["field"].startswith("comment_value"))
        value = reply["value"][1] if isinstance(reply["value"], list) else reply["value"]
        key = "content_html" if reply["field"].endswith("_html") else "content"
        canned.append(
            {
                "id": macro["id"],
                "title": macro["title"],
                "folder_id": 43000010,
                key: value,
                "updated_at": macro["updated_at"],
            }
        )
    solutions = [
        {
            "id": article["id"],
            "title": article["title"],
            "description": article["html"],
            "status": 2,
            "folder_id": 5000020,
            "updated_at": "2025-08-30T10:15:00Z",
        }
        for article in _articles()
    ]
    macros, articles = folder / "canned.json", folder / "solutions.json"
    macros.write_text(json.dumps(canned), encoding="utf-8")
    articles.write_text(json.dumps(solutions), encoding="utf-8")
    return load_knowledge_base([macros], [articles])


def intercom(folder: Path) -> KnowledgeBase:
    data = []
    for macro in _macros():
        reply = next(a for a in macro["actions"] if a["field"].startswith("comment_value"))
        value = reply["value"][1] if isinstance(reply["value"], list) else reply["value"]
        if reply["field"].endswith("_html"):
            continue  # Intercom's body_text is text
        data.append(
            {
                "type": "macro",
                "id": str(macro["id"]),
                "name": macro["title"],
                "body_text": value,
                "body": "<p>" + html.escape(value) + "</p>",
                "updated_at": "2025-09-02T15:30:24.000Z",
                "visible_to": "everyone",
            }
        )
    articles = {
        "type": "list",
        "data": [
            {
                "type": "article",
                "id": str(article["id"]),
                "title": article["title"],
                "body": article["html"],
                "state": "published",
                "updated_at": 1725880000,
            }
            for article in _articles()
        ],
    }
    macros_path, articles_path = folder / "intercom_macros.json", folder / "intercom_articles.json"
    macros_path.write_text(json.dumps({"type": "list", "data": data}), encoding="utf-8")
    articles_path.write_text(json.dumps(articles), encoding="utf-8")
    return load_knowledge_base([macros_path], [articles_path])


def example(folder: Path) -> KnowledgeBase:
    del folder
    return KnowledgeBase(items=[*load_macros(MACROS), *load_articles(FAQ)])
