"""A moved window reads the same whichever probes it runs on: a gym lets members pause for
free "within 14 days of joining", now "within 21 days". Day 14 was free before and day 21 is
free now, so the change is `14 < days <= 21`, whether the probes' own values separate the
changed ones well enough on their own (the search states the condition) or only the band the
edit moved does (with so few probes the search's condition is not significant)."""

from __future__ import annotations

import pytest

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict

WITHIN = (
    "Members can pause their plan for free within 14 days of joining.",
    "Members can pause their plan for free within 21 days of joining.",
)
UNWORDED = (
    "Members can pause their plan for free for 14 days from joining.",
    "Members can pause their plan for free for 21 days from joining.",
)
SEARCH_DECIDES = [8, 15, 16, 19, 25, 37, 39, 40, 50]
ONLY_THE_BAND = [2, 7, 15, 16, 18, 29, 37, 51, 52]


def _verdicts(days: list[int], low: int, high: int, *, echo: bool = False) -> list[ProbeVerdict]:
    verdicts = []
    for day in days:
        changed = low < day <= high
        features: dict[str, object] = {"days_since_joining": day, "tag:pause": True}
        if echo:
            features["lookup_member.days_since_joining"] = day
        verdicts.append(
            ProbeVerdict(
                probe_id=f"member-{day}",
                verdict="behavior-changed" if changed else "unchanged",
                facets=["actions"] if changed else [],
                old_samples=3,
                new_samples=3,
                features=features,
            )
        )
    return verdicts


def _condition(pair: tuple[str, str], verdicts: list[ProbeVerdict]) -> str:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(changed, verdicts, 1, stated_boundaries(pair), moved_bounds([pair]))
    assert found, "no condition stated"
    assert (found[0].matched_changed, found[0].matched_others) == (len(changed), 0)
    return found[0].text


@pytest.mark.parametrize(
    ("word", "op"),
    [
        ("within", "<="),
        ("within the first", "<="),
        ("before", "<"),
        ("after", ">"),
        ("older than", ">"),
        ("up to", "<="),
        ("under", "<"),
        ("at least", ">="),
        ("more than", ">"),
    ],
)
def test_the_word_before_a_span_gives_its_operator(word: str, op: str) -> None:
    [bound] = stated_boundaries([f"Parcels are collected {word} 10 days of booking."])
    assert (bound.value, bound.unit, bound.ops) == (10.0, "days", frozenset({op}))


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("Changes are free up to 10 days before the course starts.", ">="),
        ("Changes are free until 10 days prior to the course.", ">="),
        ("Changes are free up to 10 days after enrolment.", "<="),
        ("Changes are free within 10 days before the course starts.", "<="),
    ],
)
def test_up_to_a_span_before_an_event_starts_at_that_span(text: str, op: str) -> None:
    [bound] = stated_boundaries([text])
    assert bound.ops == frozenset({op})


def test_a_deadline_counted_back_from_an_event_moves_its_band_from_the_old_number() -> None:
    # free "up to 14 days before" a class, now "up to 21 days before": 14 to 20 days ahead
    # were free and are charged now; 21 days ahead is still free
    pair = (
        "Members can move a class for free up to 14 days before it starts.",
        "Members can move a class for free up to 21 days before it starts.",
    )
    verdicts = _verdicts(ONLY_THE_BAND, 14, 21)
    assert _condition(pair, verdicts) == "14 <= days_since_joining < 21"


def test_a_promised_delay_without_its_unit_beside_the_number_compares_nothing() -> None:
    assert stated_boundaries(["Refunds reach you within 3-5 working days."], context=True) == []


@pytest.mark.parametrize("days", [SEARCH_DECIDES, ONLY_THE_BAND])
def test_a_window_moved_by_within_includes_its_new_end_and_not_its_old_one(
    days: list[int],
) -> None:
    assert _condition(WITHIN, _verdicts(days, 14, 21)) == "14 < days_since_joining <= 21"


@pytest.mark.parametrize("days", [SEARCH_DECIDES, ONLY_THE_BAND])
def test_with_no_wording_the_band_reads_as_the_search_does(days: list[int]) -> None:
    assert _condition(UNWORDED, _verdicts(days, 14, 21)) == "14 < days_since_joining <= 21"


def test_each_end_of_a_band_takes_its_own_numbers_wording() -> None:
    # free "under 14 days", now "within 21 days": day 14 was charged and is now free
    pair = (
        "Members can pause their plan for free under 14 days from joining.",
        "Members can pause their plan for free within 21 days of joining.",
    )
    verdicts = _verdicts(ONLY_THE_BAND, 14, 21)
    assert _condition(pair, verdicts) == "14 <= days_since_joining <= 21"


def test_a_variable_and_the_fixture_echoing_it_are_one_band_to_correct_for() -> None:
    # three changed probes among seven: Fisher's p is 1/35; two bands that match the same
    # probes would double it past 0.05
    verdicts = _verdicts([3, 9, 16, 18, 20, 30, 44], 14, 21, echo=True)
    assert _condition(WITHIN, verdicts) == "14 < days_since_joining <= 21"
