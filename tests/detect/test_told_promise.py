"""A customer only asking about a rule is told what its other customers now get: a change
with no condition, on a probe that meets the rule's condition but its topic tag, telling
the promise every probe of the rule's change now hears, read to the same cause, is that
change (agents in other domains: a gym whose joining fee is refunded with enough notice, a
bike hire whose damage deposit now comes back). Its own figures said back ("with 20 days to
go") are its input, not what it is told."""

from __future__ import annotations

from behaviordiff.detect.jointrule import absorb_told_promise
from behaviordiff.detect.model import Atom, BehaviorChange, Condition, FacetResult, ProbeVerdict


def _promises(added: list[str], removed: tuple[str, ...] = ()) -> FacetResult:
    return FacetResult(
        "promises",
        "changed",
        0.001,
        "pooled-floor",
        removed=list(removed),
        added=list(added),
        old_counts={item: 3 for item in removed},
        new_counts={item: 3 for item in added},
    )


def _verdict(probe_id: str, features: dict[str, object], added: list[str]) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id,
        "behavior-changed",
        ["promises"],
        3,
        3,
        results={"promises": _promises(added, ("duration:14 days",))},
        features=features,
    )


RULE = Condition(
    "notice_days >= 30 and tag leaving",
    (Atom("notice_days", ">=", 30), Atom("tag:leaving", "tag")),
    4,
    4,
    0,
    20,
)


def _gym(asked_days: int, told: list[str]) -> tuple[list[BehaviorChange], list[ProbeVerdict]]:
    members = [
        _verdict(
            f"leave-{days}",
            {"notice_days": days, "tag:leaving": True},
            [f"duration:{days} days", "duration:10 working days"],
        )
        for days in (30, 35, 45, 60)
    ]
    asked = _verdict(f"fee-back-{asked_days}", {"notice_days": asked_days, "tag:fees": True}, told)
    primary = BehaviorChange(
        "C1",
        "close_membership(keep_fee=true) → close_membership(keep_fee=false), refund_fee",
        [v.probe_id for v in members],
        ["actions", "promises"],
        "actions",
        before=["close_membership(keep_fee=true)"],
        after=["close_membership(keep_fee=false)", "refund_fee"],
        conditions=[RULE],
    )
    question = BehaviorChange(
        "C2",
        "14 days → 40 days, 10 working days",
        [asked.probe_id],
        ["promises"],
        "promises",
        before=["14 days"],
        after=[f"{asked_days} days", "10 working days"],
    )
    return [primary, question], [*members, asked]


def _same(first: BehaviorChange, second: BehaviorChange) -> bool:
    return True


def test_a_question_under_the_rule_told_its_promise_is_the_same_change() -> None:
    changes, verdicts = _gym(40, ["duration:40 days", "duration:10 working days"])
    merged, grown = absorb_told_promise(changes, verdicts, _same)
    assert grown == [merged[0]]
    assert len(merged) == 1
    assert "fee-back-40" in merged[0].probe_ids
    assert merged[0].conditions[0].text == RULE.text
    assert merged[0].conditions[0].changed == 5  # counted over both, the question unmatched


def test_a_question_outside_the_rules_bound_stays_apart() -> None:
    changes, verdicts = _gym(12, ["duration:12 days", "duration:10 working days"])
    merged, _ = absorb_told_promise(changes, verdicts, _same)
    assert len(merged) == 2


def test_a_question_told_something_else_stays_apart() -> None:
    changes, verdicts = _gym(40, ["duration:40 days", "money:£25.00"])
    merged, _ = absorb_told_promise(changes, verdicts, _same)
    assert len(merged) == 2


def test_a_question_told_only_its_own_figure_stays_apart() -> None:
    changes, verdicts = _gym(40, ["duration:40 days"])
    merged, _ = absorb_told_promise(changes, verdicts, _same)
    assert len(merged) == 2


def test_another_cause_keeps_them_apart() -> None:
    changes, verdicts = _gym(40, ["duration:40 days", "duration:10 working days"])
    merged, _ = absorb_told_promise(changes, verdicts, lambda first, second: False)
    assert len(merged) == 2


def _bike(asked_features: dict[str, object]) -> list[BehaviorChange]:
    # a category atom, not a bound: e-bikes' deposit now comes back within 3 days
    rule = Condition(
        "bike_type = ebike and tag return",
        (Atom("bike_type", "=", "ebike"), Atom("tag:return", "tag")),
        3,
        3,
        0,
        12,
    )
    members = [
        _verdict(f"return-{i}", {"bike_type": "ebike", "tag:return": True}, ["duration:3 days"])
        for i in range(3)
    ]
    asked = _verdict("deposit-q", asked_features, ["duration:3 days"])
    primary = BehaviorChange(
        "C1",
        "keep_deposit → release_deposit",
        [v.probe_id for v in members],
        ["actions", "promises"],
        "actions",
        before=["keep_deposit"],
        after=["release_deposit"],
        conditions=[rule],
    )
    question = BehaviorChange(
        "C2", "14 days → 3 days", ["deposit-q"], ["promises"], "promises", after=["3 days"]
    )
    merged, _ = absorb_told_promise([primary, question], [*members, asked], _same)
    return merged


def test_a_category_rule_takes_a_question_of_its_category_only() -> None:
    assert len(_bike({"bike_type": "ebike"})) == 1
    assert len(_bike({"bike_type": "road"})) == 2
    assert len(_bike({})) == 2
