"""One value split at a line on a number (`drafting.boundsides`), in made-up domains.

A self-storage firm charged "$40 a month, whatever the size" and now charges units over 50 sq
ft $65; a bike hire lasted 3 hours and now lasts 2 hours past 6 riders; a parcel depot holds
parcels 7 days and now 14 from 2 kg; a holiday let's cleaning fee of €30 per stay is now €50 past
7 nights. The new prompt names each side only by its bound on the line's number, so no KB word
names one side: a KB sentence, macro line or table cell stating the old value for every case
keeps it for the rest's side and says the subset's beside it, without its every-case claim ("a
flat", "whatever the size"). A sentence that already names the line, a row of another topic
stating the same amount, and a value in words beside it are left for a writer.

A café whose members got "10% off their bill" now get "£3 off bills of £20 or more": the new
value holds only past a line the old rule never had, so what the KB said the old value held on
("everything", "every order", "your bill") goes for the line, and a sentence holding it on
something else is flagged (None) rather than given half the rule."""

from __future__ import annotations

import pytest

from behaviordiff.drafting.boundsides import (
    bound_line,
    in_shape_of,
    line_object,
    split_rest,
    with_line_object,
)
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rewrite_split, rule_moves

STORAGE = (
    "Storage costs $40 a month, whatever the size of the unit.",
    "Storage costs $40 a month for units up to 50 sq ft, $65 a month for units over 50 sq ft.",
)
BIKES = (
    "Bike hire lasts 3 hours.",
    "Bike hire lasts 3 hours for groups of up to 6 riders and 2 hours for groups of more than 6 "
    "riders.",
)
PARCELS = (
    "Parcels are held at the depot for 7 days.",
    "Parcels are held at the depot for 7 days for parcels under 2 kg and 14 days for parcels of "
    "2 kg or more.",
)
CLEANING = (
    "The cleaning fee is €30 per stay.",
    "The cleaning fee depends on the length of stay: €30 for stays of up to 7 nights, €50 for "
    "stays of more than 7 nights.",
)
CAFE = ("Members get 10% off their bill.", "Members get £3 off bills of £20 or more.")


def _move(pair: tuple[str, str]) -> RuleMove:
    moves = rule_moves([Rule("H1", "sentence_changed", "Prices", pair[0], pair[1], "…")])
    assert len(moves) == 1
    return moves[0]


def test_the_diff_reads_sides_told_apart_by_a_bound_alone() -> None:
    storage = _move(STORAGE)
    assert (storage.old, storage.new) == ("$40", "$65")
    assert storage.scope == "for units over 50 sq ft"
    assert storage.others == "for units up to 50 sq ft"
    bikes = _move(BIKES)
    assert (bikes.old, bikes.new) == ("3 hours", "2 hours")
    assert bikes.others == "for groups of up to 6 riders"
    assert bound_line(bikes.scope, bikes.others) == "6"
    # the old rule's own claim right after its value ("on every order") is the sentence
    # tail's to split (`splittail`, `everysplit`): no bound-sides move
    assert not rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Delivery",
                "Delivery is £4.95 on every order.",
                "Delivery is £4.95 on orders up to 10 kg and £8.95 on orders over 10 kg.",
                "…",
            )
        ]
    )
    # sides told apart by a category are not a line's
    assert bound_line("on a full-time place", "on a part-time place") is None
    assert bound_line("for gold members over 60", "for silver members up to 60") is None


def test_prose_with_an_every_case_claim_says_both_sides() -> None:
    move = _move(STORAGE)
    said = rewrite_split(move, "You pay a flat $40 a month, whatever the size of your unit.")
    assert said == ("You pay $40 a month for units up to 50 sq ft ($65 for units over 50 sq ft).")
    fee = _move(CLEANING)
    said = rewrite_split(fee, "There's a flat fee of €30 per stay for cleaning, paid on arrival.")
    assert said == (
        "There's a fee of €30 per stay for stays of up to 7 nights (€50 for stays of more than 7 "
        "nights) for cleaning, paid on arrival."
    )


