"""A change seen on two probes is bounded by the band the edit moved: a kennel's free stay for
puppies "under 6 months" now "under 9 months" changes the two probes aged 6 to 8 months, and
the band between the old and the new number is one hypothesis the edit states, not one of the
hundreds of rules the search tries."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds
from behaviordiff.detect.model import Atom, ProbeVerdict

OLD = "Puppies under 6 months stay free; a night costs $35 for dogs up to 20 kg."
NEW = "Puppies under 9 months stay free; a night costs $35 for dogs up to 20 kg."
AGES = [2, 3, 4, 5, 6, 8, 9, 11, 14, 18, 24, 30, 40, 52, 70, 96]


def _verdicts(changed: set[int]) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=f"dog-{age}",
            verdict="behavior-changed" if age in changed else "unchanged",
            facets=["promises"] if age in changed else [],
            old_samples=3,
            new_samples=3,
            features={"age_months": age, "weight_kg": 4 + (age * 7) % 31},
        )
        for age in AGES
    ]


def test_the_numbers_a_sentence_moved_pair_up_in_their_unit() -> None:
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert (was.value, now.value, was.unit, was.ops) == (6.0, 9.0, "months", frozenset({"<"}))
    fee = (
        "Dogs over 8 years and under 10 years pay $20.",
        "Dogs over 8 years and under 10 years pay $25.",
    )
    assert [(a.value, b.value, a.unit) for a, b in moved_bounds([fee])] == [(20.0, 25.0, "$")]
    assert moved_bounds([("Dogs under 8 years and cats under 10 years.", "Dogs under 10 years.")])


def test_two_changed_probes_in_the_moved_band_get_it_as_their_condition() -> None:
    verdicts = _verdicts({6, 8})
    changed = ["dog-6", "dog-8"]
    assert find_conditions(changed, verdicts) == []
    [best, *_] = find_conditions(changed, verdicts, moved=moved_bounds([(OLD, NEW)]))
    assert best.text == "6 <= age_months < 9"
    assert best.atoms == (
        Atom("age_months", "between", low=6.0, high=9.0, low_inclusive=True, high_inclusive=False),
    )
    assert (best.matched_changed, best.matched_others) == (2, 0)


def test_two_changed_probes_outside_the_band_get_no_condition() -> None:
    verdicts = _verdicts({14, 18})
    assert find_conditions(["dog-14", "dog-18"], verdicts, moved=moved_bounds([(OLD, NEW)])) == []
