"""Untrusted text of any size (a 440 kB reply, a pasted reply in a writer's field, a huge
knowledge-base sentence) is quoted with a cap and a visible "… (N more characters)" in
stored drafts, the changelog, the report and the CSV export; bodies go to the helpdesk whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.publish.report import REPLY_CHARS
from behaviordiff.review import ReviewError, load_review
from behaviordiff.store.drafts import DraftRow, DraftStore
from behaviordiff.store.runs import RunRecord, RunWriter
from behaviordiff.textutil import PUBLISHED_CHARS, QUOTE_CHARS, cap_quoted
from behaviordiff.transcripts import Transcript
from tests.publish.conftest import Invoke, Release, approve_all, edit, json_of

# 440 kB: over every cap (2,000, 10,000 and 20,000 characters) twenty times and over the
# report's 300 kB bound, so an uncut text fails each check as a 4 MB one would
HUGE = "we will keep you posted on every step " * 11_600
MARKER = " more characters)"


def test_cap_quoted_keeps_short_texts_and_marks_long_ones() -> None:
    assert cap_quoted("short", 10) == "short"
    capped = cap_quoted("word " * 1000, 100)
    assert capped.endswith("… (4,901 more characters)") and len(capped) < 130
    assert cap_quoted(capped, 100) == capped  # already capped: left as it is
    assert cap_quoted("x" * 300, 100).endswith("x… (200 more characters)")


def test_stored_machine_drafts_cap_quotes_but_keep_bodies(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    store = DraftStore(workspace)
    note = store.drafts(release_id, "note")[0]
    edit_ = store.drafts(release_id, "edit")[0]
    body = "Hi {{ticket.requester.first_name}}, " + HUGE
    rows = [
        DraftRow("note", note.key, note.change_id, None, "template",
                 {**note.generated, "after": "It tells the customer “" + HUGE + "”"}),
        DraftRow("edit", edit_.key, edit_.change_id, edit_.item_key, "template",
                 {**edit_.generated, "new_body": body, "rationale": "Still says “" + HUGE,
                  "conflicts": [HUGE]}),
    ]  # fmt: skip
    store.save_generated(release_id, rows)
    stored_note = store.draft(release_id, "note", note.key).generated
    assert len(stored_note["after"]) < QUOTE_CHARS + 40
    assert stored_note["after"].endswith(MARKER)
    assert stored_note["after"].startswith("It tells the customer “we will keep")
    stored_edit = store.draft(release_id, "edit", edit_.key).generated
    assert stored_edit["new_body"] == body  # the helpdesk gets the body whole
    assert stored_edit["rationale"].endswith(MARKER)
    assert stored_edit["conflicts"][0].endswith(MARKER)


def test_changelog_report_and_csv_of_a_release_with_huge_texts_stay_small(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """A 440 kB reply pasted into a note and a rationale (stored before a writer's text had a
    limit: `review edit` and the app refuse it now); the agent's reply in a stored run is
    440 kB too."""
    from tests.conftest import EXAMPLE

    workspace, release_id, _ = drafted
    c1 = load_review(workspace, release_id).resolve(["C1"])[0]
    with pytest.raises(ReviewError, match="over the 20,000 a writer's text may have"):
        edit(workspace, release_id, "C1", {"after": "The agent says: " + HUGE})
    store = DraftStore(workspace)
    for handle, values in (
        ("C1", {"after": "The agent says: " + HUGE}),
        ("C1.1", {"rationale": "Pasted: " + HUGE}),
    ):
        record = load_review(workspace, release_id).resolve([handle])[0].record
        store.update(release_id, record.kind, record.key, content={**record.content, **values})
    approve_all(workspace, release_id)
    probe = c1.record.content["evidence"][0]["probe_id"]
    writer = RunWriter(workspace, release_id)
    writer.add(RunRecord("base", probe, 0, Transcript(probe, 0, [], final_reply="Handed over.")))
    writer.add(RunRecord("head", probe, 0, Transcript(probe, 0, [], final_reply=HUGE)))
    writer.flush()

    changelog = json_of(invoke("changelog", "--format", "json"))
    after = changelog["releases"][0]["changes"][0]["after"]
    assert after.endswith(MARKER) and len(after) < PUBLISHED_CHARS + 40
    markdown = invoke("changelog").stdout
    assert MARKER in markdown and len(markdown) < 4 * PUBLISHED_CHARS

    report = tmp_path / "report.html"
    assert invoke("report", "-o", str(report)).exit_code == 0
    html = report.read_text(encoding="utf-8")
    assert len(html) < 300_000  # the 440 kB reply and the pasted texts are cut
    assert f"{len(HUGE) - REPLY_CHARS:,}"[:3] in html and MARKER in html

    csv = tmp_path / "edits.csv"
    config = str(EXAMPLE / "behaviordiff.toml")
    assert invoke("export", "--to", "csv", "-o", str(csv), "-c", config).exit_code == 0
    text = csv.read_text(encoding="utf-8")
    assert MARKER in text and len(text) < 4 * PUBLISHED_CHARS
    summary = json.loads(
        invoke("export", "--to", "csv", "-o", str(csv), "-c", config, "--format", "json").stdout
    )
    assert summary["exported"]


def test_the_report_caps_each_tool_call_argument_it_shows(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """A run's tool call with a 2 MB argument (an agent's output, untrusted) shows its start
    and how much was left out, as a reply does: the report stays small."""
    from behaviordiff.transcripts import ToolCallRecord

    workspace, release_id, _ = drafted
    c1 = load_review(workspace, release_id).resolve(["C1"])[0]
    probe = c1.record.content["evidence"][0]["probe_id"]
    huge = "X" * 2_000_000
    many = {f"field_{index}": "y" * 9_000 for index in range(40)}
    calls = [
        ToolCallRecord("c1", "lookup_order", {"order_id": huge, "note": "kept"}, ""),
        ToolCallRecord("c2", "update_order", many, ""),
    ]
    writer = RunWriter(workspace, release_id)
    writer.add(RunRecord("base", probe, 0, Transcript(probe, 0, [], final_reply="Handed over.")))
    writer.add(
        RunRecord("head", probe, 0, Transcript(probe, 0, [], tool_calls=calls, final_reply="Ok."))
    )
    writer.flush()
    report = tmp_path / "report.html"
    assert invoke("report", "-o", str(report)).exit_code == 0
    html = report.read_text(encoding="utf-8")
    assert len(html) < 200_000, len(html)
    assert f"… ({2_000_000 - REPLY_CHARS:,} more characters)" in html
    assert "note=kept" in html and "more arguments)" in html
    data = json_of(invoke("report", "--format", "json"))
    shown = data["changes"][0]["probes"][0]["new_actions"]
    assert shown[0].startswith("lookup_order(order_id=XXX") and len(shown[0]) < 3 * REPLY_CHARS
    assert len(shown[1]) < 3 * REPLY_CHARS and shown[1].endswith("more arguments))")
