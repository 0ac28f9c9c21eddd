"""Every change of a release keeps a draft key of its own.

Found by a new user's agent: the same limit (30 days → 60 days) moved in replies that the
analysis grouped as two changes (one quoted near "contact", one not). Both changes got the
same content key, so one note overwrote the other: the gate asked for a note nobody could
draft or reject, and every re-draft flipped the surviving note back to `draft`.
"""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import build_facts


def _probe(probe_id: str, change_id: str | None, old: str, new: str) -> dict[str, Any]:
    changed = change_id is not None
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed" if changed else "unchanged",
        "facets": ["promises", "meaning"] if changed else [],
        "old_samples": 3,
        "new_samples": 3,
        "evidence": {
            "promises": {
                "status": "changed" if changed else "same",
                "removed": ["duration:30 days"] if changed else [],
                "added": ["duration:60 days"] if changed else [],
            },
            "excerpts": {"old": old, "new": new},
        },
        **({"change_id": change_id} if changed else {}),
    }


def _change(change_id: str, title: str, probe_ids: list[str]) -> dict[str, Any]:
    return {
        "id": change_id,
        "title": title,
        "probe_ids": probe_ids,
        "facets": ["promises", "meaning"],
        "kind": "promises",
        "before": ["30 days"],
        "after": ["60 days"],
        "conditions": [],
        "attribution": [],
        "excerpts": [],
    }


def _analysis() -> dict[str, Any]:
    within = "I've frozen it. You can freeze for up to {} days per year."
    over = "Freezes are limited to {} days per year, so a colleague will contact you."
    probes = [
        _probe("freeze-14", "C1", within.format(30), within.format(60)),
        _probe("freeze-30", "C1", within.format(30), within.format(60)),
        _probe("freeze-90", "C2", over.format(30), over.format(60)),
        _probe("hours", None, "We open at 6am.", "We open at 6am."),
    ]
    changes = [
        _change("C1", "30 days → 60 days", ["freeze-14", "freeze-30"]),
        _change("C2", "contact 30 days → 60 days", ["freeze-90"]),
    ]
    return {"probes": probes, "changes": changes}


def test_changes_with_the_same_moved_values_get_distinct_keys() -> None:
    facts = build_facts(_analysis())
    keys = [item.stable_key for item in facts]
    assert len(keys) == 2 and len(set(keys)) == 2


def test_distinct_keys_are_reproduced_by_a_re_analysis() -> None:
    first = [item.stable_key for item in build_facts(_analysis())]
    again = [item.stable_key for item in build_facts(_analysis())]
    assert first == again


def test_a_key_shared_with_no_other_change_is_left_as_it_was() -> None:
    analysis = _analysis()
    alone = {"probes": analysis["probes"], "changes": analysis["changes"][:1]}
    [only] = build_facts(alone)
    [first, _] = build_facts(analysis)
    assert only.key_part == "" and first.stable_key == only.stable_key
