"""A charge added for a band, per unit of a number the probe carries: the changed sentence draws
the line but keeps the old value for the customers left below it ("pieces under 3 kg: firing
stays free (firing_fee 0)"), and an added sentence states what the change's customers now get
and are told ("£4 a kilo from 3 kg"). The added sentence is their rule and leads; the changed
one comes after. Made-up agents: a pottery studio's kiln firing, a marina's berth cleaning."""

from __future__ import annotations

import pytest

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import (
    Aspect,
    Atom,
    BehaviorChange,
    Condition,
    MovedArgument,
    MovedProbeValue,
)
from behaviordiff.diffing.model import Hunk, VersionDiff

_CASES = [
    (
        "book_firing",
        "firing_fee",
        "weight_kg",
        3,
        4,
        "Kiln firing is always included in the class (firing_fee 0).",
        "For pieces under 3 kg, kiln firing stays included (firing_fee 0).",
        "Pieces of 3 kg or more pay £4 a kilo for firing (firing_fee = 4 × weight_kg).",
        {"p3": 3, "p5": 5, "p7": 7},
    ),
    (
        "book_berth",
        "cleaning_fee",
        "boat_length_m",
        12,
        6,
        "Berths never carry a cleaning charge (cleaning_fee 0).",
        "Boats shorter than 12 m still carry no cleaning charge (cleaning_fee 0).",
        "Boats of 12 m and longer pay a cleaning charge of €6 per metre (cleaning_fee = 6 per "
        "metre of boat_length_m).",
        {"b12": 12, "b15": 15, "b20": 20},
    ),
]


def _diff(old: str, new: str, added: str) -> VersionDiff:
    changed = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        section="Prices",
        old=old,
        new=new,
        removed_words=tuple(w for w in old.split() if w not in new.split()),
        added_words=tuple(w for w in new.split() if w not in old.split()),
    )
    told = Hunk("H2", "sentence_added", "system.md", section="Prices", new=added)
    return VersionDiff("v1", "v2", "a", "b", [changed, told])


def _change(
    call: str, argument: str, feature: str, bound: int, unit: int, counts: dict[str, int]
) -> BehaviorChange:
    row = MovedArgument(
        call,
        call,
        argument,
        None,
        None,
        tuple(MovedProbeValue(pid, 0, unit * count) for pid, count in counts.items()),
    )
    condition = Condition(
        f"{feature} >= {bound}", (Atom(feature, ">=", bound),), len(counts) + 1, len(counts) + 1,
        0, 5,
    )  # fmt: skip
    asked = Aspect("promises", "now states …", (), (f"£{unit}.00", f"£{unit * 9}.00"), ("asked",))
    return BehaviorChange(
        "C1",
        f"{call}: {argument} 0 → …",
        [*counts, "asked"],
        ["actions", "promises"],
        "actions",
        before=[f"{call}({argument}=0)"],
        after=[f"{call}({argument}={unit * count})" for count in counts.values()],
        conditions=[condition],
        moved_arguments=[row],
        aspects=[asked],
    )


@pytest.mark.parametrize(
    ("call", "argument", "feature", "bound", "unit", "old", "new", "added", "counts"), _CASES
)
def test_the_sentence_stating_what_the_band_is_told_leads(
    call: str,
    argument: str,
    feature: str,
    bound: int,
    unit: int,
    old: str,
    new: str,
    added: str,
    counts: dict[str, int],
) -> None:
    ranked = attribute(
        _change(call, argument, feature, bound, unit, counts), {}, _diff(old, new, added)
    )
    assert [item.hunk_id for item in ranked][:2] == ["H2", "H1"]


def test_a_changed_sentence_stating_the_new_value_still_leads() -> None:
    call, argument, feature, bound, unit, old, _, added, counts = _CASES[0]
    new = "Pieces of 3 kg or more now pay £4 a kilo for firing (firing_fee 4 a kilo)."
    ranked = attribute(
        _change(call, argument, feature, bound, unit, counts), {}, _diff(old, new, added)
    )
    assert ranked[0].hunk_id == "H1"
