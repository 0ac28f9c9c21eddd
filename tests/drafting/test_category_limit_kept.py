"""A count limit lowered for one category while the general limit stays for the rest: "If a
member wants more than 6 classes a week, do not call `book_class`." → "If a member wants more
than 2 classes a week for a peak-time slot, do not call `book_class`." beside "If a member
wants more than 6 classes a week for any other slot, …" (`class_time = peak`: the category written
joined to its variable's word). The move is the category's; the prompt sentences keeping 6
for the others are its other side, not another rule; KB sentences stating "up to 6 classes a
week" for everyone (prose with an every-case claim, a macro with a placeholder, a list item
under a heading naming the subject) get the category's limit beside them, and 6 lockers (the
same number, another subject) stay. The note lists none of the refused booking's outcomes the
new prompt still states as no longer told, and quotes the sentence keeping 6 for the others.
Made-up domains: a gym (a category joined to its variable's word), a ferry's large-vehicle
bookings, a clinic's "urgent" flag (a category named alone)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import (
    category_named,
    narrowed_category_moves,
    others_keeping,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptrules import kept_rules
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter, kept_for_rest, outcome_still_said
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD = "If a member wants more than 6 classes a week, do not call `book_class`."
NEW = (
    "If a member wants more than 2 classes a week for a peak-time class, do not call `book_class`."
)
GENERAL = "Members can book up to 6 classes a week with `book_class` (class, day)."
OTHERS = (
    "If a member wants more than 6 classes a week for any other class, do not call `book_class`."
)
EXPLAIN = "Explain that a member can book up to 6 classes a week."
FEE = "Every booking carries a £1.50 fee."
LOCKERS = "The changing rooms have 6 lockers for day visitors."
SECTIONS = {
    "Booking classes": [GENERAL, NEW, OTHERS, EXPLAIN, FEE],
    "Changing rooms": [LOCKERS],
}

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou're booked on {{ticket.custom_field_class}}.\n\n"
    "You can book up to 6 classes a week, whatever the class. Each booking has a £1.50 fee.\n\n"
    "See you soon,\nThe Gym"
)
ARTICLE = """# Booking classes

## How many can I book?

You can book up to 6 classes a week. Bookings open 7 days ahead.

## Booking rules

- Up to 6 classes a week
- A £1.50 fee per booking

## Lockers

