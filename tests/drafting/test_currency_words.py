"""A condition on an amount is written with the currency sign the change's texts use."""

from __future__ import annotations

from behaviordiff.detect.conditions import Atom
from behaviordiff.drafting.facts import condition_words, currency_symbol


def test_the_texts_currency_sign_wins_and_dollars_are_the_default() -> None:
    assert currency_symbol(["Refunds up to €15 are made at once.", "I refunded €9.50."]) == "€"
    assert currency_symbol(["Bookings under £40 are free to change.", "A $3 fee"]) == "£"
    assert currency_symbol(["No amount here.", ""]) == "$"


def test_a_bound_on_an_amount_is_written_in_the_given_currency() -> None:
    atom = Atom("get_booking.amount", "<=", 15.0)
    assert "€15" in condition_words([atom], currency="€")
    assert "$" not in condition_words([atom], currency="€")
    assert "$15" in condition_words([atom])
