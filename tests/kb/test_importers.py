"""Knowledge-base importers: every supported export on good files, clear errors on broken ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from behaviordiff.config import find_project
from behaviordiff.kb import (
    KnowledgeBaseError,
    load_articles,
    load_macros,
    load_project_kb,
)
from tests.conftest import EXAMPLE, FIXTURES

BROKEN_KB = FIXTURES / "broken" / "kb"
KB_CASES: list[dict[str, Any]] = yaml.safe_load((BROKEN_KB / "cases.yaml").read_text())


def test_zendesk_macros_export() -> None:
    macros = {item.id: item for item in load_macros(EXAMPLE / "kb" / "macros.json")}
    delayed = macros["360001"]
    assert delayed.title == "Shipping::Delayed order"
    assert delayed.category == "Shipping"
    assert delayed.body_format == "text"
    assert delayed.body.startswith("Hi {{ticket.requester.first_name}},\n\nThank you")
    assert delayed.placeholders == (
        "{{ticket.requester.first_name}}",
        "{{current_user.first_name}}",
    )
    assert macros["360004"].body_format == "html"
    assert macros["360004"].body.startswith("<p>Hi {{ticket.requester.first_name}},</p>")
    # comment_value as ["channel:all", text]
    assert macros["360005"].body.startswith("Hi {{ticket.requester.first_name}},\n\nYou can reset")
    assert macros["360012"].active is False
    assert delayed.where.endswith('macros.json → macros[0] (id 360001, "Shipping::Delayed order")')


def test_freshdesk_canned_responses() -> None:
    items = load_macros(FIXTURES / "kb" / "freshdesk.json")
    assert [item.id for item in items] == ["43000123", "43000124"]
    assert items[0].body_format == "html" and items[0].body_field == "content_html"
    assert items[0].placeholders == ("{{ticket.requester.name}}",)
    assert items[0].category == "Shipping"
    assert items[1].body_format == "text"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_csv_lines_end_as_a_file_opened_with_newline_empty(tmp_path: Path, newline: str) -> None:
    """The CSV is read from its text line by line (no StringIO copy of it): any line ending,
    a quoted cell's own line break kept, and a form feed or U+2028 inside a cell left alone
    (`str.splitlines` would end a line at them). Line numbers count the file's lines."""
    rows = [
        "id,title,body",
        '1,Returns,"Line one' + newline + 'line two"',
        "2,Page\x0cbreak,Body\u2028with a separator",
        "3,Last,no line end at the end",
    ]
    path = tmp_path / "macros.csv"
    path.write_bytes(newline.join(rows).encode())
    items = load_macros(path)
    assert [(item.id, item.title, item.body) for item in items] == [
        ("1", "Returns", "Line one" + newline + "line two"),
        ("2", "Page\x0cbreak", "Body\u2028with a separator"),
        ("3", "Last", "no line end at the end"),
    ]
    assert [item.record for item in items] == [
        "row 1 (line 3)",
        "row 2 (line 4)",
        "row 3 (line 5)",
    ]


def test_csv_macros() -> None:
    items = load_macros(FIXTURES / "kb" / "macros.csv")
    assert [item.id for item in items] == ["late-1", "ret-1"]
    assert "\n\nYour order is more than 48 hours late" in items[0].body
    assert items[0].category == "Shipping"
    assert items[1].category == "Returns"
    assert items[0].record == "row 1 (line 4)"


def test_markdown_folder_with_front_matter() -> None:
    articles = {item.id: item for item in load_articles(EXAMPLE / "kb" / "faq")}
    late = articles["4410000102"]
    assert late.title == "My order is late"
    assert late.category == "Shipping & Delivery"
    assert late.body_format == "markdown"
    assert late.body.lstrip().startswith("# My order is late")
    assert "title:" not in late.body


def test_zendesk_guide_articles() -> None:
    items = load_articles(FIXTURES / "kb" / "guide.json")
    assert [item.title for item in items] == ["My order is late", "Returns"]
    assert items[0].body_format == "html"
    assert items[0].url and items[0].url.startswith("https://acme.zendesk.com/hc/")
    assert items[1].active is False


def test_project_knowledge_base() -> None:
    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    base = load_project_kb(project)
    summary = base.summary()
    assert (summary["macros"], summary["articles"]) == (12, 8)
    assert summary["placeholders"] == [
        "{{current_user.first_name}}",
        "{{ticket.requester.first_name}}",
    ]


@pytest.mark.parametrize("case", KB_CASES, ids=[case["name"] for case in KB_CASES])
def test_broken_knowledge_base_names_file_and_record(case: dict[str, Any]) -> None:
    loader = load_macros if case["kind"] == "macros" else load_articles
    with pytest.raises(KnowledgeBaseError) as caught:
        loader(BROKEN_KB / case["path"])
    message = str(caught.value)
    for fragment in case["expect"]:
        assert fragment in message, f"{fragment!r} not in: {message}"


def test_every_broken_kb_file_has_a_case() -> None:
    used = {Path(case["path"]).parts[0] for case in KB_CASES}
    present = {path.name for path in BROKEN_KB.iterdir()} - {"cases.yaml"}
    assert present == used


def test_a_byte_order_mark_from_a_windows_tool_is_not_content(tmp_path: Path) -> None:
    """A UTF-8 BOM before a JSON export or a Markdown article is accepted: before, the export
    was 'not valid JSON' and the article's front matter was read as its body."""
    macro = {
        "id": 501,
        "title": "Gift cards::Expiry",
        "actions": [{"field": "comment_value", "value": "Gift cards never expire."}],
    }
    macros = tmp_path / "macros.json"
    macros.write_bytes(b"\xef\xbb\xbf" + json.dumps({"macros": [macro]}).encode())
    assert [item.title for item in load_macros(macros)] == ["Gift cards::Expiry"]

    faq = tmp_path / "faq"
    faq.mkdir()
    (faq / "gift-cards.md").write_bytes(
        b"\xef\xbb\xbf---\ntitle: Gift card expiry\nsection: Gift cards\n---\n"
        b"Gift cards never expire.\n"
    )
    [article] = load_articles(faq)
    assert (article.title, article.category) == ("Gift card expiry", "Gift cards")
    assert article.body == "Gift cards never expire.\n"
