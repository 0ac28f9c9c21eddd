"""A minimum raised for some values of a time category (made-up domain: a rowing club's boat
sessions were 2 hours at least on any day; now Saturday and Sunday sessions are 3 hours at
least). The move's values are bare numbers ("2" → "3"); the KB says them with their unit ("2
hours"). The exception follows the unit and says it too ("2 hours (3 hours for Saturday and
Sunday)"), the days with the capitals the prompt writes them with; a claim over every time
("whichever day you come") goes; a list item whose label's value is the old amount says the
exception first and the old amount for the rest."""

from __future__ import annotations

from behaviordiff.drafting.categories import rewrite_category
from behaviordiff.drafting.rules import RuleMove

OLD = "The minimum session is 2 hours, on any day."
NEW = "The minimum session is 2 hours, except on Saturdays and Sundays, when it is 3 hours."
MOVE = RuleMove(
    hunk_id="H1",
    old_sentence=OLD,
    new_sentence=NEW,
    old="2",
    new="3",
    kind="value",
    scope="for saturday and sunday",
    category="saturday",
    categories=("saturday", "sunday"),
)
NOUNS = frozenset({"session", "day"})


def test_the_exception_follows_the_unit_and_the_claim_over_every_day_goes() -> None:
    said = "Boats go out for 2 hours at least, whichever day you come, so plan your route."
    assert rewrite_category(MOVE, said, nouns=NOUNS) == (
        "Boats go out for 2 hours (3 hours for Saturday and Sunday) at least, so plan your route."
    )


def test_a_label_item_says_the_exception_first_and_the_old_amount_for_the_rest() -> None:
    assert rewrite_category(MOVE, "- Minimum session: 2 hours", nouns=NOUNS) == (
        "- Minimum session: 3 hours for Saturday and Sunday, 2 hours otherwise"
    )


def test_a_unit_the_new_sentence_does_not_say_stays_after_the_exception() -> None:
    said = "Rowers get 2 (3 for Saturday and Sunday) lessons a term."
    move = RuleMove("H1", OLD, NEW.replace("3 hours", "3"), "2", "3", "value",
                    scope="for saturday and sunday", category="saturday",
                    categories=("saturday", "sunday"))  # fmt: skip
    assert rewrite_category(move, "Rowers get 2 lessons a term.", nouns=NOUNS) == said


def test_the_unit_is_every_word_the_new_sentence_says_after_the_number() -> None:
    move = RuleMove("H1", OLD, "On Saturdays and Sundays members get 3 free boats.", "2", "3",
                    "value", scope="for saturday and sunday", category="saturday",
                    categories=("saturday", "sunday"))  # fmt: skip
    assert rewrite_category(move, "Members get 2 free boats a week.", nouns=NOUNS) == (
        "Members get 2 free boats (3 free boats for Saturday and Sunday) a week."
    )


def test_a_possessive_after_the_number_is_no_unit_to_take() -> None:
    said = rewrite_category(MOVE, "Sessions last 2 hours' rowing.", nouns=NOUNS)
    assert said is None or ")'" not in said


def test_the_unit_stops_before_a_function_word() -> None:
    move = RuleMove("H1", OLD, NEW.replace("3 hours.", "3 hours on the water."), "2", "3",
                    "value", scope="for saturday and sunday", category="saturday",
                    categories=("saturday", "sunday"))  # fmt: skip
    assert rewrite_category(move, "Boats go out for 2 hours on the water.", nouns=NOUNS) == (
        "Boats go out for 2 hours (3 hours for Saturday and Sunday) on the water."
    )


def test_a_claim_over_something_else_naming_a_day_stays() -> None:
    said = "Sessions last 2 hours, whatever the weather on the day."
    assert rewrite_category(MOVE, said, nouns=NOUNS) == (
        "Sessions last 2 hours (3 hours for Saturday and Sunday), whatever the weather on the day."
    )
