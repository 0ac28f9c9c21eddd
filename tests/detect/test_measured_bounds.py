"""A bare number compared past the word of its unit ("90 kg or less", "6 people or more", "8 or
older") is a bound with its side, as "30 days or more" is: a cargo-bike hire that lowers its
rider limit from 90 kg to 80 kg changes riders of 81 to 90 kg, `80 < rider_kg <= 90`, not
"81 <= rider_kg" read as the first count past an allowance. And more than none of a count no
number bounds is its first count: `cups >= 1`, as "one or more cups" would say."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict

OLD = "Riders must weigh 90 kg or less. If the rider weighs more than that, don't hire the bike."
NEW = "Riders must weigh 80 kg or less. If the rider weighs more than that, don't hire the bike."
WEIGHTS = [52, 60, 66, 71, 75, 78, 80, 80, 81, 83, 86, 88, 90, 94, 102]


def _verdicts(feature: str, values: list[int], changed: set[int]) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=f"probe-{index}",
            verdict="behavior-changed" if value in changed else "unchanged",
            facets=["actions"] if value in changed else [],
            old_samples=2,
            new_samples=2,
            features={feature: value, "tag:hire": True},
        )
        for index, value in enumerate(values)
    ]


def test_a_comparison_after_the_units_word_gives_the_side() -> None:
    sides = {b.value: b.ops for b in stated_boundaries([NEW, "Groups of 6 people or more."])}
    assert sides == {80.0: frozenset({"<="}), 6.0: frozenset({">="})}
    [older] = stated_boundaries(["Riders must be 8 or older."])
    assert older.ops == frozenset({">="})
    [plain] = stated_boundaries(["The electric bike is 9 kg heavier and costs more."])
    assert plain.ops == frozenset()


def test_a_lowered_maximum_bounds_the_band_on_the_stated_numbers() -> None:
    verdicts = _verdicts("rider_kg", WEIGHTS, {81, 83, 86, 88, 90})
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    texts = [OLD, NEW]
    [best, *_] = find_conditions(
        changed, verdicts, 3, stated_boundaries(texts), moved_bounds([(OLD, NEW)])
    )
    assert best.atoms[0] == Atom(
        "rider_kg", "between", low=80.0, high=90.0, low_inclusive=False, high_inclusive=True
    )


def test_more_than_none_of_a_count_is_at_least_one() -> None:
    cups = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 0, 0, 5]
    verdicts = _verdicts("cups", cups, {1, 2})
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts)
    assert best.atoms[0] == Atom(
        "cups", "between", low=1.0, high=2.0, low_inclusive=True, high_inclusive=True
    )
