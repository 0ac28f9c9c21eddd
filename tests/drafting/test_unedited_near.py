"""A draft names the knowledge-base items ranked nearest a change that got no edit, so a miss
(a promise moved from days to hours, a sentence no writer read) shows instead of reading as
"nothing to update"; items far below the best, edited ones and flagged ones are not named.
The core (`DraftOutcome.unedited_near`) says it; `draft` prints it and its JSON carries it."""

from __future__ import annotations

from typing import Any

from behaviordiff.cli.render import looked_at
from behaviordiff.drafting.service import DraftOutcome
from behaviordiff.schemas.outputs import DraftOutput
from behaviordiff.store.drafts import DraftRecord


def _impact(key: str, title: str, score: float, conflicts: int = 0) -> dict[str, object]:
    return {
        "item": key,
        "title": title,
        "score": score,
        "conflicts": [{"sentence": "s", "reasons": []}] * conflicts,
    }


def _edit(change: str, item: str, *, stale: bool = False) -> Any:
    class _Record:  # the fields `unedited_near` reads of a DraftRecord
        change_id = change
        item_key = item

    record = _Record()
    record.stale = stale  # type: ignore[attr-defined]
    return record


def _outcome(impacts: dict[str, list[dict[str, Any]]], edits: list[Any]) -> DraftOutcome:
    return DraftOutcome(
        release_id=1,
        drafter="template",
        effective_date=None,
        notes=[],
        edits=edits,
        written=0,
        kept=0,
        stats=dict.fromkeys(
            ("llm_calls", "cached_calls", "prompt_tokens", "completion_tokens", "retries"), 0
        ),
        impacts=impacts,
    )


def test_near_items_with_no_edit_are_named() -> None:
    outcome = _outcome(
        {
            "C1": [
                _impact("macro:102", "Account::Talk to a person", 10.2),
                _impact("article:contact", "Contact us", 9.6),
                _impact("macro:103", "Billing::Invoice copy", 3.1),
            ]
        },
        [],
    )
    assert outcome.unedited_near("C1") == [
        {"item": "macro:102", "kind": "macro", "title": "Account::Talk to a person"},
        {"item": "article:contact", "kind": "article", "title": "Contact us"},
    ]
    assert looked_at(outcome, "C1") == [
        "macro “Account::Talk to a person”",
        "FAQ article “Contact us”",
    ]


def test_edited_flagged_and_distant_items_are_not_named() -> None:
    impacts = {
        "C1": [
            _impact("macro:1", "Shipping::Delayed order", 106.5, conflicts=2),
            _impact("article:2", "My order is late", 91.1),
            _impact("macro:3", "Shipping::Late order", 47.6),
        ]
    }
    outcome = _outcome(impacts, [_edit("C1", "article:2")])
    assert outcome.unedited_near("C1") == []
    assert outcome.unedited_near("C2") == []
    # an edit of another change, or a stale one, does not count as this change's edit
    for other in (_edit("C2", "article:2"), _edit("C1", "article:2", stale=True)):
        assert [n["item"] for n in _outcome(impacts, [other]).unedited_near("C1")] == ["article:2"]


def test_at_most_three_and_in_the_json_output_by_its_schema() -> None:
    outcome = _outcome(
        {"C1": [_impact(f"macro:{i}", f"M{i}", 10.0 - i / 10) for i in range(6)], "C2": []},
        [],
    )
    data = outcome.to_dict()
    assert list(data["unedited_near"]) == ["C1"]
    assert [near["item"] for near in data["unedited_near"]["C1"]] == [
        "macro:0",
        "macro:1",
        "macro:2",
    ]
    DraftOutput.model_validate(data)


def test_a_record_type_has_the_fields_read() -> None:
    assert {"change_id", "item_key", "stale"} <= set(DraftRecord.__dataclass_fields__)
