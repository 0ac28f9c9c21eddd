"""An argument whose name says no money (`penalty`) moved between values the prompt writes
with a currency sign ("A lost library card costs €20 to replace"): its values are amounts,
shown with the sign ("€20", not "20"), as a `fee` would be. A value the prompt writes bare
("renew up to 5 times") stays a number."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.drafting.facts import ActionFact, MovedValue, _signed

SENTENCES = [
    "A lost library card costs €20 to replace: add it with `replace_card` (penalty 20).",
    "Members can renew a book up to 5 times.",
]


def _moved(argument: str, old: float, new: float) -> MovedValue:
    return MovedValue(
        ActionFact.parse("replace_card"),
        argument,
        (("lost-a", old, new), ("lost-b", old, new)),
    )


def test_a_value_the_prompt_writes_with_a_sign_is_an_amount() -> None:
    moved = _signed(_moved("penalty", 20, 0), SENTENCES)
    assert moved.money
    assert replace(moved, text_currency="€").shown(20) == "€20.00"


def test_a_value_the_prompt_writes_bare_stays_a_number() -> None:
    moved = _signed(_moved("renewals", 5, 3), SENTENCES)
    assert not moved.money
    assert moved.shown(5) == "5"
