"""A fee dropped to nothing on every booking (`hire_skis(size=junior): lift_fee 12 → 0`, the
same for adult skis) is seen on a customer who only asks the price as a reply that no longer
states €12 ("free" states no amount). With no condition of its own, that reply-only change is
an aspect of the moved numbers when their condition, found again with its probe, is the same
rule and covers it. Made-up agent: a ski-hire desk."""

from __future__ import annotations

from behaviordiff.detect.clusters import absorb_unstated_old_values
from behaviordiff.detect.model import (
    Atom,
    BehaviorChange,
    Condition,
    MovedArgument,
    MovedProbeValue,
    ProbeVerdict,
)

_RULE = "age in (5, 12]"
_IDS = ["junior-1", "junior-2", "adult-1"]


def _condition(text: str, matched: int) -> Condition:
    high = float(text.rpartition(", ")[2].rstrip("]"))
    atom = Atom("age", "between", low=5, high=high, high_inclusive=True)
    return Condition(text, (atom,), matched, matched, 0, 8)


def _moved(new: int = 0) -> BehaviorChange:
    rows = [
        MovedArgument(
            f"hire_skis(size={size})",
            "hire_skis",
            "lift_fee",
            None,
            None,
            tuple(MovedProbeValue(probe_id, 12, new) for probe_id in ids),
        )
        for size, ids in (("junior", _IDS[:2]), ("adult", _IDS[2:]))
    ]
    return BehaviorChange(
        "C1",
        "hire_skis(size=junior): lift_fee 12 → 0; hire_skis(size=adult): lift_fee 12 → 0",
        list(_IDS),
        ["actions"],
        "actions",
        moved_arguments=rows,
        conditions=[_condition(_RULE, 3)],
    )


def _asked(before: list[str], after: list[str] | None = None) -> BehaviorChange:
    return BehaviorChange("C2", "no longer states €12.00", ["asked"], ["promises"], "promises",
                          before=before, after=after or [])  # fmt: skip


def _verdicts() -> list[ProbeVerdict]:
    return [ProbeVerdict(i, "behavior-changed", ["actions"], 2, 2) for i in [*_IDS, "asked"]]


def _covering(probe_ids: list[str]) -> list[Condition]:
    return [_condition(_RULE, len(probe_ids))]


def test_a_reply_no_longer_stating_the_one_old_value_is_an_aspect() -> None:
    kept, grown = absorb_unstated_old_values(
        [_moved(), _asked(["lift pass: €12.00"])], _verdicts(), _covering
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].probe_ids[-1] == "asked"
    assert kept[0].conditions[0].matched_changed == 4
    assert [aspect.title for aspect in kept[0].aspects] == ["no longer states €12.00"]


def test_another_rule_another_amount_or_value_stays_apart() -> None:
    def other_rule(probe_ids: list[str]) -> list[Condition]:
        return [_condition("age in (5, 16]", len(probe_ids))]

    for changes, conditions_of in [
        ([_moved(), _asked(["lift pass: €12.00"])], other_rule),
        ([_moved(), _asked(["lift pass: €12.00"], ["lift pass: €6.00"])], _covering),
        ([_moved(), _asked(["lift pass: €15.00"])], _covering),
        ([_moved(), _asked(["lift pass: €12.00"])], lambda ids: _covering(ids[:-1])),
    ]:
        kept, grown = absorb_unstated_old_values(changes, _verdicts(), conditions_of)
        assert len(kept) == 2 and grown == []
