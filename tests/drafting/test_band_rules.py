"""A moved line with a new rule in the band it leaves (made-up domains: a language school whose
free course changes end earlier with a fee between, a shop whose full-refund window shrinks
with a partial refund between): the KB's text about the far side of the old line stays, the
near side moves, and a table gets a row for the band with the new rule's amount."""

from __future__ import annotations

import re

import pytest

from behaviordiff.drafting.bands import band_rule, far_side, missing_band_rule, side_of
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts


def _facts(rules: list[Rule], low: float, high: float) -> ChangeFacts:
    return moved_facts(rules, [band_atom("days", low, high)])


SCHOOL_MOVED = Rule(
    "H1",
    "sentence_changed",
    "Course changes",
    "Course changes made at least 7 days before the start date are free: use `move_course`.",
    "Course changes made at least 14 days before the start date are free: use `move_course`.",
    "sentence changed",
)
SCHOOL_FEE = Rule(
    "H2",
    "sentence_added",
    "Course changes",
    None,
    "Changes made later than that, but still at least 7 days before the start date, cost a "
    "$20 admin fee: charge it with `charge_fee`.",
    "sentence added",
)
SCHOOL_ARTICLE = """# Moving to another course

## What does it cost?

| When you ask | Cost |
|---|---|
| At least 7 days before the start date | Nothing |
| Fewer than 7 days before the start date | We can't move you |

Enrolment stays open until the course is full.
"""
SCHOOL_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour course starts in fewer than 7 days, so we "
    "can't move you to another course now. We look forward to seeing you in class.\n"
)


@pytest.mark.parametrize(
    ("text", "value", "side"),
    [
        ("up to 24 hours before departure", "24 hours", 1),
        ("up to 30 days after purchase", "30 days", -1),
        ("less than 2 weeks before the trip", "2 weeks", -1),
        ("stays of 3 nights or more", "3 nights", 1),
        ("within 10 days of delivery", "10 days", -1),
        ("no later than 6 hours before the class", "6 hours", 1),
        ("later than 6 hours before the class", "6 hours", -1),
        ("later than 30 days after delivery", "30 days", 1),
        ("no earlier than 30 days after delivery", "30 days", 1),
        ("earlier than 2 days before the event", "2 days", 1),
        ("on day 10 of the course", "10", None),
    ],
)
def test_the_side_of_a_line_is_read_from_the_words_around_the_value(
    text: str, value: str, side: int | None
) -> None:
    found = re.search(re.escape(value), text)
    assert found is not None
    assert side_of(text, found) == side


def test_the_far_side_of_a_line_the_new_prompt_still_draws_is_no_conflict() -> None:
    facts = _facts([SCHOOL_MOVED, SCHOOL_FEE], 7, 14)
    [move] = facts.moves
    assert far_side(facts.rules, move, "Fewer than 7 days before the start date, we can't.")
    assert not far_side(facts.rules, move, "At least 7 days before the start date it's free.")
    knowledge = KnowledgeBase(
        [kb_item("moving", SCHOOL_ARTICLE), kb_item("late", SCHOOL_MACRO, "macro")]
    )
    affected = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [(i.item.key, [c.sentence for c in i.conflicts]) for i in affected] == [
        ("article:moving", ["| At least 7 days before the start date | Nothing |"])
    ]


def test_a_line_the_new_prompt_moved_whole_moves_on_both_sides() -> None:
    # no rule of the new prompt states 7 days any more: the far side grew into the band
    facts = _facts([SCHOOL_MOVED], 7, 14)
    [move] = facts.moves
    assert not far_side(facts.rules, move, "Fewer than 7 days before the start date, we can't.")
    knowledge = KnowledgeBase([kb_item("late", SCHOOL_MACRO, "macro")])
    assert any(impact.affected for impact in rank_items(facts, knowledge))


