"""A count the prompt spells out before a noun ("two or more rooms", "fewer than five bags",
"at least three nights") is a bound like the same count in digits: a condition on it is
stated with the prompt's number and operator (`rooms >= 2`, not `rooms > 1`). A spelled
number that compares nothing ("two rooms") or belongs to an amount ("two weeks") is not one.
"""

from __future__ import annotations

from behaviordiff.detect.conditions import Boundary, find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict


def _read(text: str) -> set[tuple[float, str, frozenset[str]]]:
    return {(b.value, b.unit, b.ops) for b in stated_boundaries([text])}


def test_a_spelled_count_with_a_comparison_is_a_bound_with_its_operator() -> None:
    assert _read("Guests booking two or more rooms get a free breakfast.") == {
        (2.0, "", frozenset({">="}))
    }
    assert _read("Orders of fewer than five bags ship free.") == {(5.0, "", frozenset({"<"}))}
    assert _read("Stays of at least three nights are refundable.") == {(3.0, "", frozenset({">="}))}
    assert _read("Groups of more than twenty-one riders need a guide.") == {
        (21.0, "", frozenset({">"}))
    }


def test_a_spelled_count_that_compares_nothing_or_is_an_amount_is_not_a_new_bound() -> None:
    assert _read("Two rooms were booked for the second night.") == set()
    # the amount keeps its unit: one bound of 2 weeks, no bare 2 beside it
    assert _read("Returns are free for at least two weeks.") == {(2.0, "weeks", frozenset({">="}))}
    assert _read("Shuttles leave more than twenty-four hours apart.") == {
        (24.0, "hours", frozenset({">"}))
    }


def _verdicts() -> list[ProbeVerdict]:
    """A hotel desk: families booking 2+ rooms now get a changed answer, single rooms not."""
    verdicts = []
    for rooms in (1, 2, 3, 4):
        for guest in range(3):
            changed = rooms >= 2
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"r{rooms}-{guest}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={"room_count": rooms},
                )
            )
    return verdicts


def _best(boundaries: list[Boundary]) -> str:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert (best.matched_changed, best.matched_others) == (len(changed), 0)
    return best.text


def test_the_condition_states_the_spelled_bound_as_the_prompt_does() -> None:
    stated = stated_boundaries(["Guests booking two or more rooms get 20% off the second."])
    assert _best(stated) == "room_count >= 2"
    assert _best([]) == "room_count > 1"