def test_a_macro_sentence_with_placeholders_keeps_them() -> None:
    move = _move(PARCELS)
    raw = "Hi {{ticket.requester.first_name}}, we'll hold parcel {{ticket.id}} for 7 days."
    assert rewrite_split(move, raw) == (
        "Hi {{ticket.requester.first_name}}, we'll hold parcel {{ticket.id}} for 7 days for "
        "parcels under 2 kg (14 days for parcels of 2 kg or more)."
    )


def test_a_table_row_on_the_topic_names_both_sides_in_its_cell() -> None:
    move = _move(BIKES)
    header = "| What | How long |"
    assert rewrite_split(move, "| Bike hire | 3 hours |", header) == (
        "| Bike hire | 3 hours for groups of up to 6 riders (2 hours for groups of more than 6 "
        "riders) |"
    )
    # another topic stating the same amount is a trap: untouched
    assert rewrite_split(move, "| Locker rental | 3 hours |", header) is None


def test_what_the_move_must_not_touch() -> None:
    move = _move(STORAGE)
    # a sentence already naming the line is about one side, or says it: a writer's
    assert rewrite_split(move, "Units over 50 sq ft cost $40 a month.") is None
    # the value twice, or in words beside its digits: a writer's
    assert rewrite_split(move, "It's $40 a month, and $40 again for the key.") is None
    assert rewrite_split(move, "Forty dollars ($40) a month covers it.") is None
    # the other side's value, or neither value
    assert rewrite_split(move, "Parking is free.") is None


@pytest.mark.parametrize(
    "raw",
    [
        "Our large units cost $40 a month.",  # one side in its own words
        "Small units cost $40 a month.",  # the rest's side: true as it stands
        "Even our biggest units are just $40 a month.",
        "Bigger units are no problem either: storing them is still $40 a month.",
    ],
)
def test_a_sentence_naming_one_side_in_its_own_words_is_left(raw: str) -> None:
    assert rewrite_split(_move(STORAGE), raw) is None


def test_the_new_amount_is_written_like_the_old_one() -> None:
    pence = ("Storage costs $40 a month for any unit.", STORAGE[1].replace("$65", "$65.00"))
    move = _move(pence)
    assert move.new == "$65.00"
    assert rewrite_split(move, "You pay a flat $40 a month.") == (
        "You pay $40 a month for units up to 50 sq ft ($65 for units over 50 sq ft)."
    )
    # the old written with pence: the new keeps them
    assert in_shape_of("$65.00", "$40.00") == "$65.00"
    assert in_shape_of("$65.50", "$40") == "$65.50"


def test_the_rest_is_read_from_the_split_for_a_promise_rewrite() -> None:
    moves = [_move(CLEANING), _move(CAFE)]
    assert split_rest(moves, "€30.00", "€50.00") == "stays of up to 7 nights"
    assert split_rest(moves, "€30", "€70") is None


def test_a_new_value_bounded_at_a_line_replaces_the_every_case_object() -> None:
    move = _move(CAFE)
    assert line_object(move.old_sentence, move.new_sentence, move.old, move.new) == (
        "off bills of £20 or more"
    )
    # where the claim held stays with the line ("in the sale"): dropped, it would widen it
    assert rewrite_sentence(move, "That's 10% off everything on the menu, drinks included.") == (
        "That's £3 off bills of £20 or more on the menu, drinks included."
    )
    assert rewrite_sentence(move, "Members get 10% off everything in the sale.") == (
        "Members get £3 off bills of £20 or more in the sale."
    )
    assert rewrite_sentence(move, "Members get 10% off everything we sell, and free refills.") == (
        "Members get £3 off bills of £20 or more, and free refills."
    )
    assert rewrite_sentence(move, "| Members | 10% off every bill |") == (
        "| Members | £3 off bills of £20 or more |"
    )
    assert rewrite_sentence(move, "Show your card for 10% off your bill.") == (
        "Show your card for £3 off bills of £20 or more."
    )


@pytest.mark.parametrize(
    "raw",
    [
        "Members save 10% on gift vouchers.",  # held on something else: the line unsaid
        "Members get 10%, as before.",  # held on nothing said: half the rule
    ],
)
def test_a_line_the_sentence_cannot_carry_is_flagged(raw: str) -> None:
    assert rewrite_sentence(_move(CAFE), raw) is None


