"""An apology that states the limit a customer falls outside is a refusal of service: a
minimum age raised, the 17-year-old once served is now told "sorry, e-bikes are only for
riders aged 18 or over" (a new user's trial, T15, read it as a 'meaning' change of low
severity)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("reply", "refused"),
    [
        ("Hi Alex, sorry, e-bikes are only for riders aged 18 or over.", True),
        ("Sorry, you need to be at least 18 to hire one.", True),
        ("Sorry, the evening rate is only available to members.", True),
        ("Hi Alex, yes, at 17 you can hire an e-bike.", False),
        ("Sorry for the wait! Our shop is only open on weekdays.", False),
    ],
)
def test_an_apology_stating_the_limit_the_customer_is_outside_is_a_refusal(
    reply: str, refused: bool
) -> None:
    """A minimum age raised: the 17-year-old once served is now told "sorry, e-bikes are only
    for riders aged 18 or over", a refusal of service (trial T15 read it as a 'meaning'
    change of low severity)."""
    from behaviordiff.detect.signature import REFUSAL

    assert bool(REFUSAL.search(reply)) is refused
