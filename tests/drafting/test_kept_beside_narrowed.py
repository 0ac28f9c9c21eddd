"""Two narrowings found when this session's fixes were merged. A reworded sentence beside the
changed rule keeps only a value the change's customers still read there (a made-up boat hire:
"you can rebook any day in the next 12 months"), not a term the rewritten rule still names, and
nothing at all beside a moved price (the kept "£22 on weekdays" is the others'). A changed rule
that claimed itself for every case crosses a KB claim for the same case only about its own
subject (a made-up bakery: "each loaf" of a refund is not "each loaf" of slicing), and not when
the new rule counts the same things ("one loaf per order")."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.facts import Rule, kept_beside
from behaviordiff.drafting.impact import _old_claim_for_all

BESIDE = [
    (
        "Boat hire is for members only; they can rebook any day in the next 12 months.",
        "Boat hire is open to everyone; they can rebook any day in the next 12 months.",
    )
]
MONTHS = Promise("duration", "12 months")
TERM = Promise("term", "boat hire")


def test_a_value_said_on_both_sides_beside_the_rule_is_kept_and_a_term_is_not() -> None:
    assert kept_beside([MONTHS, TERM], False, BESIDE) == [TERM]


def test_nothing_is_kept_beside_a_moved_argument() -> None:
    assert kept_beside([MONTHS, TERM], True, BESIDE) == [MONTHS, TERM]


SLICING = Rule(
    "H1",
    "sentence_changed",
    "Slicing",
    "Slicing is free for each loaf in the order, whatever the size.",
    "Slicing is free for one loaf per order; each further loaf costs 50p.",
    "…",
)
ROLLS = Rule(
    "H2",
    "sentence_changed",
    "Loyalty",
    "Stamps never carry over on any card.",
    "Gold members: unused stamps carry over for 3 months.",
    "…",
)


def test_the_same_every_case_about_another_subject_is_not_crossed() -> None:
    assert not _old_claim_for_all(SLICING, "We refund each loaf separately, within 5 days.")


def test_a_new_rule_counting_the_same_things_crosses_no_claim() -> None:
    assert not _old_claim_for_all(SLICING, "We slice each loaf free of charge, whatever its size.")


def test_a_claim_dropped_for_every_case_still_crosses_the_kbs_claim() -> None:
    assert _old_claim_for_all(ROLLS, "Stamps don't carry over on any of our cards.")
