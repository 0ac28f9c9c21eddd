"""An allowance lowered in words for one category: a climbing gym's "Standard members: three
free guest passes a month" becomes "two free guest passes a month" (not the bundled example's
domain). The spelled counts move 3 to 2 as "3 free" → "2 free" would, and the sentence keeps
the words that say whom and what the band is for ("standard", "guest"), so the members with
exactly two passes used who ask about guests get
`membership = standard and tag guests and 2 <= guest_passes_used < 3`: neither the members
with fewer passes used (below the band) nor those past the old allowance."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, moved_bounds, restated_bounds
from behaviordiff.detect.model import ProbeVerdict

OLD = "Standard members: three free guest passes a month."
NEW = "Standard members: two free guest passes a month."


def _verdict(probe_id: str, changed: bool, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def _member(
    probe_id: str, changed: bool, plan: str, used: int, tag: str = "guests"
) -> ProbeVerdict:
    return _verdict(
        probe_id,
        changed,
        **{"membership": plan, "guest_passes_used": used, f"tag:{tag}": True},
    )


def _verdicts() -> list[ProbeVerdict]:
    return [
        _member("std2-a", True, "standard", 2),
        _member("std2-b", True, "standard", 2),
        _member("std2-c", True, "standard", 2),
        _member("std2-d", True, "standard", 2),
        _member("std0-a", False, "standard", 0),
        _member("std1-a", False, "standard", 1),
        _member("std1-b", False, "standard", 1),
        _member("std3-a", False, "standard", 3),
        _member("std4-a", False, "standard", 4),
        _member("gold2-a", False, "gold", 2),
        _member("gold2-b", False, "gold", 2),
        _member("gold5-a", False, "gold", 5),
        # standard members with two passes used, asking about other things
        _member("std2-towels", False, "standard", 2, "towels"),
        _member("std2-classes", False, "standard", 2, "classes"),
        _member("std2-lockers", False, "standard", 2, "lockers"),
    ]


def test_counts_spelled_out_move_like_digits() -> None:
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert (was.value, now.value, was.unit) == (3.0, 2.0, "")
    assert {"standard", "guest"} <= was.scope
    # a plural and its singular count the same thing
    single = moved_bounds([("Members get three passes a month.", "Members get one pass a month.")])
    assert [(a.value, b.value) for a, b in single] == [(3.0, 1.0)]
    library = ("Each loan can be renewed twice.", "Each loan can be renewed once.")
    assert [(a.value, b.value) for a, b in moved_bounds([library])] == [(2.0, 1.0)]


def test_spelled_numbers_that_count_nothing_said_move_nothing() -> None:
    # "one of" counts no content word; "two weeks" is an amount of time, read as one
    assert moved_bounds([("Ask one of our staff.", "Ask one of our staff, or two.")]) == []
    weeks = moved_bounds([("Passes last two weeks.", "Passes last three weeks.")])
    assert [(a.value, b.value, a.unit) for a, b in weeks] == [(2.0, 3.0, "weeks")]


def test_an_added_sentence_restating_a_spelled_allowance_moves_it() -> None:
    moved = restated_bounds(
        "Off-peak members get one free guest pass a month instead.",
        ["Every member gets two free guest passes a month.", "Towels cost two dollars."],
    )
    assert [(was.value, now.value) for was, now in moved] == [(2.0, 1.0)]


def test_the_lowered_band_with_the_kept_category_is_the_condition() -> None:
    verdicts = _verdicts()
    changed = ["std2-a", "std2-b", "std2-c", "std2-d"]
    [condition, *_] = find_conditions(changed, verdicts, moved=moved_bounds([(OLD, NEW)]))
    assert set(condition.text.split(" and ")) == {
        "membership = standard",
        "tag guests",
        "2 <= guest_passes_used < 3",
    }
    assert (condition.matched_changed, condition.matched_others) == (4, 0)
