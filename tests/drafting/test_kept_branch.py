"""A rule split in two under a condition: the added sentence that keeps the old rule for the
other side is not the change's new rule, so the sentence stating the new side leads (a music
school's term fees: in full, now half up front for enrolments more than 4 weeks ahead)."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import build_facts
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.keptbranch import kept_branch_last

OLD_RULE = (
    "When a pupil enrols for a term, the fee is charged in full: call `charge_fee` with "
    'plan "full", and tell them there is nothing more to pay.'
)
NEW_SIDE = (
    "When a pupil enrols more than 4 weeks before term, charge half the fee: call `charge_fee` "
    'with plan "half", and tell them the rest is due when term starts.'
)
KEPT_SIDE = (
    "When a pupil enrols 4 weeks or fewer before term, the fee is charged in full: call "
    '`charge_fee` with plan "full", and tell them there is nothing more to pay.'
)


def _hunk(hunk_id: str, kind: str, old: str | None, new: str) -> dict[str, Any]:
    return {
        "id": hunk_id,
        "kind": kind,
        "file": "system.md",
        "section": "Fees",
        "old": old,
        "new": new,
        "summary": f"section Fees: {kind}: {new}",
    }


def _analysis() -> tuple[dict[str, Any], dict[str, Any]]:
    hunks = [
        _hunk("H2", "sentence_added", None, KEPT_SIDE),
        _hunk("H1", "sentence_changed", OLD_RULE, f"{NEW_SIDE} {KEPT_SIDE}"),
    ]
    probes = [
        {
            "probe_id": f"p{i}",
            "verdict": "behavior-changed",
            "facets": ["actions"],
            "old_samples": 2,
            "new_samples": 2,
            "features": {"weeks_before_term": 5 + i},
            "evidence": {
                "actions": {
                    "status": "changed",
                    "old_counts": {"charge_fee(plan=full)": 2},
                    "new_counts": {"charge_fee(plan=half)": 2},
                },
                "excerpts": {"old": "Nothing more to pay.", "new": "The rest is due at term."},
            },
            "change_id": "C1",
        }
        for i in range(3)
    ]
    change = {
        "id": "C1",
        "title": "charge_fee: plan full → half",
        "probe_ids": [p["probe_id"] for p in probes],
        "facets": ["actions"],
        "kind": "actions",
        "before": ["charge_fee(plan=full)"],
        "after": ["charge_fee(plan=half)"],
        "conditions": [
            {
                "text": "weeks_before_term > 4",
                "atoms": [{"feature": "weeks_before_term", "op": ">", "value": 4}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 0},
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
                "section": "Fees",
            }
            for h in hunks
        ],
        "excerpts": [],
    }
    return {"probes": probes, "changes": [change]}, {"prompt": hunks, "config": []}


def test_the_sentence_keeping_the_old_rule_for_the_other_side_goes_last() -> None:
    rules = [
        Rule("H2", "sentence_added", "Fees", None, KEPT_SIDE, ""),
        Rule("H1", "sentence_changed", "Fees", OLD_RULE, NEW_SIDE, ""),
    ]
    assert [rule.hunk_id for rule in kept_branch_last(rules)] == ["H1", "H2"]


def test_an_added_sentence_saying_something_new_keeps_its_place() -> None:
    added = "When a pupil enrols for a second instrument, the fee is halved."
    rules = [
        Rule("H2", "sentence_added", "Fees", None, added, ""),
        Rule("H1", "sentence_changed", "Fees", OLD_RULE, NEW_SIDE, ""),
    ]
    assert [rule.hunk_id for rule in kept_branch_last(rules)] == ["H2", "H1"]


def test_the_change_s_first_rule_is_the_new_side() -> None:
    [facts] = build_facts(*_analysis())
    assert facts.rules[0].hunk_id == "H1"
