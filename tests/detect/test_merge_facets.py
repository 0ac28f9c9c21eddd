"""Changes under the same condition are one change with several facets, titled by the most
consequential one."""

from __future__ import annotations

from behaviordiff.detect.clusters import merge_facets
from behaviordiff.detect.model import Atom, BehaviorChange, Condition, ProbeVerdict


def _condition(text: str) -> Condition:
    return Condition(text, (Atom("tag:cards", "tag"),), 3, 3, 0, 10)


def _verdict(probe_id: str) -> ProbeVerdict:
    return ProbeVerdict(probe_id, "behavior-changed", ["actions"], 3, 3)


def test_facets_on_the_same_customers_are_one_change_titled_by_the_action() -> None:
    promises = BehaviorChange(
        "C1", "no longer states 2026-03-03", ["p1", "p2", "p3"], ["promises"], "promises"
    )
    actions = BehaviorChange(
        "C2",
        "now calls lookup_customer",
        ["p4", "p5"],
        ["actions"],
        "actions",
        after=["lookup_customer"],
    )
    other = BehaviorChange("C3", "return 30 days → 45 days", ["p9"], ["promises"], "promises")
    promises.conditions = [_condition("tag cards")]
    actions.conditions = [_condition("tag cards")]
    other.conditions = [_condition("membership = member")]
    verdicts = [_verdict(f"p{i}") for i in range(1, 10)]
    merged = merge_facets([promises, actions, other], verdicts)
    assert [change.title for change in merged] == [
        "now calls lookup_customer",
        "return 30 days → 45 days",
    ]
    first = merged[0]
    assert first.id == "C1" and first.kind == "actions"
    assert sorted(first.probe_ids) == ["p1", "p2", "p3", "p4", "p5"]
    assert first.facets == ["actions", "promises"]
    assert [aspect.title for aspect in first.aspects] == ["no longer states 2026-03-03"]
    assert first.to_dict()["aspects"][0]["kind"] == "promises"
    assert {v.change_id for v in verdicts if v.probe_id in first.probe_ids} == {"C1"}


def test_changes_without_a_shared_condition_stay_apart() -> None:
    first = BehaviorChange("C1", "now refuses", ["p1"], ["refusal"], "refusal")
    second = BehaviorChange("C2", "now calls x_y", ["p2"], ["actions"], "actions")
    assert merge_facets([first, second], [_verdict("p1"), _verdict("p2")]) == [first, second]
