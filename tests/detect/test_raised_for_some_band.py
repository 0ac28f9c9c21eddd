"""A limit raised for one category while the new sentence keeps the old number, with its unit,
for everyone else bounds the change on both sides: a library that lent books "for 21 days on
every card" and now lends them "for 21 days on Adult cards, and for 42 days on Student cards"
changes student loans of 22 to 42 days alone (past 42, both versions say the book is overdue),
so the condition is `card = student and 21 < days_out <= 42` the edit states, even with no
probe past 42, not the open side `days_out > 21`."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict

OLD = "Books can be borrowed for 21 days on every card."
NEW = "Books can be borrowed for 21 days on Adult cards, and for 42 days on Student cards."
LOANS = [
    ("student", 25),
    ("student", 30),
    ("student", 35),
    ("student", 40),
    ("student", 42),
    ("student", 7),
    ("student", 21),
    ("adult", 10),
    ("adult", 18),
    ("adult", 30),
    ("adult", 35),
    ("adult", 40),
    ("child", 20),
    ("child", 33),
]


def _loans() -> tuple[list[str], list[ProbeVerdict]]:
    verdicts: list[ProbeVerdict] = []
    changed: list[str] = []
    for index, (card, days) in enumerate(LOANS):
        probe_id = f"loan-{index}"
        hit = card == "student" and 21 < days <= 42
        if hit:
            changed.append(probe_id)
        verdicts.append(
            ProbeVerdict(
                probe_id=probe_id,
                verdict="behavior-changed" if hit else "unchanged",
                facets=["actions"] if hit else [],
                old_samples=2,
                new_samples=2,
                features={"card": card, "days_out": days, "tag:renew": True},
            )
        )
    return changed, verdicts


def test_the_old_number_kept_with_its_unit_is_kept() -> None:
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert (was.value, now.value, was.unit, was.kept) == (21.0, 42.0, "days", True)


def test_a_limit_raised_for_some_keeps_its_new_end_with_no_probe_past_it() -> None:
    changed, verdicts = _loans()
    [best, *_] = find_conditions(
        changed, verdicts, 3, stated_boundaries([OLD, NEW]), moved_bounds([(OLD, NEW)])
    )
    assert Atom("card", "=", "student") in best.atoms
    assert (
        Atom("days_out", "between", low=21.0, high=42.0, low_inclusive=False, high_inclusive=True)
        in best.atoms
    )


def test_a_bare_number_beside_the_kept_one_adds_no_end() -> None:
    """A florist's delivery charge: "amount 4" of the charge is no count of stems."""
    old = "On orders under 10 stems, delivery costs £4."
    new = "On an order under 10 stems, also add the delivery with `add_charge` (amount 4)."
    moved = moved_bounds([(old, new)])
    assert [(was.value, now.value, was.kept) for was, now in moved] == [(10.0, 4.0, True)]
    stems = [4, 5, 6, 8, 9, 9, 10, 12, 15, 20, 24, 30]
    verdicts = [
        ProbeVerdict(
            probe_id=f"order-{index}",
            verdict="behavior-changed" if count < 10 else "unchanged",
            facets=["actions"] if count < 10 else [],
            old_samples=2,
            new_samples=2,
            features={"stems": count},
        )
        for index, count in enumerate(stems)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, 3, stated_boundaries([old, new]), moved)
    assert best.atoms == (Atom("stems", "<", 10.0),)


def test_a_band_no_probe_lies_in_adds_no_end() -> None:
    """A print shop's postage split by sheet count under a kept free-postage line: the charge
    moved from $3.50 to $6.50 is in dollars, as order totals are, but no order total lies
    between them, so that band is no band of the change and bounds nothing: the condition is
    the sheet count and the free-postage line, with no `order_total > 6.5`."""
    old = "Postage is $3.50 on every order, and free on orders over $40."
    new = (
        "Postage is $3.50 on orders of up to 20 sheets and $6.50 on orders over 20 sheets,"
        " and free on orders over $40."
    )
    moved = moved_bounds([(old, new)])
    orders = [
        (25, 12.0), (30, 18.5), (40, 25.0), (60, 32.0), (80, 39.0), (50, 40.0),
        (10, 15.0), (20, 22.0), (15, 35.0), (30, 45.0), (60, 55.0), (90, 80.0),
    ]  # fmt: skip
    verdicts = []
    for index, (sheets, total) in enumerate(orders):
        hit = sheets > 20 and total <= 40
        verdicts.append(
            ProbeVerdict(
                probe_id=f"order-{index}",
                verdict="behavior-changed" if hit else "unchanged",
                facets=["actions"] if hit else [],
                old_samples=2,
                new_samples=2,
                features={"sheets": sheets, "order_total": total},
            )
        )
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, 3, stated_boundaries([old, new]), moved)
    assert not [atom for atom in best.atoms if 6.0 <= float(atom.value or atom.low or 0) <= 7.0]
    assert any(atom.feature == "sheets" for atom in best.atoms)
