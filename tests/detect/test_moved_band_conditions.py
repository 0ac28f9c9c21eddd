"""Conditions bounded by what the prompt moved (issue 8): when a limit, allowance or window
moves from a to b, for everyone or for one category, the probes that change are those between
a and b on the variable the rule reads, and the condition is that band with both bounds and
the inclusivity the prompt's words give, even when no probe sits past the far bound.

Variants in made-up domains, none of the dev scenarios' words:
- a library's e-book allowance raised for one card while the old count is restated for the
  rest before the same counted words (a category and a band, no probe past the new number);
- a clinic's check-in window moved in three sentences that each word its side ("up to 2
  hours before", "2 hours away or less", "more than 2 hours away"): the band is (2, 3];
- a count said with its unit and a placing word before the comparison ("5 days late or
  more");
- a promise-only change past the moved number, within the topic every changed probe is
  filed under (`tag booking and days_ahead > 10`);
- a probe strictly inside a moved band grouped with those past it (`bandpart`), and the
  cases left alone: a group with a clean condition, a band no other change fills.
"""

from __future__ import annotations

from behaviordiff.detect.bandpart import absorb_band_part
from behaviordiff.detect.conditions import (
    find_conditions,
    moved_bounds,
    moved_spans,
    stated_boundaries,
)
from behaviordiff.detect.model import Atom, BehaviorChange, ProbeVerdict


def _verdict(probe_id: str, hit: bool, features: dict[str, object]) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if hit else "unchanged",
        facets=["actions"] if hit else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


# 1. an allowance raised for one category, the old count restated for the rest -----------------

LIB_OLD = "Every reader, whatever their card, can borrow 3 e-books per month."
LIB_NEW = (
    "E-book loans depend on the card: Premium readers can borrow 6 e-books per month; "
    "Basic and Student readers can borrow 3 e-books per month."
)
READERS = [
    ("premium", 3, True),
    ("premium", 4, True),
    ("premium", 5, True),
    ("premium", 5, True),
    ("premium", 0, False),
    ("premium", 2, False),
    ("basic", 0, False),
    ("basic", 2, False),
    ("basic", 3, False),
    ("basic", 4, False),
    ("student", 1, False),
    ("student", 3, False),
    ("student", 5, False),
]


def _readers() -> tuple[list[str], list[ProbeVerdict]]:
    verdicts = [
        _verdict(f"r{i}", hit, {"card": card, "ebooks_borrowed": used, "tag:ebooks": True})
        for i, (card, used, hit) in enumerate(READERS)
    ]
    return [v.probe_id for v in verdicts if v.verdict == "behavior-changed"], verdicts


def test_a_count_restated_for_the_rest_is_kept_with_what_it_counts() -> None:
    [(was, now)] = moved_bounds([(LIB_OLD, LIB_NEW)])
    assert (was.value, now.value, was.kept) == (3.0, 6.0, True)
    assert "book" in {word[:4] for word in was.counted}


def test_the_raised_allowance_is_a_band_ending_at_the_new_number() -> None:
    changed, verdicts = _readers()
    [best, *_] = find_conditions(
        changed,
        verdicts,
        3,
        stated_boundaries([LIB_OLD, LIB_NEW]),
        moved_bounds([(LIB_OLD, LIB_NEW)]),
    )
    assert Atom("card", "=", "premium") in best.atoms
    band = [atom for atom in best.atoms if atom.feature == "ebooks_borrowed"]
    assert band == [
        Atom(
            "ebooks_borrowed",
            "between",
            low=3.0,
            high=6.0,
            low_inclusive=True,
            high_inclusive=False,
        )
    ]


def test_a_count_restated_before_other_words_is_not_kept() -> None:
    # "3 audiobooks" is not the 3 e-books restated: the band stays open
    new = "Premium readers can borrow 6 e-books per month, and 3 audiobooks per month."
    [(was, now)] = moved_bounds([(LIB_OLD, new)])
    assert (was.value, now.value, was.kept) == (3.0, 6.0, False)


# 2. a window whose sentences each word its side ------------------------------------------------

CLINIC_OLD = [
    "Patients can check in up to 2 hours before their appointment.",
    "If the appointment is 2 hours away or less, check them in with `check_in`.",
    "If it's more than 2 hours away, tell them to come back from 2 hours before.",
]
CLINIC_NEW = [sentence.replace("2 hours", "3 hours") for sentence in CLINIC_OLD]


def test_every_sentence_of_a_move_gives_its_side() -> None:
    [(was, now)] = moved_bounds(list(zip(CLINIC_OLD, CLINIC_NEW, strict=True)))
    assert (was.value, now.value, was.unit) == (2.0, 3.0, "hours")
    assert {"<=", ">"} <= was.ops


