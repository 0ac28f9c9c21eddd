"""A number that was a share of another value and is now flat moves to one new value from old
values that differ with another argument of the call (`order_cake(size=small): delivery 6 → 5`,
`order_cake(size=large): delivery 9 → 5`): the probes are one change, so the condition search
sees all of them; a reply-only change with the same cause that now states that value (a
customer asking the price is told £5) is its aspect. Other values, arguments, tools or causes
stay apart."""

from __future__ import annotations

from behaviordiff.detect.clusters import _joins, _member, absorb_stated_flat_values
from behaviordiff.detect.model import (
    BehaviorChange,
    FacetResult,
    MovedArgument,
    MovedProbeValue,
    ProbeVerdict,
)
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


def test_the_same_move_on_calls_that_differ_only_in_a_carried_argument_joins() -> None:
    # the size is the same in each probe's old and new call: input, not behavior; what
    # moved (6 → 5) is the change, whichever size was ordered
    assert _joined(
        (_call("small", "6"), _call("small", "5")), (_call("large", "6"), _call("large", "5"))
    )


def _moved_change(new: int = 5) -> BehaviorChange:
    rows = [
        MovedArgument(
            f"order_cake(size={size})",
            "order_cake",
            "delivery",
            None,
            None,
            (MovedProbeValue(f"{size}-1", old, new), MovedProbeValue(f"{size}-2", old, new)),
        )
        for size, old in (("small", 6), ("large", 9))
    ]
    return BehaviorChange(
        "C1",
        "order_cake(size=large): delivery 9 → 5; order_cake(size=small): delivery 6 → 5",
        ["small-1", "small-2", "large-1", "large-2"],
        ["actions"],
        "actions",
        moved_arguments=rows,
    )


def _asked(after: list[str]) -> BehaviorChange:
    return BehaviorChange("C2", "20%, £6.00 → £5.00", ["asked"], ["promises"], "promises",
                          before=["20%", "£6.00"], after=after)  # fmt: skip


def _verdicts() -> list[ProbeVerdict]:
    ids = ["small-1", "small-2", "large-1", "large-2", "asked"]
    return [ProbeVerdict(i, "behavior-changed", ["actions"], 2, 2) for i in ids]


def test_a_reply_that_states_the_one_new_value_is_an_aspect_of_the_moved_numbers() -> None:
    kept, grown = absorb_stated_flat_values(
        [_moved_change(), _asked(["£5.00"])], _verdicts(), lambda a, b: True
    )
    assert [change.id for change in kept] == ["C1"]
    assert grown == kept
    assert kept[0].probe_ids[-1] == "asked"
    assert [aspect.title for aspect in kept[0].aspects] == ["20%, £6.00 → £5.00"]


def test_another_value_another_cause_or_a_share_stays_apart() -> None:
    for changes, cause in [
        ([_moved_change(), _asked(["£7.00"])], True),
        ([_moved_change(), _asked(["£5.00"])], False),
        ([_moved_change(), _asked(["5%"])], True),
    ]:
        kept, grown = absorb_stated_flat_values(changes, _verdicts(), lambda a, b, c=cause: c)
        assert len(kept) == 2 and grown == []


def _share_change(argument: str = "discount_percent") -> BehaviorChange:
    """A gym's membership freeze whose fee waiver drops from the full fee to a quarter for
    one reason: `freeze_membership` waiver 100 → 25 on every probe."""
    row = MovedArgument(
        "freeze_membership",
        "freeze_membership",
        argument,
        None,
        None,
        (MovedProbeValue("travel-1", 100, 25), MovedProbeValue("travel-2", 100, 25)),
    )
    return BehaviorChange(
        "C1",
        f"freeze_membership: {argument} 100 → 25",
        ["travel-1", "travel-2"],
        ["actions", "promises"],
        "actions",
        moved_arguments=[row],
    )


