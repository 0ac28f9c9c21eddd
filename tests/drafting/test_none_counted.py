"""A count argument moved from none (a made-up hotel: `book_room` now adds one extra bed for
guests travelling with a child of 2 to 11, `extra_beds` 0 → 1, `cots` 1 → 0): the note says
"no extra beds" and "1 → none", never a bare 0 no prompt or reply states; an amount of £0
stays an amount."""

from __future__ import annotations

from behaviordiff.drafting.facts import ActionFact, MovedValue, Rule
from behaviordiff.drafting.template import TemplateDrafter
from tests.drafting.kit import band_atom, moved_facts

RULE = Rule(
    "H1",
    "sentence_changed",
    "Rooms",
    "Children under 12 sleep in a cot: book it with `book_room`.",
    "Children under 2 sleep in a cot; children aged 2 to 11 get an extra bed: book it with "
    "`book_room`.",
    "sentence changed",
)


def _note_text() -> str:
    facts = moved_facts([RULE], [band_atom("child_age", 2, 12)], title="book_room moved")
    facts.moved = [
        MovedValue(ActionFact("book_room"), "extra_beds", (("p1", 0.0, 1.0), ("p2", 0.0, 1.0))),
        MovedValue(ActionFact("book_room"), "cots", (("p1", 1.0, 0.0), ("p2", 1.0, 0.0))),
    ]
    note = TemplateDrafter().note(facts, [], None)
    return " ".join([note.title, note.before, note.after, note.customer_impact])


def test_a_count_of_none_is_said_in_words() -> None:
    text = _note_text()
    assert "with no extra beds" in text
    assert "1 → none" in text
    assert "1 instead of none" in text
    assert " 0" not in text


def test_an_amount_of_nothing_stays_an_amount() -> None:
    moved = MovedValue(ActionFact("charge_fee"), "fee_gbp", (("p1", 5.0, 0.0),), text_currency="£")
    assert moved.money and moved.shown(0.0) == "£0.00"
    assert MovedValue(ActionFact("book_room"), "class", (("p1", 1.0, 0.0),)).shown(0.0) == "0"


def test_a_singular_ending_in_s_set_to_zero_is_a_number_not_none() -> None:
    for argument in ("status", "radius", "bonus", "basis"):
        moved = MovedValue(ActionFact("set_alarm"), argument, (("p1", 1.0, 0.0),))
        assert moved.shown(0.0) == "0"
    for argument in ("spare_keys", "extra_beds"):
        moved = MovedValue(ActionFact("set_alarm"), argument, (("p1", 1.0, 0.0),))
        assert moved.shown(0.0) == "none"
