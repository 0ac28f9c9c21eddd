"""A hotel now refunds a cancelled stay less a 20% cancellation charge (ratio 0.8)."""

from behaviordiff.drafting.keptback import claims_whole, kept_back_name, less_kept_back

PROMPT = "If a guest cancels, refund what they paid minus a 20% cancellation charge."
NAME = "20% cancellation charge"


def test_name_is_the_prompts_own_words_for_the_complement() -> None:
    assert kept_back_name("80%", PROMPT) == NAME
    assert kept_back_name("70%", PROMPT) is None
    assert kept_back_name(None, PROMPT) is None
    assert kept_back_name("80%", "Refund 80% of the stay.") is None


def test_nothing_deducted_tail() -> None:
    assert (
        less_kept_back("You get back what you paid for the stay, with nothing deducted.", NAME)
        == "You get back what you paid for the stay, less a 20% cancellation charge."
    )


def test_exactly_what_you_paid_loses_exactly() -> None:
    assert (
        less_kept_back("You'll get back exactly what you paid, with nothing deducted.", NAME)
        == "You'll get back what you paid, less a 20% cancellation charge."
    )


def test_nothing_deducted_head() -> None:
    assert (
        less_kept_back("Nothing is deducted from a cancelled booking.", NAME)
        == "A 20% cancellation charge is deducted from a cancelled booking."
    )


def test_full_amount_with_every_penny() -> None:
    assert (
        less_kept_back(
            "We'll refund the full amount you paid, every penny (100%), to your card.", NAME
        )
        == "We'll refund the amount you paid less a 20% cancellation charge to your card."
    )
    assert less_kept_back("We refund the full price you paid.", NAME) == (
        "We refund the price you paid less a 20% cancellation charge."
    )


def test_row_cell() -> None:
    assert less_kept_back("| Cancelled stay | 14 days | The full amount paid |", NAME) == (
        "| Cancelled stay | 14 days | The amount paid less a 20% cancellation charge |"
    )


def test_other_whole_claims_are_left_for_a_flag() -> None:
    text = "Guests are refunded in full."
    assert claims_whole(text)
    assert less_kept_back(text, NAME) is None
    assert less_kept_back("Breakfast is served from 7am.", NAME) is None
