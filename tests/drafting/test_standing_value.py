"""A value a newly made call's confirmation carries that both prompts state, unchanged, in a
section no hunk touched (a made-up riding school, not a scenario's domain: 8- and 9-year-olds
may now ride with a parent on the lesson, and every booked reply says "arrive 15 minutes
early"): no promise the change added, so the note does not say customers are now told it. A
value the changed sentence states (a 45-minute lesson) still is one."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import TemplateDrafter, build_facts

OLD = "Riders must be 10 or older."
NEW = (
    "Riders must be 10 or older, with one exception: 8- and 9-year-olds can ride a 45 minutes "
    "lesson if a parent comes along."
)
ARRIVE = "Arrive 15 minutes early to meet your instructor."


def _analysis() -> tuple[dict[str, Any], dict[str, Any]]:
    hunk = {
        "id": "H1",
        "kind": "sentence_changed",
        "file": "system.md",
        "section": "Who can ride",
        "old": OLD,
        "new": NEW,
        "summary": f"section Who can ride: sentence changed: {OLD} → {NEW}",
    }
    probes = [
        {
            "probe_id": f"p{i}",
            "verdict": "behavior-changed",
            "facets": ["actions", "promises"],
            "old_samples": 2,
            "new_samples": 2,
            "features": {"rider_age": 8 + i % 2, "parent_along": True},
            "evidence": {
                "actions": {
                    "status": "changed",
                    "old_counts": {},
                    "new_counts": {"book_lesson": 2},
                },
                "promises": {
                    "status": "changed",
                    "removed": [],
                    "added": ["duration:15 minutes", "duration:45 minutes"],
                },
                "excerpts": {
                    "old": "Sorry, riders must be 10 or older.",
                    "new": f"You're booked on a 45 minutes lesson. {ARRIVE}",
                },
            },
            "change_id": "C1",
        }
        for i in range(3)
    ]
    change = {
        "id": "C1",
        "title": "now calls book_lesson",
        "probe_ids": [p["probe_id"] for p in probes],
        "facets": ["actions", "promises"],
        "kind": "actions",
        "before": [],
        "after": ["book_lesson"],
        "conditions": [
            {
                "text": "8 <= rider_age <= 9 and parent_along = true",
                "atoms": [
                    {"feature": "rider_age", "op": "between", "low": 8, "high": 9},
                    {"feature": "parent_along", "op": "=", "value": True},
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 9},
            }
        ],
        "attribution": [
            {
                "hunk_id": "H1",
                "score": 1.0,
                "reasons": [],
                "summary": hunk["summary"],
                "kind": "sentence_changed",
                "file": "system.md",
                "section": "Who can ride",
            }
        ],
        "excerpts": [],
    }
    return {"probes": probes, "changes": [change]}, {"prompt": [hunk], "config": []}


SECTIONS = {"Who can ride": [NEW], "On the day": [ARRIVE]}


def test_a_standing_value_of_an_untouched_section_is_no_added_promise() -> None:
    [facts] = build_facts(*_analysis(), SECTIONS)
    assert [p.value for p in facts.added_promises] == ["45 minutes"]
    assert "duration:15 minutes" in facts.unchanged_values


def test_the_note_does_not_say_customers_are_now_told_it() -> None:
    [facts] = build_facts(*_analysis(), SECTIONS)
    note = TemplateDrafter().note(facts, [], None)
    assert "15 minutes" not in f"{note.after} {note.customer_impact}"
