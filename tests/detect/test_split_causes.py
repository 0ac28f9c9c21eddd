"""One group of probes that lost the same action for two reasons (a rule made stricter in two
ways at once) is two behavior changes, each with its own condition; a group one condition
explains stays one. A made-up case: a bike shop's repair guarantee, whose window shrinks from
30 to 14 days and now needs the repair slip."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.clusters import split_changes
from behaviordiff.detect.conditions import find_conditions, split_by_conditions, stated_boundaries
from behaviordiff.detect.model import BehaviorChange, ProbeVerdict


def _verdict(probe_id: str, changed: bool, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def _repairs() -> list[ProbeVerdict]:
    """Repairs redone free: now only within 14 days (was 30) and with the slip."""
    verdicts = []
    for days in (1, 5, 9, 12, 16, 19, 23, 27, 35, 44):
        changed = 14 < days <= 30
        verdicts.append(
            _verdict(f"redo-{days}d", changed, **{"tag:redo": True}, days_since=days, slip=True)
        )
    for days in (2, 6, 10, 13):
        verdicts.append(
            _verdict(
                f"redo-noslip-{days}d", True, **{"tag:redo": True}, days_since=days, slip=False
            )
        )
    for index, days in enumerate((3, 18, 25, 40)):
        verdicts.append(
            _verdict(f"hire-{index}", False, **{"tag:hire": True}, days_since=days, slip=True)
        )
    return verdicts


BOUNDS = stated_boundaries(
    [
        "If a repair fails within 30 days, redo it free with `book_repair`.",
        "If a repair fails within 14 days and the customer shows the repair slip, redo it free.",
    ]
)


def test_a_group_two_conditions_explain_is_split_in_two() -> None:
    verdicts = _repairs()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    # no one condition holds them all without repairs that did not change
    whole = find_conditions(changed, verdicts, 1, BOUNDS)
    assert not whole or whole[0].matched_others > 0
    parts = split_by_conditions(changed, verdicts, BOUNDS)
    assert sorted(map(sorted, parts)) == [
        ["redo-16d", "redo-19d", "redo-23d", "redo-27d"],
        ["redo-noslip-10d", "redo-noslip-13d", "redo-noslip-2d", "redo-noslip-6d"],
    ]
    conditions = {find_conditions(part, verdicts, 1, BOUNDS)[0].text for part in parts}
    # the window's lower bound is the prompt's 14 days, not the nearest probe's 13
    assert conditions == {"tag redo and 14 < days_since <= 30", "slip = false"}


def test_a_group_one_condition_explains_stays_whole() -> None:
    verdicts = [
        _verdict(f"redo-{days}d", 14 < days <= 30, **{"tag:redo": True}, days_since=days)
        for days in (1, 5, 9, 12, 16, 19, 23, 27, 35, 44, 15, 29)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    assert split_by_conditions(changed, verdicts, BOUNDS) == []


def test_split_changes_are_numbered_largest_first_and_told_to_their_probes() -> None:
    verdicts = [_verdict(f"p{i}", True) for i in range(1, 8)]
    whole = BehaviorChange(
        "C1",
        "no longer calls book_repair",
        [f"p{i}" for i in range(1, 6)],
        ["actions"],
        "actions",
        before=["book_repair"],
    )
    other = BehaviorChange(
        "C2", "now escalates to a human", ["p6", "p7"], ["escalation"], "escalation"
    )

    def parts_of(probe_ids: list[str]) -> list[list[str]]:
        return [["p1", "p2", "p3"], ["p4", "p5"]] if "p1" in probe_ids else []

    changes, made = split_changes([whole, other], verdicts, parts_of)
    assert [(c.id, c.title, c.probe_ids) for c in changes] == [
        ("C1", "no longer calls book_repair", ["p1", "p2", "p3"]),
        ("C2", "no longer calls book_repair", ["p4", "p5"]),
        ("C3", "now escalates to a human", ["p6", "p7"]),
    ]
    assert made == changes[:2]
    assert [c.before for c in made] == [["book_repair"], ["book_repair"]]
    assert {v.probe_id: v.change_id for v in verdicts}["p5"] == "C2"
    assert [e.probe_id for e in made[1].excerpts] == ["p4", "p5"]


def test_two_parts_each_needing_two_predicates_are_found() -> None:
    """Neither part is one predicate: walk-in repairs within the old window, and small
    orders on the basic plan. With a variable of many values (a ticket number) crowding the
    whole group's search, no rule it finds matches a part alone: the group's best predicate
    of each variable sets the parts apart."""
    verdicts = []
    for days in (5, 12, 16, 24, 30, 35):
        for amount in (10, 30, 50):
            for plan in ("basic", "plus", "pro", "walk-in"):
                changed = (plan == "walk-in" and 14 < days <= 30) or (
                    plan == "basic" and amount <= 30
                )
                verdicts.append(
                    _verdict(
                        f"{plan}-{days}d-{amount}",
                        changed,
                        days=days,
                        amount=amount,
                        plan=plan,
                        ticket=len(verdicts) * 37 % 101,
                    )
                )
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    parts = split_by_conditions(changed, verdicts, BOUNDS)
    texts = sorted(find_conditions(part, verdicts, 1, BOUNDS)[0].text for part in parts)
    assert texts == ["14 < days <= 30 and plan = walk-in", "plan = basic and amount <= 30"]