def test_the_table_gets_a_row_for_the_band_with_the_new_rule_amount() -> None:
    facts = _facts([SCHOOL_MOVED, SCHOOL_FEE], 7, 14)
    [move] = facts.moves
    rule = band_rule(facts.rules, move)
    assert rule is not None and rule.amount == "$20 admin fee"
    knowledge = KnowledgeBase([kb_item("moving", SCHOOL_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == SCHOOL_ARTICLE.replace(
        "| At least 7 days before the start date | Nothing |\n",
        "| At least 14 days before the start date | Nothing |\n"
        "| 7 to 14 days before the start date | $20 admin fee |\n",
    )
    assert "$20 admin fee" in edit.rationale


SHOP_MOVED = Rule(
    "H1",
    "sentence_changed",
    "Returns",
    "Returns within 60 days of delivery get a full refund with `refund_order`.",
    "Returns within 30 days of delivery get a full refund with `refund_order`.",
    "sentence changed",
)
SHOP_PARTIAL = Rule(
    "H2",
    "sentence_added",
    "Returns",
    None,
    "Returns made after that, but still within 60 days of delivery, get a 50% refund.",
    "sentence added",
)
SHOP_ARTICLE = """# Returns

| Returned | Refund |
|---|---|
| More than 60 days after delivery | None |
| Within 60 days of delivery | Full refund |
"""


def test_a_shrinking_window_keeps_the_far_side_above_and_adds_the_band_before_the_moved_row() -> (
    None
):
    facts = _facts([SHOP_MOVED, SHOP_PARTIAL], 30, 60)
    knowledge = KnowledgeBase([kb_item("returns", SHOP_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [c.sentence for c in impact.conflicts] == [
        "| Within 60 days of delivery | Full refund |"
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == SHOP_ARTICLE.replace(
        "| Within 60 days of delivery | Full refund |\n",
        "| 30 to 60 days of delivery | 50% refund |\n"
        "| Within 30 days of delivery | Full refund |\n",
    )


def test_a_model_edit_is_told_the_band_rule_and_refused_without_its_amount() -> None:
    from behaviordiff.drafting.drafters import _band_words

    facts = _facts([SCHOOL_MOVED, SCHOOL_FEE], 7, 14)
    [move] = facts.moves
    assert "$20 admin fee" in _band_words(facts, move)
    knowledge = KnowledgeBase([kb_item("moving", SCHOOL_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    only_moved = SCHOOL_ARTICLE.replace("At least 7 days", "At least 14 days")
    [problem] = missing_band_rule(
        facts.rules, facts.moves, SCHOOL_ARTICLE, template_body, only_moved
    )
    assert "$20 admin fee" in problem
    assert template_body is not None
    assert not missing_band_rule(
        facts.rules, facts.moves, SCHOOL_ARTICLE, template_body, template_body
    )
    # no band rule, nothing to ask for
    plain = _facts([SCHOOL_MOVED], 7, 14)
    assert _band_words(plain, plain.moves[0]) == ""
    assert not missing_band_rule(plain.rules, plain.moves, SCHOOL_ARTICLE, None, only_moved)


SCHOOL_PROSE = """# Moving to another course

Course changes made at least 7 days before the start date are free. Fewer than 7 days before
the start date, we can't move you.
"""


def test_prose_that_lays_out_both_sides_gets_its_line_moved_and_the_band_rule_named() -> None:
    facts = _facts([SCHOOL_MOVED, SCHOOL_FEE], 7, 14)
    knowledge = KnowledgeBase([kb_item("moving", SCHOOL_PROSE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    # the band's own rule, the change's new fact, is said after the moved line
    # (`newfact.with_new_fact`)
    assert edit.new_body == SCHOOL_PROSE.replace(
        "at least 7 days before the start date are free.",
        "at least 14 days before the start date are free. Changes made later than that, but "
        "still at least 7 days before the start date, cost a $20 admin fee.",
    )
    assert "$20 admin fee" in edit.rationale and "the new rule follows" in edit.rationale


def test_the_band_amount_is_not_taken_for_a_bigger_amount_the_moved_sentence_states() -> None:
    moved = Rule(
        "H1",
        "sentence_changed",
        "Cancelling",
        "Stays cancelled at least 30 days before arrival get back the $50 deposit.",
        "Stays cancelled at least 45 days before arrival get back the $50 deposit.",
        "sentence changed",
    )
    band = Rule(
        "H2",
        "sentence_added",
        "Cancelling",
        None,
        "Stays cancelled later than that, but at least 30 days before arrival, keep $5 back.",
        "sentence added",
    )
    facts = _facts([moved, band], 30, 45)
    rule = band_rule(facts.rules, facts.moves[0])
    assert rule is not None and rule.amount == "$5 back"


def test_a_model_edit_that_moves_the_far_side_too_is_refused() -> None:
    from behaviordiff.drafting.drafters import far_side_changed

    facts = _facts([SCHOOL_MOVED, SCHOOL_FEE], 7, 14)
    knowledge = KnowledgeBase([kb_item("moving", SCHOOL_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    both_moved = SCHOOL_ARTICLE.replace("7 days", "14 days")
    [problem] = far_side_changed(facts, impact, both_moved)
    assert "Fewer than 7 days before the start date" in problem
    near_moved = SCHOOL_ARTICLE.replace("At least 7 days", "At least 14 days")
    assert far_side_changed(facts, impact, near_moved) == []
