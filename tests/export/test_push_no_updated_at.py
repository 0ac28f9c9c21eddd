"""A helpdesk export without `updated_at`: `kb check` warns that `push` will refuse its items,
and the refusal says the two ways on (trial 11, T9)."""

from __future__ import annotations

import json
from pathlib import Path

from behaviordiff.export.push import PushItem, push
from behaviordiff.pipeline import check_knowledge_base


def _item(updated_at: str | None) -> PushItem:
    return PushItem(
        index=0,
        kind="macro",
        target_id="9001",
        title="Service::Free re-tune",
        method="PUT",
        path="/api/v2/macros/9001",
        body={"macro": {"actions": []}},
        updated_at=updated_at,
        handle="C1.2",
        source_file="kb/macros.json",
    )


def test_the_refusal_says_how_to_get_on() -> None:
    report = push("zendesk", [_item(None)], sender=None)
    outcome = report.outcomes[0]
    assert outcome.status == "refused"
    assert outcome.reason.startswith(
        "the export has no updated_at for it (kb/macros.json holds none), so a change in "
        "Zendesk since cannot be ruled out"
    )
    assert "export the macros from Zendesk again with their updated_at" in outcome.reason
    assert "`behaviordiff ack done C1.2 --by NAME`" in outcome.reason
    assert push("zendesk", [_item("2026-11-01T00:00:00Z")], sender=None).outcomes[0].status == (
        "would-change"
    )


def _macros(tmp_path: Path, *, stamped: bool) -> Path:
    macro = {
        "id": 9001,
        "title": "Service::Free re-tune",
        "actions": [{"field": "comment_value", "value": "Free re-tune within 30 days."}],
    }
    if stamped:
        macro["updated_at"] = "2026-11-01T00:00:00Z"
    path = tmp_path / "macros.json"
    path.write_text(json.dumps({"macros": [macro]}))
    return path


def test_kb_check_warns_that_push_will_refuse(tmp_path: Path) -> None:
    summary = check_knowledge_base(None, [_macros(tmp_path, stamped=False)])
    [warning] = summary["warnings"]
    assert 'macros.json: 1 item(s) have no updated_at (macro "Service::Free re-tune")' in warning
    assert "`push` will refuse their edits" in warning
    assert "export them from Zendesk again with updated_at" in warning
    assert "`behaviordiff ack done`" in warning


def test_kb_check_is_quiet_when_the_export_has_updated_at(tmp_path: Path) -> None:
    assert check_knowledge_base(None, [_macros(tmp_path, stamped=True)])["warnings"] == []
    faq = tmp_path / "faq"
    faq.mkdir()
    (faq / "retune.md").write_text("---\ntitle: Re-tune\nid: 501\n---\n# Re-tune\n\nFree.\n")
    assert check_knowledge_base(None, [], [faq])["warnings"] == []  # never pushed: no warning
