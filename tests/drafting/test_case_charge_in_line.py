"""A charge for one case inside a line the old rule already drew is said with its case, not
as the line alone; a value the changed prompt sentence keeps is no removed promise."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Atom
from behaviordiff.drafting.casetold import case_in_line, told_charge
from behaviordiff.drafting.keptvalue import kept_by_prompt

_RULE = (
    "If `age_days` is under 30 and `receipt` is false (no proof of purchase), book it with "
    "`book_fix` (fee 20) and tell them bikes without a receipt pay a £20 bench fee."
)
_ATOMS = (Atom("lookup_bike.age_days", "<", 30.0), Atom("lookup_bike.receipt", "=", False))


def test_the_charge_is_said_with_its_case_in_the_kb_voice() -> None:
    assert told_charge(_RULE, "£20") == "A £20 bench fee applies to bikes without a receipt."
    assert told_charge(_RULE, "£45") is None  # the told clause does not say this amount
    assert told_charge("Book it with `book_fix` (fee 20).", "£20") is None
    assert told_charge("tell them `fee` is £20", "£20") is None


def test_a_case_inside_the_old_line_is_not_a_charge_past_a_line() -> None:
    old = "If `age_days` is under 30, the fix is free, whoever bought the bike."
    assert case_in_line(_ATOMS, old, "30")
    # a new line (the old rule never drew 30) is a charge past it
    assert not case_in_line(_ATOMS, "Fixes are always free.", "30")
    # a line alone, no case beside it
    assert not case_in_line(_ATOMS[:1], old, "30")


def test_a_value_both_sides_of_the_changed_sentence_state_is_kept() -> None:
    kept = Promise("duration", "3 months", "guarantee")
    moved = Promise("amount", "£20", "")
    rules = [
        (
            "Our guarantee lasts 3 months and goes with the bike, whoever owns it.",
            "Our guarantee lasts 3 months and covers the first owner only.",
        ),
        (None, "Charge a £20 bench fee."),
    ]
    assert kept_by_prompt([kept, moved], rules) == [moved]
    # a value only the old side states is still a removed promise
    assert kept_by_prompt([kept], [("Guarantee: 3 months.", "No guarantee.")]) == [kept]


def test_a_kept_value_beside_a_new_one_of_its_kind_stays_removed() -> None:
    kept = Promise("duration", "30 days", "")
    rules = [("Returns within 30 days.", "Returns within 30 days (60 days for members).")]
    added = [Promise("duration", "60 days", "")]
    assert kept_by_prompt([kept], rules, added) == [kept]