def test_an_old_rule_with_its_own_line_moves_as_before() -> None:
    move = _move(("Members get 10% off bills over £20.", "Members get 15% off bills over £20."))
    assert line_object(move.old_sentence, move.new_sentence, move.old, move.new) is None
    assert rewrite_sentence(move, "Members get 10% off bills over £20.") == (
        "Members get 15% off bills over £20."
    )
    assert with_line_object("10% off gift cards", 3, "off bills of £20 or more") is None


# A list by case where one line moved: a gym's class lengths by site code, and a printer's
# turnaround by paper code; the other lines keep the old value.
GYM_OLD = "city_centre (our City Centre club): 45-60 minutes."
GYM_NEW = "city_centre (our City Centre club): 30-45 minutes."
GYM_REST = "riverside (our Riverside club): 45-60 minutes."
PRINT_OLD = "- matte_card (matte card stock): 2-4 working days."
PRINT_NEW = "- matte_card (matte card stock): 5-7 working days."
PRINT_REST = "- gloss_paper: 2-4 working days."


def _label_move(
    old: str, new: str, rest: str, heading: str = "Times", more: dict[str, list[str]] | None = None
) -> RuleMove:
    from behaviordiff.drafting.subsetvalue import narrowed_subset_moves

    moves = rule_moves([Rule("H1", "sentence_changed", heading, old, new, "…")])
    assert [(m.old, m.new) for m in moves] == [(_range(old), _range(new))]
    sections = {**(more or {}), heading: [rest, new, *(more or {}).get(heading, [])]}
    narrowed = narrowed_subset_moves(moves, sections)
    assert len(narrowed) == 1
    return narrowed[0]


def _range(sentence: str) -> str:
    import re

    found = re.search(r"\d+-\d+", sentence)
    assert found is not None
    return found.group(0)


def test_a_range_moves_whole_and_a_listed_case_is_its_scope() -> None:
    gym = _label_move(GYM_OLD, GYM_NEW, GYM_REST, "Class lengths")
    assert (gym.scope, gym.narrowed) == ("for our City Centre club", True)
    # a sentence for every club keeps the old range and says the moved case's beside it
    assert rewrite_sentence(gym, "Classes run for 45-60 minutes, so bring water.") == (
        "Classes run for 45-60 minutes (30-45 minutes for our City Centre club), so bring water."
    )
    # a row naming the case takes its new range alone; another case's row stays
    assert rewrite_sentence(gym, "| Classes at our City Centre club | 45-60 minutes |") == (
        "| Classes at our City Centre club | 30-45 minutes |"
    )
    assert rewrite_sentence(gym, "| Classes at our Riverside club | 45-60 minutes |") is None
    printer = _label_move(PRINT_OLD, PRINT_NEW, PRINT_REST)
    assert rewrite_sentence(printer, "| Matte card stock | 2-4 days, from £12 |") == (
        "| Matte card stock | 5-7 days, from £12 |"
    )


def test_a_listed_case_no_other_line_keeps_is_no_narrowing() -> None:
    from behaviordiff.drafting.subsetvalue import narrowed_subset_moves

    moves = rule_moves([Rule("H1", "sentence_changed", "Times", GYM_OLD, GYM_NEW, "…")])
    narrowed = narrowed_subset_moves(moves, {"Times": [GYM_NEW, "riverside: 20 minutes."]})
    assert not narrowed[0].narrowed
    # a range beside another change is no range move
    assert not any(
        m.old == "45-60"
        for m in rule_moves(
            [Rule("H1", "sentence_changed", "T", GYM_OLD, "city_centre: 30-45 minutes daily.", "…")]
        )
    )