The changing rooms have 6 lockers for day visitors.
"""


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Booking classes", OLD, NEW, "…")]
    facts = ChangeFacts(
        id="C1",
        title="no longer calls book_class",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("book_class")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "class_time = peak and 2 < classes_wanted <= 6",
                    "atoms": [
                        {"feature": "class_time", "op": "=", "value": "peak"},
                        {
                            "feature": "classes_wanted",
                            "op": "between",
                            "low": 2,
                            "high": 6,
                            "low_inclusive": False,
                            "high_inclusive": True,
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=rules,
        removed_promises=[Promise("money", "£1.50"), Promise("limit", "up to 6")],
        added_promises=[Promise("limit", "up to 2")],
        prompt_sections=SECTIONS,
    )
    facts.moves = narrowed_category_moves(rule_moves(rules), facts.conditions, SECTIONS)
    facts.kept_rules = kept_rules(facts.moves, rules, SECTIONS)
    facts.kept_for_others = others_keeping(facts.moves, SECTIONS)
    return facts


def test_a_category_joined_to_its_variable_s_word_is_named() -> None:
    said = category_named("class_time", "peak", NEW)
    assert said is not None and said[0] == "peak-time"
    said = category_named("vehicle", "large", "Large-vehicle bookings are limited to 1.")
    assert said is not None and said[0] == "large-vehicle"
    assert said[1].group(0) == "Large-vehicle"
    # the value alone, as before
    said = category_named("priority", "urgent", "Urgent cases get 1 call.")
    assert said is not None and said[0] == "urgent"
    # another word after the value names no category of the variable
    assert category_named("vehicle", "large", "A large-print guide is free.") is None


def test_the_move_is_the_category_s_and_the_others_side_is_no_kept_rule() -> None:
    facts = _facts()
    [move] = facts.moves
    assert (move.old, move.new) == ("6", "2")
    assert move.category and move.scope == "for a peak-time class"
    # the prompt's sentences keeping 6 for the other slots are the move's other side; the
    # lockers are another rule with the same number
    assert LOCKERS in facts.kept_rules
    assert OTHERS not in facts.kept_rules and EXPLAIN not in facts.kept_rules


def test_every_case_sentences_get_the_category_s_limit_and_traps_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("macro", "Classes::Booked", MACRO),
            titled_item("article", "Booking classes", ARTICLE),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(facts, knowledge)}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["Classes::Booked"]).new_body
    # the every-case claim goes, the category's limit is said beside the general one
    assert macro == MACRO.replace(
        "up to 6 classes a week, whatever the class.",
        "up to 6 classes (2 classes for a peak-time class) a week.",
    )
    article = drafter.edit(facts, impacts["Booking classes"]).new_body
    # the list item is on the subject its heading names; the fee item, the booking horizon
    # and the lockers (6, another subject) stay
    assert article == ARTICLE.replace(
        "You can book up to 6 classes a week.",
        "You can book up to 6 classes (2 classes for a peak-time class) a week.",
    ).replace(
        "- Up to 6 classes a week", "- Up to 6 classes (2 classes for a peak-time class) a week"
    )


def test_the_note_keeps_the_refused_booking_s_outcomes_out_and_quotes_the_rest_s_limit() -> None:
    facts = _facts()
    # the fee the refused booking would have told is still in the prompt, untouched
    assert outcome_still_said(facts, Promise("money", "£1.50"))
    assert not outcome_still_said(facts, Promise("money", "£9.99"))
    # a change that starts an action is not a refusal: nothing is left out
    facts.after_actions = [ActionFact("offer_waitlist")]
    assert not outcome_still_said(facts, Promise("money", "£1.50"))
    assert kept_for_rest(_facts()) == "Members can book up to 6 classes a week."


def test_a_number_in_words_and_a_table_row_get_the_exception_and_the_lockers_row_stays() -> None:
    facts = _facts()
    body = (
        "# Classes\n\nYou can book up to six classes a week, whatever the class.\n\n"
        "| Rule | Limit |\n|---|---|\n| Classes a week | Up to 6 |\n| Lockers | 6 |\n"
    )
    [impact] = rank_items(facts, KnowledgeBase([titled_item("article", "Classes", body)]))
    assert TemplateDrafter().edit(facts, impact).new_body == body.replace(
        "up to six classes a week, whatever the class.",
        # the count in words keeps what it counts: the exception follows the noun
        "up to six classes (two classes for a peak-time class) a week.",
    ).replace("| Up to 6 |", "| Up to 6 (2 for a peak-time class) |")


def test_a_limit_lowered_for_everyone_is_no_category_move() -> None:
    """The same sentences with a condition naming no category (the band alone): the move stays
    plain, the others' sentences are kept rules as before, and the note quotes none."""
    rules = [Rule("H1", "sentence_changed", "Booking classes", OLD, NEW, "…")]
    band = Condition.from_dict(
        {
            "atoms": [
                {
                    "feature": "classes_wanted",
                    "op": "between",
                    "low": 2,
                    "high": 6,
                    "low_inclusive": False,
                    "high_inclusive": True,
                }
            ]
        }
    )
    [move] = narrowed_category_moves(rule_moves(rules), [band], SECTIONS)
    assert (move.category, move.scope) == ("", "")
    assert EXPLAIN in kept_rules([move], rules, SECTIONS)
    facts = _facts()
    facts.moves, facts.kept_for_others = [move], others_keeping([move], SECTIONS)
    assert kept_for_rest(facts) is None
