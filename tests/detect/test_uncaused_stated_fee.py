"""A tier's per-period allowance lowered (a gym's Silver members get 3 free guest passes a
month, not 5): a member past the new number now gets the call with a fee where it was free
(`book_guest(fee_eur 0 → 8)`), and a member past it asking the price is now told €8. No prompt
hunk states €8, so the reply-only change has no cause of its own; when the call change's rule,
found again with its probes, is the same rule and covers them, the reply is that change seen
where no call is made. Another rule, a rule that does not cover it, or a cause of its own keep
it apart."""

from __future__ import annotations

from collections.abc import Callable

from behaviordiff.detect.clusters import absorb_stated_flat_values
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    MovedArgument,
    MovedProbeValue,
    ProbeVerdict,
)

RULE = "membership.tier = silver and 3 <= membership.passes_used < 5"


def _rule(text: str, matched: int) -> Condition:
    atoms = [Atom("membership.tier", "=", "silver")]
    if "passes_used" in text:
        atoms.append(Atom("membership.passes_used", "between", low=3, high=5, low_inclusive=True))
    return Condition(text, tuple(atoms), matched, matched, 0, 12)


def _booked() -> BehaviorChange:
    ids = ["silver-3-sat", "silver-4-sun"]
    row = MovedArgument(
        "book_guest(day=sat)",
        "book_guest",
        "fee_eur",
        None,
        None,
        tuple(MovedProbeValue(i, 0, 8) for i in ids),
    )
    change = BehaviorChange(
        "C1", "book_guest(day=sat): fee_eur 0 → 8", ids, ["actions"], "actions",
        moved_arguments=[row],
    )  # fmt: skip
    change.conditions = [_rule(RULE, 2)]
    return change


def _asked(caused: bool = False) -> BehaviorChange:
    change = BehaviorChange(
        "C2", "now states €8.00", ["ask-silver-4"], ["promises"], "promises", after=["€8.00"]
    )
    if caused:
        change.attribution = [
            Attribution("H2", 5.0, ("states 8",), "guest fee", "sentence_changed", "system.md")
        ]
    return change


def _verdicts() -> list[ProbeVerdict]:
    ids = ["silver-3-sat", "silver-4-sun", "ask-silver-4"]
    return [ProbeVerdict(i, "behavior-changed", ["actions"], 2, 2) for i in ids]


def _found(text: str, matched: int) -> Callable[[list[str]], list[Condition]]:
    return lambda probe_ids: [_rule(text, matched)]


def test_an_uncaused_reply_stating_the_new_fee_under_the_same_rule_joins() -> None:
    kept, grown = absorb_stated_flat_values(
        [_booked(), _asked()], _verdicts(), lambda a, b: False, _found(RULE, 3)
    )
    assert [change.id for change in kept] == ["C1"]
    assert grown == kept
    assert kept[0].probe_ids[-1] == "ask-silver-4"
    assert [aspect.title for aspect in kept[0].aspects] == ["now states €8.00"]


def test_another_rule_a_rule_not_covering_it_or_a_cause_of_its_own_stays_apart() -> None:
    for asked, found in [
        (_asked(), _found("membership.tier = silver", 3)),
        (_asked(), _found(RULE, 2)),
        (_asked(caused=True), _found(RULE, 3)),
    ]:
        kept, grown = absorb_stated_flat_values(
            [_booked(), asked], _verdicts(), lambda a, b: False, found
        )
        assert len(kept) == 2 and grown == []


def test_without_a_condition_search_only_the_same_cause_joins() -> None:
    kept, grown = absorb_stated_flat_values([_booked(), _asked()], _verdicts(), lambda a, b: False)
    assert len(kept) == 2 and grown == []
