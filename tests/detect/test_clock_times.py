"""Clock times are quantities on the hour-of-day scale: a pharmacy's same-day cut-off moving
from "before noon" to "before 3pm" bounds `order_hour` at 12 and 15, with the comparison its
words make, and attribution finds the sentence whose time moved."""

from __future__ import annotations

import pytest

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.clocktimes import (
    clock_ops,
    clock_variable,
    find_clock_times,
    read_clock_time,
    written_like,
)
from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import Atom, BehaviorChange, Condition, ProbeVerdict
from behaviordiff.diffing.model import Hunk, VersionDiff

OLD = "Prescriptions ordered before noon are ready today; from noon on, they are ready tomorrow."
NEW = "Prescriptions ordered before 3pm are ready today; from 3pm on, they are ready tomorrow."


@pytest.mark.parametrize(
    ("text", "hour", "ops"),
    [
        ("Call us before 5pm please", 17.0, {"<"}),
        ("orders at 5 p.m. or later", 17.0, {">="}),
        ("open after 9am only", 9.0, {">"}),
        ("from 9:30 on weekdays", 9.5, {">="}),
        ("collect it by noon", 12.0, {"<="}),
        ("free until 14:00", 14.0, {"<="}),
        ("booked after 2.30pm", 14.5, {">"}),
        ("any time before midnight", 24.0, {"<"}),
        ("it opens at 12am", 0.0, set()),
        ("lunch at midday", 12.0, set()),
        ("doors open from six in the morning", 6.0, {">="}),
        ("Last call before Ten at night", 22.0, {"<"}),
        ("served until 3 o'clock in the afternoon", 15.0, {"<="}),
        ("a night bus at two at night", 2.0, set()),
    ],
)
def test_a_time_of_day_is_read_as_an_hour_with_the_comparison_its_words_make(
    text: str, hour: float, ops: set[str]
) -> None:
    [time] = find_clock_times(text)
    assert time.hour == hour
    assert clock_ops(text, time) == frozenset(ops)


def test_prices_ratios_and_durations_are_not_times() -> None:
    assert find_clock_times("It costs $2.50, mixed 3:1, ready in 2 hours, I am here.") == []
    opening = "We answer from 8am to 6pm."
    first, second = find_clock_times(opening)
    assert (clock_ops(opening, first), clock_ops(opening, second)) == ({">="}, {"<=", "<"})


@pytest.mark.parametrize(
    ("like", "hour", "written"),
    [
        ("noon", 15.0, "3pm"),
        ("11am", 15.0, "3pm"),
        ("11 a.m.", 15.0, "3 p.m."),
        ("11 AM", 15.5, "3:30 PM"),
        ("11.15am", 15.5, "3.30pm"),
        ("11:00", 15.0, "15:00"),
        ("08:30", 9.0, "09:00"),
        ("3pm", 12.0, "12pm"),
        ("noon", 12.0, "noon"),
        ("six in the morning", 7.0, "seven in the morning"),
        ("Eleven in the morning", 13.0, "One in the afternoon"),
        ("9 o'clock at night", 20.0, "8 o'clock at night"),
        ("9 o'clock at night", 8.0, "8 o'clock in the morning"),
        ("six in the morning", 6.5, "6:30am"),
    ],
)
def test_a_new_time_is_written_the_way_the_text_wrote_the_old_one(
    like: str, hour: float, written: str
) -> None:
    found = read_clock_time(like)
    assert found is not None
    assert written_like(hour, found) == written


def test_a_spelled_hour_is_a_time_only_with_its_part_of_the_day_and_alone() -> None:
    """ "half four in the morning" is 4:30, not 4; "four" alone is a count."""
    assert find_clock_times("we close at half four in the morning, for four people") == []
    # ... and "a quarter to five in the evening" is 4:45pm, never 5pm
    assert [t.hour for t in find_clock_times("a quarter to five in the evening")] == [16.75]


def test_hour_of_day_variables_are_told_from_durations() -> None:
    assert clock_variable("order_hour") and clock_variable("pickup.hour")
    assert clock_variable("time_of_day")
    assert not clock_variable("delay_hours")
    assert not clock_variable("hours_late")
    assert not clock_variable("wait_hour")


