"""A condition goes on the variable whose unit the prompt's number carries, with the operator
the prompt's wording gives ("$15 or higher" is `>= 15`, "2 or more" is `>= 2`, not `> 1`)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict


def _verdict(probe_id: str, changed: bool, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def _charges() -> list[ProbeVerdict]:
    # a duration and the charge it costs rise together: both split the probes alike
    fees = [3, 6, 9, 12, 14, 16, 19, 23, 27, 31, 36, 39, 41, 47, 58, 70]
    return [
        _verdict(
            f"c{fee}",
            15 <= fee < 40,
            **{"lookup.minutes": 60 + 7 * fee, "lookup.late_charge": float(fee)},
        )
        for fee in fees
    ]


def test_the_variable_with_the_stated_unit_wins_over_one_that_merely_correlates() -> None:
    verdicts = _charges()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        [
            "When the late charge is below $15, waive it; from $15 pass it to accounts.",
            "When the late charge is below $40, waive it; from $40 pass it to accounts.",
        ]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.atoms == (
        Atom(
            "lookup.late_charge",
            "between",
            low=15.0,
            high=40.0,
            low_inclusive=True,
            high_inclusive=False,
        ),
    )
    # without the prompt's numbers the shorter name is as good a split, and is taken
    [plain, *_] = find_conditions(changed, verdicts)
    assert plain.atoms[0].feature == "lookup.minutes"


def test_the_wording_gives_the_operator_of_a_stated_bound() -> None:
    ops = {b.value: b.ops for b in stated_boundaries(["Refund $15 or higher, not below $40."])}
    assert ops == {15.0: frozenset({">="}), 40.0: frozenset({"<"})}
    ops = {b.value: b.ops for b in stated_boundaries(["Send at least 3 and up to 9 parcels."])}
    assert ops == {3.0: frozenset({">="}), 9.0: frozenset({"<="})}
    assert stated_boundaries(["Call back over 2 days later."])[0].ops == frozenset({">"})
    assert stated_boundaries(["Ships in 5-7 business days."], context=True) == []


def test_an_unchanged_sentence_of_the_section_gives_the_bound_two_or_more() -> None:
    # integer counts: "> 1" and ">= 2" match the same probes; the section's rule says "2 or more"
    verdicts = [
        _verdict(f"b{i}", count >= 2, bags=count, weight_kg=float(5 + 3 * i))
        for i, count in enumerate([0, 1, 2, 3, 4, 1, 0, 2, 5, 1, 3, 0])
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [plain, *_] = find_conditions(changed, verdicts)
    assert plain.text == "bags > 1"
    boundaries = [
        *stated_boundaries(["Offer the courier add-on."]),
        *stated_boundaries(["Travellers with 2 or more bags check in at the desk."], context=True),
    ]
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.atoms == (Atom("bags", ">=", 2.0),)
    assert best.text == "bags >= 2"


def test_a_category_a_flag_and_a_range_make_one_rule_of_three() -> None:
    # the range needs both bounds: a rule of three conditions, four thresholds
    verdicts = []
    for plan in ("resident", "flex", "day"):
        for hours in (2, 5, 7, 10, 13, 20):
            for region in ("north", "south"):
                changed = plan == "resident" and 4 <= hours < 12 and region == "north"
                name = f"{plan}-{hours}-{region}"
                verdicts.append(_verdict(name, changed, plan=plan, hours=hours, region=region))
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        ["Give credits back at least 4 hours and less than 12 hours ahead."]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.matched_changed == 3 and best.matched_others == 0
    assert best.atoms == (
        Atom("plan", "=", "resident"),
        Atom("hours", "between", low=4.0, high=12.0, low_inclusive=True, high_inclusive=False),
        Atom("region", "=", "north"),
    )