def _asked_share(before: list[str], after: list[str]) -> BehaviorChange:
    return BehaviorChange("C2", "fee waived → 25%", ["travel-asked"], ["promises"], "promises",
                          before=before, after=after)  # fmt: skip


def _share_verdicts() -> list[ProbeVerdict]:
    ids = ["travel-1", "travel-2", "travel-asked"]
    return [ProbeVerdict(i, "behavior-changed", ["actions"], 2, 2) for i in ids]


def test_a_reply_stating_the_new_share_of_a_moved_share_argument_is_its_aspect() -> None:
    # a member only asking before freezing is told the share the call now passes: the
    # same change where no call is made, so the condition search sees that probe too
    kept, grown = absorb_stated_flat_values(
        [_share_change(), _asked_share(["fee waived"], ["waiver: 25%", "waiver: £7.50"])],
        _share_verdicts(),
        lambda a, b: True,
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].probe_ids[-1] == "travel-asked"


def test_a_share_for_an_amount_argument_another_share_or_an_old_share_stays_apart() -> None:
    for changes in [
        [_share_change("fee"), _asked_share(["fee waived"], ["25%"])],
        [_share_change(), _asked_share(["fee waived"], ["waiver: 30%"])],
        [_share_change(), _asked_share(["waiver: 25%"], ["waiver: 25%", "£9"])],
    ]:
        kept, grown = absorb_stated_flat_values(changes, _share_verdicts(), lambda a, b: True)
        assert len(kept) == 2 and grown == []


def test_a_reply_stating_what_the_new_share_comes_to_is_its_aspect() -> None:
    # the member asking is told the amount, £7.50: a quarter of the £30 monthly fee their
    # own probe carries, the share the call now passes
    verdicts = [
        *_share_verdicts()[:2],
        ProbeVerdict(
            "travel-asked",
            "behavior-changed",
            ["promises"],
            2,
            2,
            features={"monthly_fee": 30, "months_left": 4},
        ),
    ]
    kept, grown = absorb_stated_flat_values(
        [_share_change(), _asked_share(["fee waived"], ["waiver: £7.50"])],
        verdicts,
        lambda a, b: True,
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    # an amount no share of the probe's numbers comes to, or a share argument's twin named
    # as an amount, stays apart
    for changes in [
        [_share_change(), _asked_share(["fee waived"], ["waiver: £9.00"])],
        [_share_change("fee"), _asked_share(["fee waived"], ["waiver: £7.50"])],
    ]:
        kept, grown = absorb_stated_flat_values(changes, verdicts, lambda a, b: True)
        assert len(kept) == 2 and grown == []


def test_a_probe_number_too_big_for_a_float_comes_to_no_amount() -> None:
    # an untrusted probe file's 400-digit count: no share of it is the amount told, and
    # reading it must not raise OverflowError
    verdicts = [
        *_share_verdicts()[:2],
        ProbeVerdict(
            "travel-asked",
            "behavior-changed",
            ["promises"],
            2,
            2,
            features={"member_number": 10**400, "monthly_fee": 30},
        ),
    ]
    kept, grown = absorb_stated_flat_values(
        [_share_change(), _asked_share(["fee waived"], ["waiver: £7.50"])],
        verdicts,
        lambda a, b: True,
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept


def test_the_same_move_on_another_tool_joins() -> None:
    # a £5 admin fee brought in on a new booking and on a change to one: one change
    book = (
        Action("book_session", (("admin_fee_gbp", "0"),)),
        Action("book_session", (("admin_fee_gbp", "5"),)),
    )
    change = (
        Action("change_booking", (("admin_fee_gbp", "0"),)),
        Action("change_booking", (("admin_fee_gbp", "5"),)),
    )
    assert _joined(book, change)
    # from another old value, or to another new one, they stay apart
    other = (
        Action("change_booking", (("admin_fee_gbp", "2"),)),
        Action("change_booking", (("admin_fee_gbp", "5"),)),
    )
    assert not _joined(book, other)
