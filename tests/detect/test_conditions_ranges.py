"""Conditions with two bounds on one variable, a category with a range, and the prompt's own
boundary numbers (agents in other domains than the bundled example)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import Boundary, find_conditions, stated_boundaries
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


def _discounts(requested: list[float], low: float, high: float) -> list[ProbeVerdict]:
    return [
        _verdict(
            f"d{index}",
            low < value <= high,
            requested_discount=value,
            order_total=40.0 + 13 * index,
            tier=("basic", "plus")[index % 2],
        )
        for index, value in enumerate(requested)
    ]


def test_a_change_between_two_bounds_gets_an_interval() -> None:
    verdicts = _discounts([5, 8, 10, 11, 12, 13, 14, 15, 18, 20, 25, 30, 7, 9, 12, 22], 10, 15)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts)
    assert best.text == "10 < requested_discount <= 15"
    assert (best.matched_changed, best.changed, best.matched_others) == (6, 6, 0)
    assert best.to_dict()["atoms"] == [
        {
            "feature": "requested_discount",
            "op": "between",
            "low": 10.0,
            "high": 15.0,
            "bounds": "(]",
            "low_inclusive": False,
            "high_inclusive": True,
        }
    ]


def test_the_prompts_number_is_the_threshold_when_it_separates_the_same_probes() -> None:
    # no probe asks for exactly 10% or 15%: the probes alone would say "> 9 and <= 14"
    verdicts = _discounts([5, 9, 11, 12, 13, 14, 18, 20, 25, 7, 12, 22, 3, 13], 10, 15)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [without, *_] = find_conditions(changed, verdicts)
    assert without.text == "9 < requested_discount <= 14"
    boundaries = stated_boundaries(
        ["Discounts of up to 10% may be applied.", "Discounts of up to 15% may be applied."]
    )
    [stated, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert stated.text == "10 < requested_discount <= 15"


def test_a_category_with_a_range_in_the_variables_unit() -> None:
    categories = ["electronics", "furniture", "apparel"]
    verdicts = []
    for index in range(24):
        category = categories[index % 3]
        months = [3, 8, 11, 14, 17, 20, 23, 30][index % 8]
        verdicts.append(
            _verdict(
                f"w{index}",
                category == "electronics" and 12 < months <= 24,
                category=category,
                months_since_purchase=months,
            )
        )
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    assert len(changed) >= 3
    boundaries = stated_boundaries(
        ["Electronics carry a 1-year warranty.", "Electronics carry a 2-year warranty."]
    )
    assert Boundary(2.0, "years") in boundaries
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    # "2 years" is 24 months for a variable in months; 12 comes from "1-year"
    assert best.text == "category = electronics and 12 < months_since_purchase <= 24"
    assert best.matched_others == 0 and best.matched_changed == len(changed)
    assert Atom("category", "=", "electronics") in best.atoms


def test_money_boundaries_are_read_with_their_unit() -> None:
    found = stated_boundaries(["Refunds up to $200 are approved at once; above, 15% are held."])
    assert Boundary(200.0, "$") in found and Boundary(15.0, "%") in found
    verdicts = [
        _verdict(f"r{value}", 200 < value <= 500, refund_amount=float(value))
        for value in (40, 120, 180, 199, 230, 260, 310, 420, 480, 499, 520, 700, 900, 60, 150)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(["Refunds of up to $200 …", "Refunds of up to $500 …"])
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.text == "200 < refund_amount <= 500"


def test_the_same_search_gives_the_same_answer() -> None:
    verdicts = _discounts([5, 8, 10, 11, 12, 13, 14, 15, 18, 20, 25, 30], 10, 15)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    first = find_conditions(changed, verdicts)
    assert first == find_conditions(changed, verdicts)


def test_random_changed_probes_in_a_small_suite_get_no_condition() -> None:
    import random

    rng = random.Random(3)
    verdicts = [
        _verdict(
            f"p{index}",
            False,
            requested_discount=rng.randrange(30),
            order_total=round(rng.uniform(10, 300), 2),
            tier=rng.choice(["basic", "plus", "gold"]),
        )
        for index in range(20)
    ]
    chosen = rng.sample(range(20), 4)
    changed = [f"p{index}" for index in chosen]
    assert find_conditions(changed, verdicts) == []


def test_two_values_of_one_variable_with_a_band() -> None:
    fares = ["basic", "standard", "flex", "business"]
    verdicts = []
    for index in range(28):
        fare = fares[index % 4]
        weight = [18, 24, 27, 30, 32, 35, 21][index % 7]
        verdicts.append(
            _verdict(
                f"b{index}",
                fare in ("flex", "business") and 23 < weight <= 32,
                fare_class=fare,
                bag_weight_kg=float(weight),
            )
        )
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(["Bags over 23 kg and up to 32 kg pay $75."])
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.text == "fare_class in {business, flex} and 23 < bag_weight_kg <= 32"
    assert Atom("fare_class", "in", ("business", "flex")) in best.atoms
    assert best.matched_others == 0


def test_a_time_of_day_is_not_a_duration_in_words() -> None:
    from behaviordiff.drafting.facts import condition_words

    atoms = [
        {"feature": "loyalty_tier", "op": "=", "value": "gold"},
        {"feature": "checkout_hour", "op": "<=", "value": 14.0},
    ]
    assert "14:00" in condition_words(
        [Atom.from_dict(item) for item in atoms]
    ) and "hours" not in condition_words([Atom.from_dict(item) for item in atoms])
