"""Amounts written in words are read as their numbers: "a fortnight" is 14 days, "half an hour"
30 minutes, "twenty-four hours" 24, "twice" 2. A condition takes the bound a prompt states in
words, with its operator (a boat-hire desk whose free-rebooking notice goes from "three days"
to "two days"), and a text's amounts are rewritten the way it wrote them."""

from __future__ import annotations

import pytest

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import Atom, BehaviorChange, Condition, ProbeVerdict
from behaviordiff.detect.quantities import (
    find_quantities,
    read_quantity,
    same_amount,
    written_like,
)
from behaviordiff.diffing.model import Hunk, VersionDiff

OLD = "A crew who rebooks with more than a day's notice rebooks free of charge."
NEW = "A crew who rebooks with more than two days' notice rebooks free of charge."
NOTICE = [6, 12, 20, 30, 40, 47, 50, 60, 80, 100]


@pytest.mark.parametrize(
    ("text", "count", "unit", "minutes"),
    [
        ("a fortnight", 1, "fortnight", 14 * 1440),
        ("two weeks", 2, "week", 14 * 1440),
        ("14 days", 14, "day", 14 * 1440),
        ("a 14-day", 14, "day", 14 * 1440),
        ("half an hour", 0.5, "hour", 30),
        ("an hour and a half", 1.5, "hour", 90),
        ("two and a half days", 2.5, "day", 3600),
        ("twenty-four hours", 24, "hour", 1440),
        ("48 hours", 48, "hour", 2880),
    ],
)
def test_durations_in_words_and_digits_are_one_measure(
    text: str, count: float, unit: str, minutes: float
) -> None:
    [quantity] = find_quantities(f"within {text} of booking")
    assert (quantity.count, quantity.unit, quantity.measure) == (count, unit, "time")
    assert quantity.amount == minutes


def test_counts_shares_and_calendar_amounts() -> None:
    read = {
        q.plain: (q.amount, q.measure)
        for q in find_quantities(
            "Twice a month we send a dozen samples, refund half the postage, and after a year "
            "or 12 months of membership, three times the points."
        )
    }
    assert read == {
        "Twice": (2, "times"),
        "a dozen": (12, ""),
        "half": (50, "%"),
        "a year": (12, "calendar"),
        "12 months": (12, "calendar"),
        "three times": (3, "times"),
    }
    # "a month" after "twice" is a rate, not an amount of time; "5 working days" is its own
    assert find_quantities("$9 a month")[0:] == []
    [working] = find_quantities("within 5 working days")
    assert working.measure == "working" and read_quantity("5 days") is not None
    assert not same_amount(working, read_quantity("5 days"))  # type: ignore[arg-type]


def test_a_new_amount_is_written_the_way_the_text_wrote_the_old() -> None:
    def written(new: str, old_text: str) -> str | None:
        [old] = find_quantities(old_text)
        quantity = read_quantity(new)
        assert quantity is not None
        return written_like(quantity, old)

    assert written("a fortnight", "a week's notice") == "a fortnight's"
    assert written("10 days", "With two days' notice") == "ten days'"
    assert written("14 days", "a week") == "two weeks"
    assert written("14 days", "A week's notice") == "Two weeks'"
    assert written("a fortnight", "7 days") == "14 days"
    assert written("a fortnight", "a 7-day window") == "14-day"
    assert written("2 hours", "half an hour") == "two hours"
    assert written("three times", "twice") == "three times"
    assert written("a year", "6 months") == "12 months"
    assert written("3 days", "5 working days") is None  # another measure


def test_a_bound_stated_in_words_is_read_with_its_operator() -> None:
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert (was.value, was.unit, now.value, now.unit) == (1.0, "days", 2.0, "days")
    assert was.ops == now.ops == frozenset({">"})
    [fortnight] = stated_boundaries(["Return it within a fortnight."])
    assert (fortnight.value, fortnight.unit) == (2.0, "weeks")
    # "four hours" is not read out of "twenty-four hours"
    assert [(b.value, b.unit) for b in stated_boundaries(["Reply within twenty-four hours."])] == [
        (24.0, "hours")
    ]


def test_the_condition_takes_the_bound_the_prompt_states_in_words() -> None:
    """Rebookings 30 to 47 hours ahead lost their free rebooking: the condition is the
    prompt's `24 < hours <= 48`, read from "more than a day" and "more than two days", not the
    probes' own `20 < hours <= 47`."""
    verdicts = [
        ProbeVerdict(
            probe_id=f"rebook-{hours}",
            verdict="behavior-changed" if 24 < hours <= 48 else "unchanged",
            facets=["actions"] if 24 < hours <= 48 else [],
            old_samples=3,
            new_samples=3,
            features={"hours_notice": hours},
        )
        for hours in NOTICE
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(
        changed,
        verdicts,
        boundaries=stated_boundaries([OLD, NEW]),
        moved=moved_bounds([(OLD, NEW)]),
    )
    assert best.atoms == (
        Atom(
            "hours_notice", "between", low=24.0, high=48.0, low_inclusive=False, high_inclusive=True
        ),
    )


def test_a_sentence_that_moves_an_amount_in_words_is_linked_to_its_condition() -> None:
    """Only the words "day" and "days" changed, which hold no number; the sentence still
    states the condition's 24 and 48 (hours)."""
    notice = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        "Rebooking",
        old=OLD,
        new=NEW,
        removed_words=("a", "day's"),
        added_words=("two", "days'"),
    )
    wording = Hunk(
        "H2",
        "sentence_changed",
        "system.md",
        "Tone",
        old="Thank the crew for rebooking.",
        new="Thank the crew warmly for rebooking and for the notice.",
        removed_words=(),
        added_words=("warmly", "notice"),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [wording, notice])
    change = BehaviorChange(
        "C1", "now charges a rebooking fee", ["p1", "p2"], ["promises"], "promises"
    )
    change.conditions = [
        Condition(
            "24 < hours_notice <= 48",
            ({"feature": "hours_notice", "op": "between", "low": 24.0, "high": 48.0},),
            2,
            2,
            0,
            10,
        )
    ]
    ranked = attribute(change, {}, diff)
    assert ranked[0].hunk_id == "H1"
    assert any(reason.startswith("states 24, 48") for reason in ranked[0].reasons)