def test_the_band_takes_its_inclusivity_from_the_probes_at_its_ends() -> None:
    hours = [0.5, 1, 1.5, 2, 2, 2.25, 2.5, 2.75, 3, 3.5, 4, 5]
    verdicts = [
        _verdict(f"p{i}", 2 < h <= 3, {"hours_to_appointment": h}) for i, h in enumerate(hours)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    moved = moved_bounds(list(zip(CLINIC_OLD, CLINIC_NEW, strict=True)))
    [best, *_] = find_conditions(
        changed, verdicts, 3, stated_boundaries([*CLINIC_OLD, *CLINIC_NEW]), moved
    )
    assert best.atoms == (
        Atom(
            "hours_to_appointment",
            "between",
            low=2.0,
            high=3.0,
            low_inclusive=False,
            high_inclusive=True,
        ),
    )


# 3. the side of a count said with its unit and a placing word ----------------------------------


def test_a_unit_and_a_placing_word_before_the_comparison_are_read_past() -> None:
    [late] = stated_boundaries(["Waive the fine if the book is 5 days late or more."])
    assert (late.value, late.unit, late.ops) == (5.0, "days", frozenset({">="}))
    [away] = stated_boundaries(["Check them in when the flight is 90 minutes away or less."])
    assert (away.value, away.ops) == (90.0, frozenset({"<="}))
    # no comparison after the unit: nothing read
    [plain] = stated_boundaries(["Tell them it takes 3 days or so to arrive."])
    assert plain.ops == frozenset()


# 4. a promise-only change past the moved number, within its topic ------------------------------

GYM_OLD = (
    "Members can book classes up to 7 days ahead; further ahead, tell them bookings open "
    "7 days before."
)
GYM_NEW = GYM_OLD.replace("7 days", "10 days")


def test_a_side_of_the_moved_number_within_the_changed_probes_topic() -> None:
    rows = [
        ("booking", 12, True),
        ("booking", 14, True),
        ("booking", 20, True),
        ("booking", 2, False),
        ("booking", 5, False),
        ("booking", 7, False),
        ("booking", 8, False),
        ("booking", 9, False),
        ("booking", 10, False),
        ("cancel", 12, False),
        ("cancel", 15, False),
        ("cancel", 3, False),
        ("pricing", 14, False),
        ("pricing", 25, False),
        ("pricing", 1, False),
    ]
    verdicts = [
        _verdict(f"g{i}", hit, {"days_ahead": days, f"tag:{topic}": True})
        for i, (topic, days, hit) in enumerate(rows)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    moved = moved_bounds([(GYM_OLD, GYM_NEW)])
    [best, *_] = find_conditions(changed, verdicts, 3, stated_boundaries([GYM_OLD, GYM_NEW]), moved)
    assert Atom("days_ahead", ">", 10.0) in best.atoms
    assert (best.matched_changed, best.matched_others) == (3, 0)


# 5. a probe inside the band grouped with those past it ------------------------------------------

PARK_OLD = "Cars can stay up to 2 hours; if a car has been parked 2 hours or less, validate it."
PARK_NEW = PARK_OLD.replace("2 hours", "3 hours")


def _parking() -> tuple[list[ProbeVerdict], list[BehaviorChange]]:
    rows = [
        # (id, hours, tag, change)
        ("v-2-25", 2.25, "validate", "band"),
        ("v-2-5", 2.5, "validate", "band"),
        ("v-3", 3.0, "validate", "band"),
        ("ask-2-75", 2.75, "validate", "told"),
        ("v-4", 4.0, "validate", "told"),
        ("v-5", 5.0, "validate", "told"),
        ("v-6", 6.0, "validate", "told"),
        ("v-1", 1.0, "validate", None),
        ("v-2", 2.0, "validate", None),
        ("v-1-5", 1.5, "validate", None),
        ("fee-2-5", 2.5, "fees", None),
        ("fee-4", 4.0, "fees", None),
        ("lost-5", 5.0, "lost-ticket", None),
        ("lost-1", 1.0, "lost-ticket", None),
        ("ev-3", 3.0, "charging", None),
        ("ev-6", 6.0, "charging", None),
    ]
    verdicts = [
        _verdict(probe_id, change is not None, {"hours_parked": hours, f"tag:{tag}": True})
        for probe_id, hours, tag, change in rows
    ]
    band = BehaviorChange(
        id="C2",
        title="now calls validate_ticket",
        probe_ids=[r[0] for r in rows if r[3] == "band"],
        facets=["actions"],
        kind="actions",
    )
    told = BehaviorChange(
        id="C1",
        title="2 hours → 3 hours",
        probe_ids=[r[0] for r in rows if r[3] == "told"],
        facets=["promises"],
        kind="promises",
    )
    return verdicts, [told, band]


def test_a_probe_inside_the_band_joins_the_change_that_fills_it() -> None:
    verdicts, changes = _parking()
    moved = moved_bounds([(PARK_OLD, PARK_NEW)])
    boundaries = stated_boundaries([PARK_OLD, PARK_NEW])

    def conditions_of(ids: list[str]) -> list:  # type: ignore[type-arg]
        return find_conditions(ids, verdicts, 3, boundaries, moved)

    for change in changes:
        change.conditions = conditions_of(change.probe_ids)
    result, touched = absorb_band_part(changes, verdicts, moved, conditions_of)
    by_kind = {change.kind: change for change in result}
    assert sorted(by_kind["actions"].probe_ids) == ["ask-2-75", "v-2-25", "v-2-5", "v-3"]
    assert sorted(by_kind["promises"].probe_ids) == ["v-4", "v-5", "v-6"]
    assert [aspect.probe_ids for aspect in by_kind["actions"].aspects] == [("ask-2-75",)]
    band = by_kind["actions"].conditions[0]
    assert (
        Atom("hours_parked", "between", low=2.0, high=3.0, low_inclusive=False, high_inclusive=True)
        in band.atoms
    )
    assert (band.matched_changed, band.matched_others) == (4, 0)
    told = by_kind["promises"].conditions[0]
    assert Atom("hours_parked", ">", 3.0) in told.atoms
    assert len(touched) == 2


def test_a_group_with_a_clean_condition_is_left_alone() -> None:
    verdicts, changes = _parking()
    moved = moved_bounds([(PARK_OLD, PARK_NEW)])

    def conditions_of(ids: list[str]) -> list:  # type: ignore[type-arg]
        return find_conditions(ids, verdicts, 3, stated_boundaries([PARK_OLD, PARK_NEW]), moved)

    told, band = changes
    told.probe_ids = ["v-4", "v-5", "v-6"]  # no probe of the band in it
    for change in changes:
        change.conditions = conditions_of(change.probe_ids)
    result, touched = absorb_band_part(changes, verdicts, moved, conditions_of)
    assert touched == []
    assert [sorted(c.probe_ids) for c in result] == [["v-4", "v-5", "v-6"], sorted(band.probe_ids)]


def test_no_change_filling_the_band_moves_nothing() -> None:
    verdicts, changes = _parking()
    moved = moved_bounds([(PARK_OLD, PARK_NEW)])

    def conditions_of(ids: list[str]) -> list:  # type: ignore[type-arg]
        return find_conditions(ids, verdicts, 3, stated_boundaries([PARK_OLD, PARK_NEW]), moved)

    band = changes[1]
    band.probe_ids = [*band.probe_ids, "v-5"]  # not all inside the band: not the band's change
    for change in changes:
        change.conditions = conditions_of(change.probe_ids)
    _, touched = absorb_band_part(changes, verdicts, moved, conditions_of)
    assert touched == []


def test_a_move_on_another_variable_moves_nothing() -> None:
    # the same numbers moved for a price: no span in hours
    verdicts, changes = _parking()
    old, new = "Parking costs £2 an hour.", "Parking costs £3 an hour."
    moved = moved_bounds([(old, new)])

    def conditions_of(ids: list[str]) -> list:  # type: ignore[type-arg]
        return find_conditions(ids, verdicts, 3, stated_boundaries([old, new]), moved)

    for change in changes:
        change.conditions = conditions_of(change.probe_ids)
    _, touched = absorb_band_part(changes, verdicts, moved, conditions_of)
    assert touched == []


def test_a_moved_number_spans_only_a_variable_it_counts() -> None:
    """review fd4: a moved number's span went to every numeric variable its unit did not
    forbid (a count of books to `parcel_kg`, `renter_age`; an hours move to a count of loans).
    A count goes to a variable naming what it counts, a number with a unit to no unitless
    variable, a bare number to one its sentence names."""
    loans = moved_bounds(
        [
            (
                "Every reader can borrow 5 books at a time.",
                "Gold readers can borrow 8 books at a time; Standard readers can borrow 5 "
                "books at a time.",
            )
        ]
    )
    assert moved_spans("books_on_loan", loans) == [(5.0, 8.0)]
    for other in ("parcel_kg", "renter_age", "guest_passes_used"):
        assert moved_spans(other, loans) == [], other
    arrival = moved_bounds(
        [
            (
                "Guests may arrive up to 2 hours before their table.",
                "Guests may arrive up to 1 hour before their table.",
            )
        ]
    )
    assert moved_spans("hours_before_table", arrival) == [(1.0, 2.0)]
    assert moved_spans("books_on_loan", arrival) == []
    assert moved_spans("guest_count", arrival) == []
    parcels = moved_bounds([("Parcels up to 10 kg ship free.", "Parcels up to 5 kg ship free.")])
    assert moved_spans("parcel_kg", parcels) == [(5.0, 10.0)]
    assert moved_spans("renter_age", parcels) == []


def test_the_band_part_reads_the_public_excerpts_helper() -> None:
    """review fd4: `bandpart` imported the private `clusters._excerpts`; it is public now."""
    from behaviordiff.detect import bandpart, clusters

    assert bandpart.excerpts is clusters.excerpts
    assert not hasattr(clusters, "_excerpts")
