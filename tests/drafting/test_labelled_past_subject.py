"""A labelled rule whose case is stated in the past ("Exception: if the bike was stolen, …") is
restated for the KB as one whose case is stated in the present ("… if the bike is stolen") is:
the subject's verb may be "was" or "were" (an agent in another domain: a bike hire)."""

from __future__ import annotations

from behaviordiff.drafting.rules import kb_rule


def test_a_labelled_rule_with_a_case_in_the_past_is_restated() -> None:
    restated = kb_rule(
        "Exception: if the bike was stolen, a replacement can also be sent with at least 3 "
        "hours' notice."
    )
    assert restated is not None
    assert restated.sentence == (
        "A replacement can also be sent with at least 3 hours' notice if the bike was stolen."
    )


def test_a_plural_case_in_the_past_is_restated_too() -> None:
    restated = kb_rule(
        "Exception: if the bikes were stolen together, replacements are sent the same day."
    )
    assert restated is not None
    assert restated.sentence == (
        "Replacements are sent the same day if the bikes were stolen together."
    )


def test_a_subject_found_before_its_past_verb_stays_whole() -> None:
    restated = kb_rule("Exception: riders who were referred get 10% off.")
    assert restated is not None
    assert restated.head == "riders who were referred"
