"""A limit lowered for one category while another sentence of the new prompt keeps the old one for
the rest: "If a guest wants more than 6 towels, do not call `send_towels`." → "If a guest wants
more than 2 towels for an economy room, do not call `send_towels`." beside the added "If a
guest wants more than 6 towels for any other room, …" (a hotel's housekeeping; not the bundled
example's domain). No probe asks for more than 6 in an economy room, yet past 6 both versions
refuse: the band ends at the old number the prompt keeps (`kept_by_rest`), so the condition is
`room = economy and 2 < towels <= 6`, not an open side. The same number about another thing
("6 pillows"), or with another comparison ("at least 6"), keeps nothing."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, kept_by_rest, moved_bounds
from behaviordiff.detect.model import ProbeVerdict

OLD = "If a guest wants more than 6 towels, do not call `send_towels`."
NEW = "If a guest wants more than 2 towels for an economy room, do not call `send_towels`."
REST = "If a guest wants more than 6 towels for any other room, do not call `send_towels`."
PILLOWS = "If a guest wants more than 6 pillows, offer a duvet instead."
AT_LEAST = "A guest who wants at least 6 towels gets a laundry bag."


def _verdict(probe_id: str, changed: bool, room: str, towels: int) -> ProbeVerdict:
    features: dict[str, Any] = {"room": room, "towels": towels, "tag:towels": True}
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def _verdicts() -> list[ProbeVerdict]:
    return [
        _verdict("eco-3", True, "economy", 3),
        _verdict("eco-4", True, "economy", 4),
        _verdict("eco-5", True, "economy", 5),
        _verdict("eco-6", True, "economy", 6),
        _verdict("eco-2", False, "economy", 2),
        _verdict("eco-1", False, "economy", 1),
        _verdict("std-6", False, "standard", 6),
        _verdict("std-4", False, "standard", 4),
        _verdict("std-8", False, "standard", 8),
        _verdict("suite-9", False, "suite", 9),
        _verdict("suite-3", False, "suite", 3),
    ]


def test_the_old_number_another_new_sentence_keeps_is_marked_kept() -> None:
    moved = moved_bounds([(OLD, NEW)])
    assert [(was.value, now.value, was.kept) for was, now in moved] == [(6.0, 2.0, False)]
    [(was, _)] = kept_by_rest(moved, [(OLD, NEW)], [NEW, REST])
    assert was.kept
    # the same number counting other things, or compared the other way, keeps nothing
    [(was, _)] = kept_by_rest(moved, [(OLD, NEW)], [NEW, PILLOWS, AT_LEAST])
    assert not was.kept
    # the moved sentence itself is no other sentence
    [(was, _)] = kept_by_rest(moved, [(OLD, NEW)], [NEW])
    assert not was.kept


def test_the_band_ends_at_the_kept_number_though_no_probe_is_past_it() -> None:
    changed = ["eco-3", "eco-4", "eco-5", "eco-6"]
    kept = kept_by_rest(moved_bounds([(OLD, NEW)]), [(OLD, NEW)], [NEW, REST])
    [condition, *_] = find_conditions(changed, _verdicts(), moved=kept)
    assert "room = economy" in condition.text and "2 < towels <= 6" in condition.text
    assert (condition.matched_changed, condition.matched_others) == (4, 0)
