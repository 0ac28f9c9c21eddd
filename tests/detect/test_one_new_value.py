"""A number that was a share of another value and is now flat moves to one new value from old
values that differ with another argument of the call (`order_cake(size=small): delivery 6 → 5`,
`order_cake(size=large): delivery 9 → 5`): the probes are one change, so the condition search
sees all of them. Other new values, other arguments or another tool stay apart."""

from __future__ import annotations

from behaviordiff.detect.clusters import _joins, _member
from behaviordiff.detect.model import FacetResult, ProbeVerdict
from behaviordiff.detect.signature import Action, BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples


def _probe(probe_id: str, old: Action, new: Action) -> tuple[ProbeVerdict, ProbeSamples]:
    def signature(sample: int, action: Action) -> BehaviorSignature:
        return BehaviorSignature(probe_id, sample, (action,), False, False, frozenset(), "ok")

    result = FacetResult(
        "actions",
        "changed",
        0.01,
        "fisher",
        removed=[old.label()],
        added=[new.label()],
        old_counts={old.label(): 2},
        new_counts={new.label(): 2},
    )
    verdict = ProbeVerdict(probe_id, "behavior-changed", ["actions"], 2, 2, {"actions": result})
    samples = ProbeSamples(
        probe_id, [signature(0, old), signature(1, old)], [signature(2, new), signature(3, new)]
    )
    return verdict, samples


def _call(size: str, delivery: str, name: str = "order_cake", argument: str = "delivery") -> Action:
    return Action(name, (("size", size), (argument, delivery)))


def _joined(first: tuple[Action, Action], second: tuple[Action, Action]) -> bool:
    a = _member(*_probe("p1", *first))
    b = _member(*_probe("p2", *second))
    assert a.moved and b.moved
    return _joins(a, b) and _joins(b, a)


def test_old_values_that_differ_with_another_argument_moving_to_one_value_join() -> None:
    assert _joined(
        (_call("small", "6"), _call("small", "5")), (_call("large", "9"), _call("large", "5"))
    )


def test_other_new_values_arguments_or_tools_stay_apart() -> None:
    small = (_call("small", "6"), _call("small", "5"))
    assert not _joined(small, (_call("large", "9"), _call("large", "7")))
    assert not _joined(
        small, (_call("large", "9", argument="tip"), _call("large", "5", argument="tip"))
    )
    assert not _joined(
        small, (_call("large", "9", name="order_pie"), _call("large", "5", name="order_pie"))
    )
    # the same old value is no share of another value
    assert not _joined(small, (_call("large", "6"), _call("large", "5")))
