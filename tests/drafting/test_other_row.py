"""Two values that moved together in one row of a prompt's price list: at a bike workshop the
full service went from 90 minutes at $80 to 120 minutes at $95 (service = full, bookings). The
wheel-truing macro says "It takes 30 minutes and costs $80": the same price by chance, beside
another length than the full service's old or new one, so another row of the list. It is kept;
the full-service macro, which states 90 minutes and $80, is still the changed rule."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.otherrow import states_other_row
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Full service: 90 minutes, $80."
NEW = "Full service: 120 minutes, $95."
FULL = (
    "Your full service is booked for {{time}}. Our full service takes 90 minutes and costs $80, "
    "paid on collection."
)
WHEEL = (
    "Thanks for booking with us! Your wheel true service is booked for {{time}}. It takes 30 "
    "minutes and costs $80, paid on collection."
)


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Services and prices", OLD, NEW, "sentence changed")]
    atoms = [
        {"feature": "service", "op": "=", "value": "full"},
        {"feature": "tag:booking", "op": "tag"},
    ]
    return moved_facts(rules, atoms)


def test_a_value_beside_another_of_the_row_scale_is_another_row() -> None:
    facts = _facts()
    price = next(move for move in facts.moves if move.old == "$80")
    assert states_other_row(facts.moves, price, "It takes 30 minutes and costs $80.")
    assert not states_other_row(facts.moves, price, "It takes 90 minutes and costs $80.")
    assert not states_other_row(facts.moves, price, "It costs $80.")


def test_a_value_in_another_clause_is_not_of_the_row() -> None:
    """The other value must be said of the row's subject, in the clause stating the old one."""
    facts = _facts()
    price = next(move for move in facts.moves if move.old == "$80")
    booked = "A full service costs $80; please book at least 60 minutes before closing."
    assert not states_other_row(facts.moves, price, booked)
    assert not states_other_row(
        facts.moves, price, "A full service costs $80 (book 60 minutes before closing)."
    )
    assert states_other_row(facts.moves, price, "Wheel truing: 30 minutes, $80.")
    assert states_other_row(facts.moves, price, "It takes 30 minutes and costs $80, paid later.")


def test_the_other_row_macro_is_kept() -> None:
    kb = KnowledgeBase(
        [
            kb_item("full", FULL, kind="macro", title="Bookings::Full service booked"),
            kb_item("wheel", WHEEL, kind="macro", title="Bookings::Wheel truing booked"),
            kb_item("hours", "We're open 8am to 6pm Monday to Saturday."),
            kb_item("parking", "There is free parking behind the workshop."),
            kb_item("gift", "Gift cards can be used for any repair and are valid for a year."),
            kb_item("cancel", "You can move a booking free of charge up to a day before."),
        ]
    )
    affected = {impact.item.key for impact in rank_items(_facts(), kb) if impact.conflicts}
    assert affected == {"macro:full"}
