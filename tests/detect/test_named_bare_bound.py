"""A bare number the prompt compares with a variable it names ("if `age_days` is under 30")
bounds that variable in its own unit, with the operator the wording gives: the reported rule is
the prompt's `< 30`, not a cut between two observed values, nor `<= 30` read from a number that
only restates the span without comparing ("the guarantee lasts 1 month")."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, stated_boundaries, variable_boundaries
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


def _bikes() -> list[ProbeVerdict]:
    # a bike shop: a fault on a bike bought under 30 days ago without a receipt now pays
    cases = [
        (3, False),
        (12, False),
        (20, False),
        (27, False),
        (16, False),
        (9, True),
        (22, True),
        (4, True),
        (41, True),
        (58, False),
        (33, True),
        (45, False),
    ]
    return [
        _verdict(
            f"bike{i}",
            days < 30 and not receipt,
            **{"tag:fault": True, "lookup_bike.age_days": days, "lookup_bike.receipt": receipt},
        )
        for i, (days, receipt) in enumerate(cases)
    ]


def _bound(atoms: tuple[Atom, ...], feature: str) -> Atom:
    return next(atom for atom in atoms if atom.feature == feature)


def test_a_bare_number_compared_with_the_named_variable_is_its_bound() -> None:
    verdicts = _bikes()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        [
            "If `age_days` is under 30 and `receipt` is true, the fix is free.",
            "If `age_days` is under 30 and `receipt` is false, charge the $20 bench fee.",
        ]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    atom = _bound(best.atoms, "lookup_bike.age_days")
    assert (atom.op, atom.value) == ("<", 30.0)


def test_the_compared_bound_wins_over_the_same_span_stated_without_comparing() -> None:
    # "1 month" is 30 days too but compares nothing: alone it leaves `<=` and `<` tied
    verdicts = _bikes()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        ["Our guarantee lasts 1 month and now covers the receipt holder only."]
    )
    boundaries += variable_boundaries(
        ["If `age_days` is 30 or more, the guarantee has ended: charge $45."]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    atom = _bound(best.atoms, "lookup_bike.age_days")
    assert (atom.op, atom.value) == ("<", 30.0)


def test_a_bare_number_compared_with_another_variable_bounds_no_span() -> None:
    # "3 or more" is said of `items`, not of `age_days`: the days keep the probes' own cut
    verdicts = _bikes()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    plain = find_conditions(changed, verdicts)[0]
    boundaries = stated_boundaries(["If `items` is 28 or more, ask for the receipt."])
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert _bound(best.atoms, "lookup_bike.age_days") == _bound(plain.atoms, "lookup_bike.age_days")
