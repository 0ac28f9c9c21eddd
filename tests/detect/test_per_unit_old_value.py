"""A fee charged per unit of a number the probe carries (`book_helmet` fee_eur 3 for one rider,
6 for two, 12 for four) dropped to nothing has no one old value, but one old value per rider.
A customer who only asks the price and is no longer told €3 a rider, or €6 for the two of
them, is that change seen where no call is made. Made-up agent: a bike-hire desk."""

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
from behaviordiff.detect.perunit import old_amounts_per_unit, old_per_unit

_RULE = "hire.channel in {kiosk, online}"
_RIDERS = {"solo": 1, "pair": 2, "four": 4}


def _condition(matched: int) -> Condition:
    atom = Atom("hire.channel", "in", ("kiosk", "online"))
    return Condition(_RULE, (atom,), matched, matched, 0, 9)


def _moved(per_rider: float = 3) -> BehaviorChange:
    row = MovedArgument(
        "book_helmet",
        "book_helmet",
        "fee_eur",
        None,
        None,
        tuple(MovedProbeValue(pid, per_rider * riders, 0) for pid, riders in _RIDERS.items()),
    )
    return BehaviorChange("C1", "book_helmet: fee_eur 3 → 0, 6 → 0, 12 → 0", list(_RIDERS),
                          ["actions"], "actions", moved_arguments=[row],
                          conditions=[_condition(3)])  # fmt: skip


def _asked(before: list[str], after: list[str] | None = None) -> BehaviorChange:
    return BehaviorChange("C2", "no longer states €6.00, €3.00", ["asked"], ["promises"],
                          "promises", before=before, after=after or [])  # fmt: skip


def _verdicts(asked_riders: int = 2) -> list[ProbeVerdict]:
    riders = {**_RIDERS, "asked": asked_riders}
    return [
        ProbeVerdict(pid, "behavior-changed", ["actions"], 2, 2,
                     features={"hire.riders": count, "hire.ref": f"R-{pid}", "tag:helmet": True})
        for pid, count in riders.items()
    ]  # fmt: skip


def _covering(probe_ids: list[str]) -> list[Condition]:
    return [_condition(len(probe_ids))]


def test_the_old_amount_per_unit_of_a_probe_number() -> None:
    assert old_per_unit(_moved().moved_arguments, _verdicts()) == (3.0, "hire.riders")
    assert old_amounts_per_unit(3.0, "hire.riders", ["asked"], _verdicts()) == [3.0, 6.0]


def test_no_unit_when_the_amounts_follow_no_number_of_the_probe() -> None:
    row = MovedArgument("book_helmet", "book_helmet", "fee_eur", None, None,
                        (MovedProbeValue("solo", 3, 0), MovedProbeValue("pair", 7, 0)))  # fmt: skip
    assert old_per_unit([row], _verdicts()) is None


def test_a_reply_no_longer_telling_the_old_amount_per_unit_is_an_aspect() -> None:
    kept, grown = absorb_unstated_old_values(
        [_moved(), _asked(["helmet: €6.00", "helmet: €3.00"])], _verdicts(), _covering
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].probe_ids[-1] == "asked"
    assert [aspect.title for aspect in kept[0].aspects] == ["no longer states €6.00, €3.00"]


def test_another_amount_a_new_amount_or_another_rule_stays_apart() -> None:
    for changes, conditions_of in [
        ([_moved(), _asked(["helmet: €9.00"])], _covering),
        ([_moved(), _asked(["helmet: €6.00"], ["helmet: €2.00"])], _covering),
        ([_moved(), _asked(["helmet: €6.00"])], lambda ids: _covering(ids[:-1])),
    ]:
        kept, grown = absorb_unstated_old_values(changes, _verdicts(), conditions_of)
        assert len(kept) == 2 and grown == []
