"""Intercom (macros, Help Center articles) and Freshdesk solution articles are read like the
other helpdesk exports, and every item keeps the source's updated_at or a content version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from behaviordiff.kb import KnowledgeBaseError, load_articles, load_macros
from tests.conftest import EXAMPLE, FIXTURES

EXPORT = FIXTURES / "export"
BROKEN = EXPORT / "broken"
CASES: list[dict[str, Any]] = yaml.safe_load((BROKEN / "cases.yaml").read_text())


def test_intercom_macros_keep_their_placeholders() -> None:
    macros = load_macros(EXPORT / "intercom_macros.json")
    assert [item.id for item in macros] == ["9001", "9002"]
    delayed = macros[0]
    assert delayed.title == "Delayed order (over 48 hours)"
    assert delayed.body_field == "body_text" and delayed.body_format == "text"
    assert delayed.placeholders == ('{{user.name|fallback:"there"}}',)
    assert delayed.metadata["format"] == "intercom"
    assert delayed.metadata["updated_at"] == "2025-09-02T15:30:24.000Z"
    assert delayed.where.endswith(
        'intercom_macros.json → data[0] (id 9001, "Delayed order (over 48 hours)")'
    )


def test_intercom_articles() -> None:
    articles = load_articles(EXPORT / "intercom_articles.json")
    late, returns = articles
    assert late.body_format == "html" and late.body.startswith("<p>If your order")
    assert late.metadata == {
        "format": "intercom-articles",
        "updated_at": 1725880000,
        "state": "published",
    }
    assert late.active and not returns.active  # a draft is not what customers read
    assert late.url == "http://help.acme.example/en/articles/39-my-order-is-late"


def test_freshdesk_solution_articles() -> None:
    (article,) = load_articles(EXPORT / "freshdesk_solutions.json")
    assert article.id == "5000123" and article.body_field == "description"
    assert article.metadata["updated_at"] == "2025-08-30T10:15:00Z"
    assert article.category == "5000020"


def test_every_source_carries_a_version() -> None:
    macros = {item.id: item for item in load_macros(EXAMPLE / "kb" / "macros.json")}
    assert macros["360001"].metadata["updated_at"] == "2025-09-18T09:41:55Z"
    fields = [action["field"] for action in macros["360001"].metadata["actions"]]
    assert fields == ["comment_value", "group_id", "priority", "set_tags", "status"]
    faq = load_articles(EXAMPLE / "kb" / "faq")
    assert all(str(item.metadata["version"]).startswith("sha256:") for item in faq)
    (csv_item, *_) = load_macros(FIXTURES / "kb" / "macros.csv")
    assert str(csv_item.metadata["version"]).startswith("sha256:")
    guide = load_articles(FIXTURES / "kb" / "guide.json")
    assert guide[0].metadata["format"] == "zendesk-guide"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_broken_exports_name_file_and_key(case: dict[str, Any]) -> None:
    path = (BROKEN / case["path"]).resolve()
    loader = load_macros if case["kind"] == "macros" else load_articles
    with pytest.raises(KnowledgeBaseError) as caught:
        loader(path)
    text = f"{caught.value.where} {caught.value.message} {caught.value.hint or ''}"
    for expected in case["expect"]:
        assert expected in text, f"{expected!r} not in {text!r}"


def test_intercom_bare_list_of_macros(tmp_path: Path) -> None:
    path = tmp_path / "macros.json"
    path.write_text(
        '[{"type": "macro", "id": "1", "name": "Hi", "body_text": "Hello {{user.name}}"}]'
    )
    (item,) = load_macros(path)
    assert item.metadata["format"] == "intercom"
