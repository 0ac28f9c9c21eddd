"""The CSV for people (formula-injection safe), Markdown files and patch, what an export
leaves out (unapproved, rejected-for-export, changed since drafted) and the writer's text."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from behaviordiff.export import ExportError, ExportItem, csvfile, export_release, freshdesk
from behaviordiff.export.html import text_to_html
from behaviordiff.kb import load_knowledge_base, load_macros
from behaviordiff.review import load_review
from behaviordiff.store.acks import delivered
from behaviordiff.store.drafts import DraftRecord, DraftStore
from tests.conftest import FIXTURES
from tests.export import helpdesks

EXPORT = FIXTURES / "export"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _item(item_index: int, new_body: str, path: Path = EXPORT / "formula_macros.csv") -> ExportItem:
    item = load_macros(path)[item_index]
    draft = DraftRecord(
        release_id=1,
        kind="edit",
        key=f"change-x:{item.key}",
        change_id="C1",
        item_key=item.key,
        status="approved",
        origin="template",
        content={"new_body": new_body, "old_body": item.body, "rationale": "=1+1"},
        generated={},
        updated_at="2026-12-02T00:00:00+00:00",
        updated_by="@writer",
    )
    return ExportItem(f"C1.{item_index + 1}", draft, item, "-change", new_body)


def test_csv_neutralises_formula_cells() -> None:
    items = [
        _item(0, '=HYPERLINK("http://evil.example";"click")'),
        _item(1, "@SUM(A1:A9)"),
        _item(2, "\rcmd"),
    ]
    rows = _rows(csvfile.render(items))
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(dangerous), (column, value)
    first, second, third = rows
    assert first["title"] == '\'=HYPERLINK("http://evil.example";"click")'
    assert first["current_body"] == "'+1 for the refund"
    assert first["new_body"].startswith("'=HYPERLINK")
    assert first["rationale"] == "'=1+1" and first["change"] == "'-change"
    assert first["reviewer"] == "'@writer"
    assert second["title"] == "'@SUM(A1:A2)" and second["current_body"] == "'-2 days late"
    assert third["new_body"] == "'\rcmd"
    assert csvfile.neutralise("\tcmd") == "'\tcmd"
    assert csvfile.neutralise("Hi {{ticket.requester.first_name}}") == (
        "Hi {{ticket.requester.first_name}}"
    )


def test_demo_csv_has_every_edit_and_the_flagged_routing(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.example)
    export_release(workspace, release_id, knowledge, "csv", tmp_path / "edits.csv")
    raw = (tmp_path / "edits.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = _rows(raw.decode("utf-8"))
    assert list(rows[0]) == list(csvfile.COLUMNS)
    assert {row["platform"] for row in rows} == {"Zendesk", "Markdown"}
    by_id = {row["target_id"]: row for row in rows}
    assert "remove group_id “360000112233”" in by_id["360001"]["settings_to_review"]
    assert "status “pending” → “solved”" in by_id["360001"]["settings_to_review"]
    assert by_id["360003"]["settings_to_review"] == ""
    assert by_id["360001"]["source_updated_at"] == "2025-09-18T09:41:55Z"
    assert by_id["4410000102"]["source_version"].startswith("sha256:")
    assert all(row["status"] == "approved" for row in rows)


def test_markdown_files_and_patch(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.example)
    out = tmp_path / "faq-out"
    result = export_release(workspace, release_id, knowledge, "markdown", out)
    patch = out / "changes.patch"
    assert patch in result.outputs
    source = helpdesks.FAQ / "delayed-orders.md"
    rewritten = (out / "delayed-orders.md").read_text(encoding="utf-8")
    original = source.read_text(encoding="utf-8")
    head = original.split("# My order is late", 1)[0]
    assert rewritten.startswith(head)  # front matter kept byte for byte
    assert rewritten != original
    # the patch turns the FAQ folder into the rewritten files
    copy = tmp_path / "faq-copy"
    shutil.copytree(helpdesks.FAQ, copy)
    subprocess.run(["git", "apply", "-p1", str(patch)], cwd=copy, check=True)
    for path in out.glob("*.md"):
        assert (copy / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    only_patch = tmp_path / "faq.patch"
    export_release(workspace, release_id, knowledge, "markdown", only_patch)
    assert only_patch.read_text(encoding="utf-8") == patch.read_text(encoding="utf-8")


def test_only_approved_edits_and_the_writers_text(example_release, tmp_path: Path) -> None:
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = example_release
    knowledge = helpdesks.example(tmp_path)
    draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    with pytest.raises(ExportError) as nothing:
        export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    assert "no approved edits" in nothing.value.message
    assert "--include-drafts" in (nothing.value.hint or "")
    assert not (tmp_path / "z.json").exists()

    review = load_review(workspace, release_id)
    macro = next(item for item in review.items if item.record.item_key == "macro:360001")
    store = DraftStore(workspace)
    writer_text = macro.record.content["old_body"].replace(
        "so I have escalated it to our shipping team.", "so I have refunded part of your shipping."
    )
    edited = store.update(
        release_id,
        "edit",
        macro.record.key,
        content={**macro.record.content, "new_body": writer_text},
    )
    store.update(release_id, "edit", edited.key, status="approved")
    result = export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    assert [item.item.id for item in result.exported] == ["360001"]
    assert result.exported[0].new_body == writer_text
    reasons = {skip.key: skip.reason for skip in result.skipped}
    assert any("not approved" in reason for reason in reasons.values())
    preview = export_release(
        workspace, release_id, knowledge, "zendesk", tmp_path / "p.json", include_drafts=True
    )
    assert {item.item.id for item in preview.exported} == {"360001", "360003"}
    # the publish gate hears which approved edits went out; a preview records nothing
    assert result.delivered == [edited.key] and preview.delivered == []
    assert delivered(workspace, release_id) == {edited.key}
    assert workspace.audit(release_id)[-1]["action"] == "export.write"


def test_an_item_changed_since_drafting_is_left_out(approved_with, tmp_path: Path) -> None:
    workspace, release_id, _ = approved_with(helpdesks.example)
    changed = tmp_path / "macros.json"
    changed.write_text(
        helpdesks.MACROS.read_text(encoding="utf-8").replace(
            "A shipping specialist will contact", "A shipping expert will contact"
        ),
        encoding="utf-8",
    )
    now = load_knowledge_base([changed], [helpdesks.FAQ])
    result = export_release(workspace, release_id, now, "zendesk", tmp_path / "z.json")
    assert [item.item.id for item in result.exported] == ["360003"]
    (skip,) = [s for s in result.skipped if "360001" in s.key]
    assert "changed in" in skip.reason and "draft again" in skip.reason


def test_text_becomes_escaped_html_with_placeholders_verbatim() -> None:
    text = "Hi {{ticket.requester.name}},\n\nOrders < $50 & > $50 alike.\nBye {{ticket.agent.name}}"
    assert text_to_html(text) == (
        "<p>Hi {{ticket.requester.name}},</p>"
        "<p>Orders &lt; $50 &amp; &gt; $50 alike.<br>Bye {{ticket.agent.name}}</p>"
    )
    item = _item(
        0, load_macros(EXPORT / "freshdesk_text.json")[0].body, EXPORT / "freshdesk_text.json"
    )
    written, skipped = freshdesk.records([item])
    assert not skipped
    ((_, record),) = written
    html_body = record["request"]["body"]["content_html"]
    assert "&lt; $50 &amp; &gt; $50" in html_body
    assert "{{ticket.requester.name}}" in html_body and "{{ticket.agent.name}}" in html_body


def test_an_unwritable_output_is_an_error_naming_it(approved_with, tmp_path: Path) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.example)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for target in ("csv", "zendesk", "markdown"):
        with pytest.raises(ExportError) as caught:
            export_release(workspace, release_id, knowledge, target, blocker / "out")
        assert "cannot write the export" in caught.value.message
        assert str(blocker) in str(caught.value.where)
    nested = tmp_path / "new" / "folder" / "edits.csv"
    export_release(workspace, release_id, knowledge, "csv", nested)
    assert nested.exists()


def test_a_release_with_no_edits_to_deliver_exports_nothing_without_an_error(
    example_release, tmp_path: Path
) -> None:
    """trial14: a release whose changes need no edits made `export` exit 2 ("Cannot export"),
    failing a CI script that always exports. Nothing to deliver is said, and no file written;
    edits not approved yet still refuse (above)."""
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = example_release
    knowledge = helpdesks.example(tmp_path)
    draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    store = DraftStore(workspace)
    for record in store.drafts(release_id, "edit"):
        store.update(release_id, "edit", record.key, status="rejected", reason="wrong-draft")
    result = export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    assert result.exported == [] and result.outputs == []
    assert {skip.reason for skip in result.skipped} == {"rejected: not exported"}
    assert any(note.startswith("nothing to export") for note in result.notes)
    assert not (tmp_path / "z.json").exists()


def test_a_target_whose_only_edits_were_rejected_has_nothing_to_export(
    example_release, tmp_path: Path
) -> None:
    """trial9 T6: approved macro edits and a rejected article edit: `--to markdown` exited 2
    "none of 1 edit(s) can be written" although nothing for Markdown is left to deliver."""
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = example_release
    knowledge = helpdesks.example(tmp_path)
    draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    store = DraftStore(workspace)
    articles = []
    for record in store.drafts(release_id, "edit"):
        if str(record.item_key).startswith("article:"):
            articles.append(record.key)
            store.update(release_id, "edit", record.key, status="rejected", reason="wrong-draft")
        else:
            store.update(release_id, "edit", record.key, status="approved")
    assert articles
    output = tmp_path / "faq-updated"
    result = export_release(workspace, release_id, knowledge, "markdown", output)
    assert result.exported == [] and result.outputs == [] and not output.exists()
    assert any(note.startswith("nothing to export for markdown") for note in result.notes)
    # the zendesk export still delivers the macros
    zendesk = export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "z.json")
    assert zendesk.exported


def test_an_article_edit_waiting_for_approval_still_refuses_the_markdown_export(
    example_release, tmp_path: Path
) -> None:
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = example_release
    knowledge = helpdesks.example(tmp_path)
    draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    store = DraftStore(workspace)
    for record in store.drafts(release_id, "edit"):
        if not str(record.item_key).startswith("article:"):
            store.update(release_id, "edit", record.key, status="approved")
    with pytest.raises(ExportError):
        export_release(workspace, release_id, knowledge, "markdown", tmp_path / "faq-updated")
