"""A share said in words beside its percent moves with the percent."""

from behaviordiff.drafting.sharewords import with_share_words


def test_the_words_of_the_old_share_say_the_new_one() -> None:
    raw = "We return a quarter of the deposit (40%) ... no: a quarter of it (25%)."
    assert with_share_words("We return a quarter of the deposit (50%).", "25%", "50%") == (
        "We return half of the deposit (50%)."
    )
    assert with_share_words("Half the deposit (75%) comes back.", "50%", "75%") == (
        "Three quarters of the deposit (75%) comes back."
    )
    assert "a quarter" in with_share_words(raw, "25%", "40%")


def test_words_of_another_share_stay() -> None:
    raw = "Half the deposit comes back, and a quarter of the fee (50%)."
    assert with_share_words(raw, "25%", "75%") == (
        "Half the deposit comes back, and three quarters of the fee (50%)."
    )
