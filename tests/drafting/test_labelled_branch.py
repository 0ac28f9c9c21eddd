"""A labelled list item stating the old side of a rule split in two under a condition leads
with the new side, in the item's own form and the KB's voice, and keeps its old value for the
other side: the old words never read as everyone's any more.

Made-up agent: a dental practice that sent every check-up reminder the day before with
`send_reminder` (timing "day_before"); now check-ups booked more than 3 months ahead get a
reminder a week before (timing "week_before"), and the rest still get it the day before."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import TemplateDrafter, build_facts
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.labelledbranch import branch_item
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "When a patient books a check-up, the reminder is sent the day before: call "
    '`send_reminder` with timing "day_before", and tell them they can reply to cancel.'
)
NEW = (
    "When a patient books a check-up more than 3 months ahead, send a reminder a week before: "
    'call `send_reminder` with timing "week_before", and tell them they can reply to cancel '
    "and the practice will ask them to confirm by text."
)
KEPT = (
    "When a patient books a check-up 3 months or less ahead, the reminder is sent the day "
    'before: call `send_reminder` with timing "day_before", and tell them they can reply to '
    "cancel."
)
ARTICLE = (
    "# Your check-up at a glance\n\n"
    "- Reminder: the day before your check-up, by text or email\n"
    "- Parking: free behind the practice\n"
)


def _hunk(hunk_id: str, kind: str, old: str | None, new: str) -> dict[str, Any]:
    return {
        "id": hunk_id,
        "kind": kind,
        "file": "system.md",
        "section": "Reminders",
        "old": old,
        "new": new,
        "summary": f"section Reminders: {kind}: {new}",
    }


def _analysis(new: str = NEW) -> tuple[dict[str, Any], dict[str, Any]]:
    hunks = [
        _hunk("H1", "sentence_changed", OLD, new),
        _hunk("H2", "sentence_added", None, KEPT),
    ]
    probes = [
        {
            "probe_id": f"p{i}",
            "verdict": "behavior-changed" if i < 3 else "same",
            "facets": ["actions"] if i < 3 else [],
            "old_samples": 2,
            "new_samples": 2,
            "features": {"months_ahead": 4 + i if i < 3 else i - 3},
            "evidence": {
                "actions": {
                    "status": "changed" if i < 3 else "same",
                    "old_counts": {"send_reminder(timing=day_before)": 2},
                    "new_counts": {
                        f"send_reminder(timing={'week_before' if i < 3 else 'day_before'})": 2
                    },
                },
                "excerpts": {"old": "See you soon.", "new": "See you soon."},
            },
            "change_id": "C1" if i < 3 else None,
        }
        for i in range(6)
    ]
    change = {
        "id": "C1",
        "title": "send_reminder: timing day_before → week_before",
        "probe_ids": ["p0", "p1", "p2"],
        "facets": ["actions"],
        "kind": "actions",
        "before": ["send_reminder(timing=day_before)"],
        "after": ["send_reminder(timing=week_before)"],
        "conditions": [
            {
                "text": "months_ahead > 3",
                "atoms": [{"feature": "months_ahead", "op": ">", "value": 3}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 3},
            }
        ],
        "attribution": [
            {
                "hunk_id": h["id"],
                "score": 1.0,
                "reasons": [],
                "summary": h["summary"],
                "kind": h["kind"],
                "file": "system.md",
                "section": "Reminders",
            }
            for h in hunks
        ],
        "excerpts": [],
    }
    return {"probes": probes, "changes": [change]}, {"prompt": hunks, "config": []}


def _impacts(facts: ChangeFacts) -> list[Impact]:
    return [i for i in rank_items(facts, KnowledgeBase([kb_item("a1", ARTICLE)])) if i.conflicts]


def test_the_labelled_item_says_the_new_side_first_and_keeps_its_value_for_the_rest() -> None:
    [facts] = build_facts(*_analysis())
    [impact] = _impacts(facts)
    assert [c.sentence for c in impact.conflicts] == [
        "- Reminder: the day before your check-up, by text or email"
    ]
    assert TemplateDrafter().edit(facts, impact).new_body == ARTICLE.replace(
        "the day before your check-up, by text or email",
        "a week before when a patient books a check-up more than 3 months ahead, and the "
        "practice will ask you to confirm by text; otherwise the day before your check-up, by "
        "text or email",
    )


def test_the_old_value_is_not_left_whole_before_an_exception() -> None:
    # the instruction's verb is not the one the label leaves out: the new side is said whole
    [facts] = build_facts(*_analysis(NEW.replace("send a reminder", "text them")))
    [impact] = _impacts(facts)
    assert TemplateDrafter().edit(facts, impact).new_body == ARTICLE.replace(
        "the day before your check-up, by text or email",
        "when a patient books a check-up more than 3 months ahead, we text them a week before, "
        "and the practice will ask you to confirm by text; otherwise the day before your "
        "check-up, by text or email",
    )


def test_an_instruction_whose_verb_the_label_leaves_out_is_said_with_we() -> None:
    # "Notice" is no call's name with "send": the whole action is said, in the KB's voice; a
    # capitalised value stays so
    assert branch_item("* **Notice:** The day before, by text", NEW, KEPT, ["send_reminder"]) == (
        "* **Notice:** When a patient books a check-up more than 3 months ahead, we send a "
        "reminder a week before, and the practice will ask you to confirm by text; otherwise "
        "the day before, by text"
    )


def test_an_item_on_another_value_or_no_label_is_left() -> None:
    assert branch_item("- Parking: free behind the practice", NEW, KEPT, ["send_reminder"]) is None
    assert branch_item("The day before your check-up.", NEW, KEPT, ["send_reminder"]) is None
    # a rule with no case of its own splits nothing
    unconditional = "Send a reminder a week before: call `send_reminder`."
    assert branch_item("- Reminder: the day before", unconditional, KEPT, []) is None