def test_a_listed_case_move_leaves_another_topic_and_another_case() -> None:
    gym = _label_move(GYM_OLD, GYM_NEW, GYM_REST, "Class lengths")
    # another case of the list, or one the prompt never lists, keeps the old range
    for other in (
        "Classes at our Riverside club run for 45-60 minutes.",
        "Classes at our Harbourside club also run for 45-60 minutes.",
    ):
        assert rewrite_sentence(gym, other) is None, other
    # another topic stating the same range, even naming the moved case
    for other in (
        "Personal training sessions last 45-60 minutes.",
        "Allow 45-60 minutes to park at the City Centre club on Saturdays.",
    ):
        assert rewrite_sentence(gym, other) is None, other
    # a sentence sharing only the section's instructions with the list, and another
    # section's heading, is that section's ("lockers … kept" beside "## Lockers")
    lead = "When a customer asks when their pots will arrive, say how long their glaze takes."
    kiln = _label_move(
        "- stoneware_glaze (our stoneware glazes): 8-10 days.",
        "- stoneware_glaze (our stoneware glazes): 12-14 days.",
        "- earthenware (our earthenware glazes): 8-10 days.",
        "Firing turnaround",
        {"Firing turnaround": [lead], "Lockers": ["Members can rent a locker."]},
    )
    assert kiln.narrowed
    assert rewrite_sentence(kiln, "Lockers rented online arrive in 8-10 days.") is None
    said = rewrite_sentence(kiln, "Hi {{customer.name}}, your pots should arrive in 8-10 days.")
    assert said == (
        "Hi {{customer.name}}, your pots should arrive in 8-10 days (12-14 days for our "
        "stoneware glazes)."
    )


def test_a_value_no_rule_states_is_compared_whole() -> None:
    from behaviordiff.drafting.template import _holds_other_values

    rules = [
        Rule("H1", "sentence_changed", "Fees", "Deposits are £300.", "Deposits are £400.", "…")
    ]
    # "£30" is no part of "£300": a sentence stating it holds another fact
    assert _holds_other_values("A deposit of £30 holds the date.", rules)
    assert not _holds_other_values("A deposit of £300 holds the date.", rules)


@pytest.mark.parametrize(
    ("old", "new", "rest", "scope"),
    [
        (
            "- Outer isles: 2-3 working days.",
            "- Outer isles: 3-5 working days.",
            "- Mainland: 2-3 working days.",
            "for Outer isles",
        ),
        (
            "**Zone C (outer isles)**: 2-3 working days",
            "**Zone C (outer isles)**: 3-5 working days",
            "**Zone A (mainland)**: 2-3 working days",
            "for Zone C (outer isles)",
        ),
        (
            "- Zone C — outer isles: 2-3 working days",
            "- Zone C — outer isles: 3-5 working days",
            "- Zone A — mainland: 2-3 working days",
            "for Zone C — outer isles",
        ),
    ],
)
def test_a_list_line_labelled_in_words_is_that_case_move(
    old: str, new: str, rest: str, scope: str
) -> None:
    from behaviordiff.drafting.subsetvalue import narrowed_subset_moves

    moves = rule_moves([Rule("H1", "sentence_changed", "Courier times", old, new, "…")])
    sections = {
        "Courier times": ["Courier times depend on the zone:", rest.lstrip("- "), new.lstrip("- ")],
        "Brochures": ["Brochures are free."],
    }
    (move,) = narrowed_subset_moves(moves, sections)
    assert (move.scope, move.narrowed) == (scope, True)
    assert rewrite_sentence(move, "Courier parcels take 2-3 working days.") == (
        f"Courier parcels take 2-3 working days (3-5 working days {scope})."
    )
    # another topic with the same range stays
    assert rewrite_sentence(move, "Brochures arrive in 2-3 working days.") is None
    # a note's label names no case
    note = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "T",
                "Note: 2-3 working days.",
                "Note: 3-5 working days.",
                "…",
            )
        ]
    )
    assert not narrowed_subset_moves(note, {"T": ["Note: 3-5 working days.", rest]})[0].narrowed


def test_a_labelled_rule_sentence_is_no_list_by_case() -> None:
    from behaviordiff.drafting.subsetvalue import glossed_label

    assert glossed_label("- Outer isles: 3-5 working days.") == "Outer isles"
    assert glossed_label("- Members: loyal members get 10% off their basket.") is None
    # a lead-in clause names no case
    assert glossed_label("- If they ask: 3-5 working days.") is None
    assert glossed_label("- When it ships: 3-5 working days.") is None
