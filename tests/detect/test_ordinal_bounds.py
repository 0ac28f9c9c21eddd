"""A position the prompt states as an ordinal that takes in every later one ("the third
night and any more", "the 4th+ visit", "from the second ticket") is a bound like the same
count in digits: a condition on it is stated with the prompt's number and operator
(`visit_number >= 4`, not `visit_number > 3`). An ordinal that names one position ("the second
ticket is half price"), starts a span ("the first 3 months") or takes in every position ("from
the first day") is no bound.
"""

from __future__ import annotations

from behaviordiff.detect.conditions import Boundary, find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict


def _read(text: str) -> set[tuple[float, str, frozenset[str]]]:
    return {(b.value, b.unit, b.ops) for b in stated_boundaries([text]) if b.unit == ""}


def test_an_ordinal_that_takes_in_every_later_position_is_a_bound_from_it() -> None:
    at_least = frozenset({">="})
    assert _read("The fourth visit and any more are free.") == {(4.0, "", at_least)}
    assert _read("Your 3rd+ wash comes with a free wax.") == {(3.0, "", at_least)}
    assert _read("The fifth and later lessons cost less.") == {(5.0, "", at_least)}
    assert _read("From the second ticket we take off a fee.") == {(2.0, "", at_least)}
    assert _read("Every member from the 6th renewal onwards gets a mug.") == {(6.0, "", at_least)}


def test_an_ordinal_that_names_one_position_or_a_span_is_no_bound() -> None:
    assert _read("The second ticket is half price.") == set()
    assert _read("Members pay nothing in the first 3 months.") == set()
    assert _read("Cover runs from the first day of the month.") == set()


def _verdicts() -> list[ProbeVerdict]:
    """A car wash: the fourth visit and any later one is now free, earlier visits not."""
    verdicts = []
    for visit in (1, 2, 3, 4, 5, 6):
        for driver in range(3):
            changed = visit >= 4
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"v{visit}-{driver}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={"visit_number": visit},
                )
            )
    return verdicts


def _best(boundaries: list[Boundary]) -> str:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert (best.matched_changed, best.matched_others) == (len(changed), 0)
    return best.text


def test_the_condition_states_the_ordinal_bound_as_the_prompt_does() -> None:
    stated = stated_boundaries(
        ["The third visit gets 10% off, and the fourth visit and any more are free."]
    )
    assert _best(stated) == "visit_number >= 4"
    assert _best([]) == "visit_number > 3"


def test_a_day_of_a_date_is_no_bound() -> None:
    """A print shop's prompt: the day of a month beside an ordinal's "or later" counts nothing."""
    assert _read("Prices change from the 15th of March.") == set()
    assert _read("Prices change from March 15th onwards.") == set()
    assert 2.0 not in {
        value for value, _, _ in _read("From the 2nd of June, 2026 we print in colour.")
    }


def test_an_ordinal_bounds_only_a_variable_naming_the_noun_it_qualifies() -> None:
    """A print shop's lifts and copies: "the 2nd floor and above" is no bound of copies, "the
    third poster and any more" is one of `poster_number` and of `posters`."""
    from behaviordiff.detect.conditions import _boundary_units

    found = stated_boundaries(
        ["Lifts serve the 2nd floor and above.", "The third poster and any more cost 5p."]
    )
    assert 2.0 not in _boundary_units("poster_number", found, [1, 2, 3, 4])
    assert 3.0 in _boundary_units("poster_number", found, [1, 2, 3, 4])
    assert 3.0 in _boundary_units("posters", found, [1, 2, 3, 4])
    assert 2.0 in _boundary_units("floor_number", found, [1, 2, 3, 4])
    refused = stated_boundaries(["Refunds asked for on the 30th or later are refused."])
    assert 30.0 not in _boundary_units("poster_number", refused, [10, 20, 30, 40])
