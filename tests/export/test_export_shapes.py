"""Request shapes item by item: the reply in the shape it came in (HTML action, a second reply
action), a Guide article without a locale, and a body that is not well-formed HTML."""

from __future__ import annotations

from behaviordiff.export import ExportItem, freshdesk, intercom, zendesk
from behaviordiff.kb import KnowledgeItem, load_articles, load_macros
from behaviordiff.store.drafts import DraftRecord
from tests.conftest import EXAMPLE, FIXTURES
from tests.export.conftest import schema


def _export_item(item: KnowledgeItem, new_body: str) -> ExportItem:
    draft = DraftRecord(
        release_id=1,
        kind="edit",
        key=f"change-x:{item.key}",
        change_id="C1",
        item_key=item.key,
        status="approved",
        origin="template",
        content={"new_body": new_body, "old_body": item.body, "rationale": "why"},
        generated={},
        updated_at="2026-12-02T00:00:00+00:00",
        updated_by="writer",
    )
    return ExportItem("C1.1", draft, item, "change", new_body)


def test_html_reply_action_stays_html_and_a_second_reply_is_named() -> None:
    macros = {item.id: item for item in load_macros(EXAMPLE / "kb" / "macros.json")}
    refund = macros["360004"]
    assert refund.body_field == "comment_value_html"
    new_body = refund.body.replace("5-7 business days", "3-5 business days")
    actions, notes = zendesk.reply_actions(_export_item(refund, new_body))
    assert actions[0] == {"field": "comment_value_html", "value": new_body}
    assert actions[1:] == refund.metadata["actions"][1:]
    assert notes == []
    both = KnowledgeItem(
        **{
            **refund.__dict__,
            "metadata": {
                **refund.metadata,
                "actions": [
                    *refund.metadata["actions"],
                    {"field": "comment_value", "value": "old"},
                ],
            },
        }
    )
    actions, notes = zendesk.reply_actions(_export_item(both, new_body))
    assert actions[-1] == {"field": "comment_value", "value": "old"}
    assert "also has a comment_value action" in notes[0]
    written, _ = zendesk.records([_export_item(both, new_body)])
    ((_, record),) = written
    schema("zendesk_macro_update").validate(record["request"]["body"])
    assert record["review"]["notes"] == notes


def test_guide_article_without_locale_is_left_out_with_the_key() -> None:
    _, no_locale = load_articles(FIXTURES / "kb" / "guide.json")
    written, skipped = zendesk.records([_export_item(no_locale, "<p>New</p>")])
    assert written == []
    assert "no `locale`" in skipped[0].reason and "articles[1]" in skipped[0].reason


def test_broken_html_is_not_exported() -> None:
    (article,) = load_articles(FIXTURES / "export" / "freshdesk_solutions.json")
    written, skipped = freshdesk.records([_export_item(article, "<p>Unclosed <strong>bold</p>")])
    assert written == [] and "not well-formed HTML" in skipped[0].reason
    late, _ = load_articles(FIXTURES / "export" / "intercom_articles.json")
    written, skipped = intercom.records([_export_item(late, "<p>cut off <a href")])
    assert written == [] and "not well-formed HTML" in skipped[0].reason
    written, _ = intercom.records([_export_item(late, "<p>Fine &amp; well</p>")])
    ((_, record),) = written
    assert record["request"]["body"] == {"body": "<p>Fine &amp; well</p>", "state": "draft"}
