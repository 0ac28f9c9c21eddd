"""trial10 T13: a writer's text is checked against its change's evidence even when the note's
key is not the one the change's facts name now (a key kept from an earlier drafting): the
change is in the release's analysis, so no "no longer has this draft's change" warning, no
`--despite-warnings`, and no false "approved despite a check" line for CS."""

from __future__ import annotations

from pathlib import Path

from tests.publish.conftest import Invoke, Release, json_of


def _rekey(drafted: Release, old: str, new: str) -> None:
    workspace = drafted[0]
    with workspace.transaction() as db:
        for row in db.execute("SELECT id, key FROM drafts WHERE key LIKE ?", (old + "%",)):
            db.execute(
                "UPDATE drafts SET key = ? WHERE id = ?",
                (new + row["key"][len(old) :], row["id"]),
            )


def test_a_writers_text_on_a_note_keyed_otherwise_is_checked(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    drafts = json_of(invoke("review", "list", "--format", "json"))["drafts"]
    note = next(d for d in drafts if d["handle"] == "C1")
    _rekey(drafted, note["key"], "change-0123456789ab")
    text = tmp_path / "c1.yaml"
    text.write_text("title: Late orders get their shipping refunded\n", encoding="utf-8")
    edited = invoke("review", "edit", "C1", "--from", str(text))
    assert edited.exit_code == 0, edited.output
    assert "no longer has" not in edited.output
    approved = invoke("review", "approve", "C1")
    assert approved.exit_code == 0, approved.output
    changelog = invoke("changelog").stdout
    assert "despite a check" not in changelog

    # a number the evidence lacks is still caught: the text is checked, not waved through
    text.write_text("title: Late orders get 99% of their shipping refunded\n", encoding="utf-8")
    edited = invoke("review", "edit", "C1", "--from", str(text))
    assert "99" in edited.output and "no longer has" not in edited.output
