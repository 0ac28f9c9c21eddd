"""A count is no amount of money because a prompt sentence writes the same number with a
currency sign beside it (a made-up cabin site: stays of 5 nights get a £5 voucher; a
restaurant: tables for 10 need a £10 deposit). The value is shown as the number it is."""

from __future__ import annotations

from behaviordiff.drafting.facts import ActionFact, MovedValue, _signed


def _moved(call: str, argument: str, old: float, new: float) -> MovedValue:
    return MovedValue(ActionFact.parse(call), argument, (("p1", old, new), ("p2", old, new)))


def test_a_count_argument_stays_a_number_beside_a_signed_amount() -> None:
    moved = _signed(
        _moved("book_stay", "nights", 3, 5),
        ["Stays of 5 nights or more get a £5 breakfast voucher."],
    )
    assert not moved.money
    assert moved.shown(5) == "5"


def test_a_size_argument_stays_a_number() -> None:
    moved = _signed(
        _moved("book_table", "party_size", 8, 10),
        ["Tables for 10 or more need a £10 deposit per guest."],
    )
    assert not moved.money
    assert moved.shown(10) == "10"


def test_a_number_written_bare_elsewhere_is_no_amount() -> None:
    # the argument's name says nothing, but the sentence counts guests with the same number
    moved = _signed(
        _moved("book_room", "tier", 4, 6),
        ["Groups of 6 pay a £6 cleaning supplement."],
    )
    assert not moved.money


def test_a_number_beside_the_arguments_own_name_is_still_an_amount() -> None:
    moved = _signed(
        _moved("replace_card", "penalty", 20, 25),
        ["A lost card now costs €25 to replace: call `replace_card` (penalty 25)."],
    )
    assert moved.money
