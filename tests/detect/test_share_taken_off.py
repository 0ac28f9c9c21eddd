"""A share in words taken off a price, whatever verb takes it ("we take a tenth off", "knock
a quarter off the bill", "half off"), is the share it names; "off" starting a compound
("a quarter off-road") is not."""

from __future__ import annotations

import pytest

from behaviordiff.detect.wordamounts import share_in_words, shares_said


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("When you stay a week, we take a tenth off.", 10.0),
        ("Members knock a quarter off the bill.", 25.0),
        ("Everything in the window is half off.", 50.0),
    ],
)
def test_share_taken_off_is_read(text: str, share: float) -> None:
    assert [said for _, said in shares_said(text)] == [share]


def test_off_starting_a_compound_is_not_a_share() -> None:
    assert shares_said("About a quarter off-road, the rest on tarmac.") == []


def test_the_old_value_found_as_a_share_off() -> None:
    assert [m.group(0) for m in share_in_words("10%", "we take a tenth off.")] == ["a tenth"]
