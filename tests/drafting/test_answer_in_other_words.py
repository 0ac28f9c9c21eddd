"""An FAQ answer opening with a short answer in other words than yes or no ("Nothing at all.",
"Never.", "Free!") before the sentence an edit makes depend on the case loses it, as a bare
"No." does; and a table cell saying a charge now taken on one side of a line says the other
side stays free. A made-up bike hire and a made-up bakery, not a scenario's domain."""

from __future__ import annotations

from behaviordiff.drafting.answerword import answer_words, kept_answer_words
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.newcharge import NewCharge, charge_cell

OLD = (
    "## Do helmets cost extra?\n\nNot at all. Helmets are free with every hire, however long "
    "you ride: we never charge for them.\n\n## Can I ride at night?\n\nAlways! Lights are "
    "fitted to every bike.\n"
)
NEW = OLD.replace(
    "Helmets are free with every hire, however long you ride: we never charge for them.",
    "Helmets are free on hires of 2 hours or more; under 2 hours, we charge £2 for a helmet.",
)


def test_a_short_answer_in_other_words_before_a_flipped_sentence_goes() -> None:
    body, words = answer_words(OLD, NEW)
    assert words == ["Not at all."]
    assert "Not at all." not in body
    assert "\n\nHelmets are free on hires of 2 hours or more;" in body
    # the other question's short answer, before a sentence the edit left alone, stays
    assert "Always! Lights are fitted to every bike." in body
    assert kept_answer_words(OLD, NEW) == ["Not at all."]


def test_a_short_answer_before_a_sentence_saying_the_same_stays() -> None:
    old = "## What does slicing cost?\n\nNothing. We slice any loaf for free.\n"
    new = old.replace("any loaf", "any loaf or bap")
    assert answer_words(old, new) == (new, [])


def test_other_short_answers_are_read_as_answers() -> None:
    for word in ("Nothing at all.", "None.", "Never.", "Free!", "Of course.", "No charge."):
        old = f"Q: Is delivery charged?\n\n{word} Delivery is free on every order, always."
        new = old.replace("on every order, always", "on orders of £20 or more, but not below")
        assert answer_words(old, new)[1] == [word], word


def _charge(free_from: str | None, free_side: str | None = None) -> NewCharge:
    rule = Rule("H1", "sentence_added", "Slicing", None, "Under £10, slicing costs 50p.", "")
    return NewCharge(
        rule=rule,
        amount="£1",
        what="for slicing",
        verb="charge",
        number="10",
        bound="under £10",
        allowance="Slicing is free on orders of £10 or more.",
        topic=frozenset([frozenset(["slicing"])]),
        old_numbers=frozenset(),
        free_side=free_side,
        free_from=free_from,
    )


def test_a_cell_for_a_charge_below_a_line_says_the_side_that_stays_free() -> None:
    assert charge_cell(_charge("from £10")) == "£1 for slicing under £10; free from £10"
    assert charge_cell(_charge(None)) == "£1 for slicing under £10"
    assert charge_cell(_charge("from £10", "under £5")) == (
        "£1 for slicing under £10; free under £5"
    )
