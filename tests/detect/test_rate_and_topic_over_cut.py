"""A rate's unit is no bound, and a cut no prompt sentence states comes after a topic that
splits the probes alike.

A boat hire stops hiring motorboats to renters under 18. The probes that ask about fuel or
life jackets carry no hire length (0 minutes), so "minutes > 0" splits the probes exactly as
the hire topic does; "Motorboats cost $40 an hour" states a price per hour, not a bound of
one hour. The rule is the age, the boat and the topic: never the hire length."""

from __future__ import annotations

import pytest

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict
from behaviordiff.detect.quantities import find_quantities

CHANGED = "Motorboats: only renters aged 18 and over can hire one."
CONTEXT = (
    "Rowboats: anyone can hire a rowboat.",
    "Motorboats cost $40 an hour.",
    "Every hire includes life jackets.",
)


@pytest.mark.parametrize(
    "text",
    [
        "Motorboats cost $40 an hour.",
        "Lockers are £2 a day.",
        "The studio is €15 per hour and lessons run twice a week.",
        "Parking costs 3.50 an hour.",
    ],
)
def test_a_rates_unit_states_no_bound(text: str) -> None:
    assert all(b.value != 1 for b in stated_boundaries([text], context=True))
    assert all(q.count != 1 for q in find_quantities(text))


def test_a_span_said_with_an_article_still_bounds() -> None:
    assert [(b.value, b.unit) for b in stated_boundaries(["Return it within an hour."])] == [
        (1.0, "hours")
    ]
    assert [(b.value, b.unit) for b in stated_boundaries(["Cancel up to a day ahead."])] == [
        (1.0, "days")
    ]


def _verdict(pid: str, changed: bool, **features: object) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=pid,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=dict(features),
    )


@pytest.mark.parametrize("length", ["minutes", "hours", "hire_hours"])
def test_the_topic_not_the_hire_length_completes_the_rule(length: str) -> None:
    rows = [  # (age, boat, topic, length): changed when under 18, a motorboat and a hire
        (16, "motorboat", "hire", 3, True),
        (17, "motorboat", "hire", 2, True),
        (15, "motorboat", "hire", 4, True),
        (17, "motorboat", "hire", 6, True),
        (16, "motorboat", "hire", 5, True),
        (16, "rowboat", "hire", 2, False),
        (17, "rowboat", "hire", 3, False),
        (15, "rowboat", "hire", 4, False),
        (18, "motorboat", "hire", 2, False),
        (34, "motorboat", "hire", 5, False),
        (52, "motorboat", "hire", 3, False),
        (41, "rowboat", "hire", 6, False),
        (16, "motorboat", "fuel", 0, False),
        (17, "motorboat", "safety", 0, False),
        (15, "motorboat", "fuel", 0, False),
        (29, "motorboat", "safety", 0, False),
    ]
    verdicts = [
        _verdict(
            f"boat-{i}",
            changed,
            renter=f"Renter {i}",
            renter_age=age,
            boat=boat,
            **{length: hours * (60 if length == "minutes" else 1), f"tag:{topic}": True},
        )
        for i, (age, boat, topic, hours, changed) in enumerate(rows)
    ]
    changed_ids = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries([CHANGED]) + stated_boundaries(CONTEXT, context=True)
    [first, *_] = find_conditions(changed_ids, verdicts, 3, boundaries)
    assert (first.matched_changed, first.matched_others) == (5, 0)
    assert length not in first.text
    assert "renter_age < 18" in first.text
    assert "boat = motorboat" in first.text
    assert "tag hire" in first.text
