"""A note says what customers are now told in the prompt's words: a £15 fee read from a reply
as "£15.00" is "a £15 large-dog supplement" when the change's prompt sentence names it so,
and a call read as "1 business day" keeps the prompt's "working day"."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.toldwords import told_phrase

NEW = (
    "If the dog weighs 20 to 39 kg, book a large-dog groom with `book_groom` and tell the "
    "customer a large-dog supplement of £15 applies."
)
OLD = "Tell the customer the groomer will ring them within 2 working days."


def test_a_fee_is_said_as_the_prompt_names_it() -> None:
    assert told_phrase(Promise("money", "£15.00"), [NEW]) == "a £15 large-dog supplement"
    # another amount is not that fee
    assert told_phrase(Promise("money", "£20.00"), [NEW]) == "£20.00"


def test_a_day_unit_is_said_in_the_prompt_word() -> None:
    call = Promise("callback", "a call to the customer, 2 business days")
    assert told_phrase(call, [OLD]) == "a call to the customer, 2 working days"
    assert told_phrase(call, [NEW]) == "a call to the customer, 2 business days"
