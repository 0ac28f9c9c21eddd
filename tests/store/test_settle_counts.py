"""An approval holds while the note reads the same: a rerun after a failed run has one more
probe's runs, so the note's evidence counts move ("5 of 5 changed probes" → "6 of 6") while
what it tells CS does not (trial H5). Any other change to `when` still reopens it."""

from __future__ import annotations

import json
from typing import Any

from behaviordiff.store.drafts import DraftRow, settle

WHEN = "Orders delayed over 48 hours ({} of {} changed probes match; 0 of 12 other probes do)."


def _note(when: str) -> dict[str, Any]:
    return {"title": "Shipping refund", "before": "b", "after": "a", "when": when}


def _approved(content: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(content)
    return {
        "release_id": 2,
        "kind": "note",
        "key": "change-1",
        "status": "approved",
        "origin": "template",
        "content_json": text,
        "generated_json": text,
        "outdated": 0,
        "reason": None,
        "edited_by": None,
    }


def test_moved_evidence_counts_keep_the_approval() -> None:
    prior = _approved(_note(WHEN.format(5, 5)))
    row = DraftRow("note", "change-1", "C1", None, "template", _note(WHEN.format(6, 6)))
    settled = settle(row, prior, carried=True)
    assert settled.status == "approved" and not settled.unapproved
    assert settled.content["when"] == WHEN.format(6, 6)


def test_another_condition_reopens_it() -> None:
    prior = _approved(_note(WHEN.format(5, 5)))
    moved = "Orders delayed over 72 hours (5 of 5 changed probes match; 0 of 12 other probes do)."
    settled = settle(
        DraftRow("note", "change-1", "C1", None, "template", _note(moved)), prior, carried=True
    )
    assert settled.status == "draft" and settled.unapproved