def test_a_sentence_states_its_times_as_clock_boundaries_not_bare_numbers() -> None:
    found = {(b.value, b.unit): b.ops for b in stated_boundaries([NEW, "Checkout until 11:30."])}
    assert found == {(15.0, "clock"): frozenset({"<", ">="}), (11.5, "clock"): {"<="}}
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert (was.value, now.value, was.unit) == (12.0, 15.0, "clock")


HOURS = [8, 9.5, 10, 11, 11.75, 12, 12.5, 13, 14, 14.75, 15, 16, 17.5, 19]


def _verdicts(changed: set[float]) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=f"rx-{hour}",
            verdict="behavior-changed" if hour in changed else "unchanged",
            facets=["actions"] if hour in changed else [],
            old_samples=3,
            new_samples=3,
            features={"order_hour": hour, "delay_hours": hour + 3, "items": int(hour) % 4},
        )
        for hour in HOURS
    ]


def test_a_moved_cut_off_bounds_the_hour_variable_at_the_stated_times() -> None:
    changed = {12, 12.5, 13, 14, 14.75}
    verdicts = _verdicts(changed)
    ids = [f"rx-{hour}" for hour in HOURS if hour in changed]
    [best, *_] = find_conditions(
        ids, verdicts, boundaries=stated_boundaries([OLD, NEW]), moved=moved_bounds([(OLD, NEW)])
    )
    assert best.atoms == (
        Atom(
            "order_hour", "between", low=12.0, high=15.0, low_inclusive=True, high_inclusive=False
        ),
    )


def test_a_time_of_day_does_not_bound_a_duration_nor_a_duration_an_hour() -> None:
    changed = {12, 12.5, 13, 14, 14.75}
    verdicts = [
        ProbeVerdict(
            probe_id=v.probe_id,
            verdict=v.verdict,
            facets=v.facets,
            old_samples=3,
            new_samples=3,
            features={"delay_hours": v.features["delay_hours"]},
        )
        for v in _verdicts(changed)
    ]
    ids = [f"rx-{hour}" for hour in HOURS if hour in changed]
    [best, *_] = find_conditions(
        ids, verdicts, boundaries=stated_boundaries([OLD, NEW]), moved=moved_bounds([(OLD, NEW)])
    )
    assert 15.0 not in (best.atoms[0].low, best.atoms[0].high)
    hours = stated_boundaries(["Refunds for delays over 15.5 hours."])
    only_hours = [
        ProbeVerdict(
            v.probe_id, v.verdict, v.facets, 3, 3, features={"order_hour": v.features["order_hour"]}
        )
        for v in _verdicts({16, 17.5, 19})
    ]
    [late, *_] = find_conditions(["rx-16", "rx-17.5", "rx-19"], only_hours, boundaries=hours)
    assert (late.atoms[0].op, late.atoms[0].value) == (">", 15.0)


def test_attribution_links_the_sentence_whose_time_moved() -> None:
    cut_off = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        "Pharmacy",
        old=OLD,
        new=NEW,
        removed_words=("noon", "noon"),
        added_words=("3pm", "3pm"),
    )
    tone = Hunk(
        "H2",
        "sentence_changed",
        "system.md",
        "Tone",
        old="Thank the customer for their order.",
        new="Thank the customer warmly for their order.",
        removed_words=(),
        added_words=("warmly",),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [tone, cut_off])
    change = BehaviorChange(
        "C1",
        "prepare(day=tomorrow) → prepare(day=today)",
        ["p1", "p2"],
        ["actions"],
        "actions",
        before=["prepare(day=tomorrow)"],
        after=["prepare(day=today)"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "12 <= order_hour < 15",
                "atoms": [
                    {
                        "feature": "order_hour",
                        "op": "between",
                        "low": 12.0,
                        "high": 15.0,
                        "low_inclusive": True,
                        "high_inclusive": False,
                    }
                ],
                "changed": {"matched": 2, "total": 2},
                "others": {"matched": 0, "total": 10},
            }
        )
    ]
    ranked = attribute(change, {}, diff)
    assert ranked[0].hunk_id == "H1"
    assert any("12, 15" in reason for reason in ranked[0].reasons)
