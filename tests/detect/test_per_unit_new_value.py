"""A fee now charged per unit of a number the probe carries (`book_cabin` pet_fee_eur 0 → 12
for one dog, 24 for two, 36 for three) has no one new value, but one new value per unit. A
customer who only asks whether anything is due, and is now told €24 for their two dogs, is
that change seen where no call is made: one change, whose condition is then found with every
probe. Made-up agents: a holiday-cabin desk charging per pet, a ski school charging per lesson
hour."""

from __future__ import annotations

import pytest

from behaviordiff.detect.clusters import absorb_stated_flat_values
from behaviordiff.detect.model import (
    BehaviorChange,
    MovedArgument,
    MovedProbeValue,
    ProbeVerdict,
)
from behaviordiff.detect.perunit import new_per_unit, tells_new_per_unit

# (call, argument, feature, unit, counts per booking probe, currency)
_DOMAINS = [
    ("book_cabin", "pet_fee_eur", "stay.pets", 12.0, {"one": 1, "two": 2, "three": 3}, "€"),
    ("book_lessons", "kit_fee_chf", "lesson_hours", 7.5, {"h2": 2, "h4": 4, "h6": 6}, "CHF "),
]


def _moved(call: str, argument: str, unit: float, counts: dict[str, int]) -> BehaviorChange:
    row = MovedArgument(
        call,
        call,
        argument,
        None,
        None,
        tuple(MovedProbeValue(pid, 0, unit * count) for pid, count in counts.items()),
    )
    return BehaviorChange("C1", f"{call}: {argument} 0 → …", list(counts), ["actions"],
                          "actions", moved_arguments=[row])  # fmt: skip


def _asked(after: list[str], before: list[str] | None = None) -> BehaviorChange:
    return BehaviorChange("C2", "now states …", ["asked"], ["promises"], "promises",
                          before=before or [], after=after)  # fmt: skip


def _verdicts(feature: str, counts: dict[str, int], asked: int) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(pid, "behavior-changed", ["actions"], 2, 2,
                     features={feature: count, "customer_name": f"N-{pid}", "tag:booking": True})
        for pid, count in {**counts, "asked": asked}.items()
    ]  # fmt: skip


def _absorb(
    changes: list[BehaviorChange], verdicts: list[ProbeVerdict]
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    return absorb_stated_flat_values(changes, verdicts, lambda first, second: True)


@pytest.mark.parametrize(("call", "argument", "feature", "unit", "counts", "sign"), _DOMAINS)
def test_the_new_amount_per_unit_of_a_probe_number(
    call: str, argument: str, feature: str, unit: float, counts: dict[str, int], sign: str
) -> None:
    change = _moved(call, argument, unit, counts)
    assert new_per_unit(change.moved_arguments, _verdicts(feature, counts, 5)) == (unit, feature)
    verdicts = _verdicts(feature, counts, 5)
    assert tells_new_per_unit(unit, feature, ["asked"], set(), {unit, unit * 5}, verdicts)
    # the unit alone may be another price of that size; an amount told before is no news
    assert not tells_new_per_unit(unit, feature, ["asked"], set(), {unit}, verdicts)
    assert not tells_new_per_unit(unit, feature, ["asked"], {unit * 5}, {unit * 5}, verdicts)


@pytest.mark.parametrize(("call", "argument", "feature", "unit", "counts", "sign"), _DOMAINS)
def test_a_reply_telling_the_unit_times_its_own_count_is_an_aspect(
    call: str, argument: str, feature: str, unit: float, counts: dict[str, int], sign: str
) -> None:
    told = [f"{sign}{unit:.2f}", f"{sign}{unit * 5:.2f}"]
    kept, grown = _absorb(
        [_moved(call, argument, unit, counts), _asked(told)], _verdicts(feature, counts, 5)
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].probe_ids[-1] == "asked"
    assert [aspect.after for aspect in kept[0].aspects] == [tuple(told)]


@pytest.mark.parametrize(("call", "argument", "feature", "unit", "counts", "sign"), _DOMAINS)
def test_another_amount_the_unit_alone_or_an_old_amount_stays_apart(
    call: str, argument: str, feature: str, unit: float, counts: dict[str, int], sign: str
) -> None:
    for asked in [
        _asked([f"{sign}{unit * 5 + 1:.2f}"]),
        _asked([f"{sign}{unit:.2f}"]),
        _asked([f"{sign}{unit * 5:.2f}"], before=[f"{sign}{unit * 5:.2f}"]),
    ]:
        kept, grown = _absorb(
            [_moved(call, argument, unit, counts), asked], _verdicts(feature, counts, 5)
        )
        assert len(kept) == 2 and grown == []


def test_amounts_following_no_number_of_the_probe_have_no_unit() -> None:
    counts = {"one": 1, "two": 2, "three": 3}
    row = MovedArgument("book_cabin", "book_cabin", "pet_fee_eur", None, None,
                        (MovedProbeValue("one", 0, 12), MovedProbeValue("two", 0, 30)))  # fmt: skip
    assert new_per_unit([row], _verdicts("stay.pets", counts, 2)) is None


def test_an_amount_that_is_the_probes_own_count_tells_no_unit() -> None:
    counts = {"one": 1, "two": 2, "three": 3}
    verdicts = _verdicts("stay.pets", counts, 4)
    # £1 a pet: "4" is the customer's own count, not an amount told
    assert not tells_new_per_unit(1.0, "stay.pets", ["asked"], set(), {4.0}, verdicts)
