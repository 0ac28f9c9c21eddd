"""A call's amount moved by one ratio on every probe (a hotel's cancellation refund 200 →
160, 350 → 280: ×0.8) and a guest only asking is told that ratio of a number their own probe
carries (£240 of a £300 booking): the reply is the moved amount said where no call is made,
one change with it. Another amount, one said before, or amounts with no shared ratio stay
apart."""

from __future__ import annotations

from behaviordiff.detect.clusters import absorb_stated_flat_values
from behaviordiff.detect.model import BehaviorChange, MovedArgument, MovedProbeValue, ProbeVerdict
from behaviordiff.detect.ratiotold import one_ratio


def _moved(ratio: float | None = 0.8) -> BehaviorChange:
    row = MovedArgument(
        "refund_booking",
        "refund_booking",
        "amount",
        ratio,
        None,
        (MovedProbeValue("cancel-200", 200, 160), MovedProbeValue("cancel-350", 350, 280)),
    )
    return BehaviorChange(
        "C1",
        "refund_booking: amount 200 → 160, 350 → 280 (×0.8)",
        ["cancel-200", "cancel-350"],
        ["actions", "promises"],
        "actions",
        moved_arguments=[row],
    )


def _asked(before: list[str], after: list[str]) -> BehaviorChange:
    return BehaviorChange("C2", "now states booking: £240.00", ["asked-300"], ["promises"],
                          "promises", before=before, after=after)  # fmt: skip


def _verdicts(deposit: float = 90) -> list[ProbeVerdict]:
    moved = [
        ProbeVerdict(probe_id, "behavior-changed", ["actions"], 2, 2)
        for probe_id in ("cancel-200", "cancel-350")
    ]
    asked = ProbeVerdict(
        "asked-300",
        "behavior-changed",
        ["promises"],
        2,
        2,
        features={
            "lookup_booking.total": 300,
            "lookup_booking.deposit": deposit,
            "lookup_booking.nights": 3,
            "tag:cancel": True,
        },
    )
    return [*moved, asked]


def test_a_reply_telling_the_ratio_of_its_own_number_is_an_aspect_of_the_moved_amount() -> None:
    kept, grown = absorb_stated_flat_values(
        [_moved(), _asked([], ["booking: £240.00", "cancellation: 20%", "fee: £60.00"])],
        _verdicts(),
        lambda a, b: True,
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].probe_ids[-1] == "asked-300"
    assert [aspect.title for aspect in kept[0].aspects] == ["now states booking: £240.00"]


def test_another_amount_an_old_amount_no_ratio_or_another_cause_stays_apart() -> None:
    for changes, verdicts, cause in [
        ([_moved(), _asked([], ["booking: £250.00"])], _verdicts(), True),
        ([_moved(), _asked(["booking: £240.00"], ["booking: £240.00"])], _verdicts(), True),
        ([_moved(None), _asked([], ["booking: £240.00"])], _verdicts(), True),
        ([_moved(), _asked([], ["booking: £240.00"])], _verdicts(), False),
        # the amount told is a number the probe already carries, not a share of another
        ([_moved(), _asked([], ["booking: £240.00"])], _verdicts(240), True),
    ]:
        kept, grown = absorb_stated_flat_values(changes, verdicts, lambda a, b, c=cause: c)
        assert len(kept) == 2 and grown == []


def test_one_ratio_needs_every_row_to_share_it() -> None:
    first, second = _moved(0.8), _moved(0.9)
    assert one_ratio(first.moved_arguments) == 0.8
    assert one_ratio([*first.moved_arguments, *second.moved_arguments]) is None
    assert one_ratio(_moved(1).moved_arguments) is None
    assert one_ratio([]) is None
