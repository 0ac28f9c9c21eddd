"""A bare number that ends its sentence ("for members under 16.") is still a number the prompt
states: the full stop closes the sentence, it is no decimal point. The reported bound is then
the prompt's own `< 16`, not a cut between two observed ages (`<= 15`)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict


def _verdict(probe_id: str, changed: bool, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def _climbers() -> list[ProbeVerdict]:
    # a climbing wall: the guardian's form is now re-signed every 3 months for climbers under 16
    cases = [
        (12, 4),
        (15, 5),
        (13, 3),
        (14, 4),
        (15, 3),
        (11, 5),
        (12, 1),
        (15, 2),
        (30, 4),
        (41, 5),
        (16, 4),
        (17, 3),
        (22, 1),
        (16, 2),
        (40, 7),
        (13, 7),
    ]
    return [
        _verdict(
            f"wall{i}", age < 16 and 3 <= months < 6, climber_age=age, months_since_form=months
        )
        for i, (age, months) in enumerate(cases)
    ]


def test_a_number_ending_its_sentence_is_stated_with_its_comparison() -> None:
    [bound] = [
        b
        for b in stated_boundaries(["Forms are re-signed every 3 months for climbers under 16."])
        if b.unit == ""
    ]
    assert (bound.value, bound.ops) == (16.0, frozenset({"<"}))


def test_a_decimal_number_is_still_read_whole() -> None:
    values = {b.value for b in stated_boundaries(["Chalk bags under 2.5 kg."]) if b.unit == ""}
    assert values == {2.5}


def test_the_bound_is_the_prompts_number_and_comparison() -> None:
    verdicts = _climbers()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        ["We check the guardian's form every 6 months, or every 3 months for climbers under 16."]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    age = next(atom for atom in best.atoms if atom.feature == "climber_age")
    assert (age.op, age.value) == ("<", 16.0)


def test_a_number_before_a_full_stop_that_compares_nothing_is_no_bound() -> None:
    # a numbered step and a version number end in a full stop too
    assert stated_boundaries(["1. Check the climber's age.", "Wall rules, version 2."]) == []
