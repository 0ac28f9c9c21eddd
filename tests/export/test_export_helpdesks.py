"""From the demo (approve all), each helpdesk export's records validate against the request
shapes written from the vendors' public API references (fixtures/export/schemas), with the
full actions array, placeholders intact and HTML where the target wants HTML."""

from __future__ import annotations

import json
from pathlib import Path

from behaviordiff.export import export_release
from behaviordiff.kb import find_placeholders
from tests.conftest import EXAMPLE
from tests.export import helpdesks
from tests.export.conftest import read_json, schema

ORIGINAL_MACROS = {
    str(macro["id"]): macro
    for macro in json.loads((EXAMPLE / "kb" / "macros.json").read_text())["macros"]
}


def test_zendesk_macros_carry_the_full_actions_array(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.zendesk)
    result = export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    document = read_json(tmp_path / "z.json")
    assert document["format"] == "behaviordiff-export/1" and document["target"] == "zendesk"
    macro_schema, translation_schema = (
        schema("zendesk_macro_update"),
        schema("zendesk_translation_update"),
    )
    kinds = {record["kind"] for record in document["records"]}
    assert kinds == {"macro", "article"}
    for record in document["records"]:
        body = record["request"]["body"]
        (macro_schema if record["kind"] == "macro" else translation_schema).validate(body)
        assert record["request"]["method"] == "PUT"
        assert record["source"]["updated_at"]  # so an import can refuse a moved item
        assert record["draft"]["status"] == "approved" and record["draft"]["reviewer"]
    by_id = {record["target_id"]: record for record in document["records"]}
    delayed = by_id["360001"]
    assert delayed["request"]["path"] == "/api/v2/macros/360001"
    actions = delayed["request"]["body"]["macro"]["actions"]
    original = ORIGINAL_MACROS["360001"]["actions"]
    assert [a["field"] for a in actions] == [a["field"] for a in original]
    assert actions[1:] == original[1:]  # every non-reply action as exported
    edited = next(item for item in result.exported if item.item.id == "360001")
    assert actions[0]["value"] == edited.new_body != original[0]["value"]
    assert find_placeholders(actions[0]["value"]) == find_placeholders(original[0]["value"])
    article = next(record for record in document["records"] if record["kind"] == "article")
    assert article["request"]["path"].endswith("/translations/en-us")
    assert article["request"]["body"]["translation"]["body"].startswith("<")
    assert sorted(result.draft_keys) == sorted(
        record["draft"]["key"] for record in document["records"]
    )


def test_demo_macro_360001_routing_is_flagged_for_a_person(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.zendesk)
    export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    by_id = {r["target_id"]: r for r in read_json(tmp_path / "z.json")["records"]}
    review = by_id["360001"]["review"]
    flags = {flag["field"]: flag for flag in review["flags"]}
    assert flags["group_id"]["suggestion"] == "remove"
    assert flags["group_id"]["value"] == "360000112233"
    assert flags["set_tags"]["suggested_value"] == "delayed_order"
    assert flags["status"] == {
        "field": "status",
        "value": "pending",
        "reason": "keeps the ticket waiting for the escalation's follow-up",
        "suggestion": "change",
        "suggested_value": "solved",
    }
    assert "priority" not in flags  # normal priority says nothing about an escalation
    assert "orders over $50 delayed more than 48 hours" in review["confirm"]
    suggested = review["suggested_actions"]
    schema("zendesk_macro_update").validate({"macro": {"actions": suggested}})
    sent = by_id["360001"]["request"]["body"]["macro"]["actions"]
    assert suggested[0] == sent[0]  # the new reply, with the settings suggested around it
    assert [a["field"] for a in suggested] == ["comment_value", "priority", "set_tags", "status"]
    # the body sent is untouched by the suggestions: a person confirms them
    assert {"field": "group_id", "value": "360000112233"} in sent
    # a promise-only change (the return window) flags no settings
    assert "review" not in by_id["360003"]


def test_reply_keeps_the_shape_it_came_in(approved_with, tmp_path: Path) -> None:
    def channel_form(folder: Path):  # comment_value as ["channel:all", text]
        data = json.loads(helpdesks.MACROS.read_text())
        reply = data["macros"][0]["actions"][0]
        reply["value"] = ["channel:all", reply["value"]]
        path = folder / "macros.json"
        path.write_text(json.dumps(data))
        from behaviordiff.kb import load_knowledge_base

        return load_knowledge_base([path], [helpdesks.FAQ])

    workspace, release_id, knowledge = approved_with(channel_form)
    export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    record = read_json(tmp_path / "z.json")["records"][0]
    value = record["request"]["body"]["macro"]["actions"][0]["value"]
    assert isinstance(value, list) and value[0] == "channel:all"
    assert value[1].startswith("Hi {{ticket.requester.first_name}},")
    schema("zendesk_macro_update").validate(record["request"]["body"])


def test_freshdesk_canned_responses_and_solution_articles(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.freshdesk)
    export_release(workspace, release_id, knowledge, "freshdesk", tmp_path / "f.json")
    records = read_json(tmp_path / "f.json")["records"]
    canned, solution = (
        schema("freshdesk_canned_response_update"),
        schema("freshdesk_solution_article_update"),
    )
    paths = set()
    for record in records:
        body = record["request"]["body"]
        if record["kind"] == "macro":
            canned.validate(body)
            # the macro was text: content_html is HTML, escaped, placeholders verbatim
            html_body = body["content_html"]
            assert html_body.startswith("<p>Hi {{ticket.requester.first_name}},</p>")
            assert "{{current_user.first_name}}" in html_body
            paths.add(record["request"]["path"].rsplit("/", 1)[0])
        else:
            solution.validate(body)
            assert body["description"].startswith("<")
            paths.add(record["request"]["path"].rsplit("/", 1)[0])
        assert record["source"]["updated_at"]
    assert paths == {"/api/v2/canned_responses", "/api/v2/solutions/articles"}


def test_intercom_articles_are_drafts_and_macros_go_to_csv(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.intercom)
    result = export_release(workspace, release_id, knowledge, "intercom", tmp_path / "i.json")
    records = read_json(tmp_path / "i.json")["records"]
    assert records and all(record["kind"] == "article" for record in records)
    validator = schema("intercom_article_update")
    for record in records:
        validator.validate(record["request"]["body"])
        assert record["request"]["body"]["state"] == "draft"
        assert record["request"]["path"] == f"/articles/{record['target_id']}"
    macros_csv = tmp_path / "i.macros.csv"
    assert macros_csv in result.outputs
    text = macros_csv.read_text(encoding="utf-8-sig")
    assert "Intercom has no API to write macros" in text
    assert any("Intercom macro(s)" in note for note in result.notes)
    assert {item.item.kind for item in result.exported} == {"macro", "article"}
