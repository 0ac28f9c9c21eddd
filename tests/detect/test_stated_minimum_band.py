"""A minimum raised for one category while the new sentence keeps the old minimum for the rest
("The minimum group is 6 guests, every day of the week" -> "... 6 guests, except on Saturdays,
when the minimum group is 10 guests", a cookery school): "the minimum group is 6" is `>= 6`,
kept for everyone else, so below 6 both versions refuse and the change is `6 <= guests < 10`
on Saturdays, even with no Saturday probe below 6, not the open side `guests < 10`."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict

OLD = "The minimum group is 6 guests, every day of the week."
NEW = "The minimum group is 6 guests, except on Saturdays, when the minimum group is 10 guests."
GROUPS = [
    ("saturday", 6),
    ("saturday", 7),
    ("saturday", 8),
    ("saturday", 9),
    ("saturday", 10),
    ("saturday", 12),
    ("saturday", 16),
    ("tuesday", 2),
    ("tuesday", 6),
    ("tuesday", 8),
    ("thursday", 4),
    ("thursday", 9),
    ("thursday", 12),
]


def test_a_minimum_is_a_lower_bound_and_a_maximum_an_upper_one() -> None:
    assert {(b.value, b.ops) for b in stated_boundaries([NEW])} == {
        (6.0, frozenset({">="})),
        (10.0, frozenset({">="})),
    }
    [maximum] = stated_boundaries(["The maximum party size is 12 people."])
    assert maximum.ops == frozenset({"<="})


def test_the_minimum_kept_for_the_rest_ends_the_band() -> None:
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert (was.value, now.value, was.kept) == (6.0, 10.0, True)
    verdicts: list[ProbeVerdict] = []
    changed: list[str] = []
    for index, (day, guests) in enumerate(GROUPS):
        probe_id = f"class-{index}"
        hit = day == "saturday" and 6 <= guests < 10
        if hit:
            changed.append(probe_id)
        verdicts.append(
            ProbeVerdict(
                probe_id=probe_id,
                verdict="behavior-changed" if hit else "unchanged",
                facets=["actions"] if hit else [],
                old_samples=2,
                new_samples=2,
                features={"class_day": day, "guests": guests},
            )
        )
    [best, *_] = find_conditions(
        changed, verdicts, 3, stated_boundaries([OLD, NEW]), moved_bounds([(OLD, NEW)])
    )
    assert Atom("class_day", "=", "saturday") in best.atoms
    assert (
        Atom("guests", "between", low=6.0, high=10.0, low_inclusive=True, high_inclusive=False)
        in best.atoms
    )
