"""A cut-off date moved earlier for two categories at once, the old date kept for the others
("The last day to order blazers for the start of term is 28 August, wherever your school
is." → "For schools in North County or on the islands, … is 21 August." beside "For
schools anywhere else, … is 28 August."): the move is the date with its month, not the
day's number ("28 or over" is no date); the categories are named however the text joins
their words ("north_county" is "North County", "bed_breakfast" "bed and breakfast"); the
table rows of the two categories take the new date, the others' row stays; a sentence
claiming the old date "wherever your school is" gets the exception and loses the claim; a
month keeps its capital and takes no plural (a school uniform shop, a florist, a tax
adviser: not the bundled example's domain)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import (
    category_pattern,
    category_sentence_problem,
    narrowed_category_moves,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "The last day to order blazers for the start of term is 28 August, wherever your school is."
NEW = (
    "For schools in North County or on the Outer Islands, the last day to order blazers for "
    "the start of term is 21 August."
)
KEPT = (
    "For schools anywhere else, the last day to order blazers for the start of term is 28 August."
)
OTHER = "Pupils aged 16 or over can order their own blazers online."
SECTIONS = {"Term start": [NEW, KEPT], "Orders": [OTHER]}


def _condition() -> Condition:
    return Condition.from_dict(
        {
            "text": "school_area in {north_county, outer_islands}",
            "atoms": [
                {"feature": "school_area", "op": "in", "value": ["north_county", "outer_islands"]}
            ],
            "changed": {"matched": 6, "total": 6},
            "others": {"matched": 0, "total": 10},
        }
    )


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Term start", OLD, NEW, "sentence changed"),
        Rule("H2", "sentence_added", "Term start", None, KEPT, "sentence added"),
    ]
    facts = ChangeFacts(
        id="C1",
        title="28 August → 21 August for North County and the Outer Islands",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3", "p4", "p5", "p6"],
        conditions=[_condition()],
        others=10,
        rules=rules,
        removed_promises=[Promise("date", "28 August")],
        added_promises=[Promise("date", "21 August")],
    )
    facts.moves = narrowed_category_moves(rule_moves(rules), facts.conditions, SECTIONS)
    return facts


def test_a_moved_day_of_a_month_is_a_date_move() -> None:
    rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Filing",
            "Send us your records by 31 October for a paper return.",
            "Send us your records by 14 October for a paper return.",
            "sentence changed",
        ),
        Rule(
            "H2",
            "sentence_changed",
            "Mother's Day",
            "Order by March 14 for Mother's Day delivery.",
            "Order by March 11 for Mother's Day delivery.",
            "sentence changed",
        ),
    ]
    assert [(m.old, m.new) for m in rule_moves(rules)] == [
        ("31 October", "14 October"),
        ("March 14", "March 11"),
    ]


def test_a_category_is_named_with_its_words_joined_by_and() -> None:
    assert category_pattern("bed_breakfast").search("Our Bed and breakfast rooms")
    assert category_pattern("food_drink").search("food & drink stalls")
    assert not category_pattern("bed_breakfast").search("a bed, and breakfast")


def test_a_value_narrowed_for_two_categories_at_once_is_their_move() -> None:
    [move] = _facts().moves
    assert (move.old, move.new) == ("28 August", "21 August")
    assert move.categories == ("north_county", "outer_islands")
    assert move.scope == "in North County or on the Outer Islands"


FAQ = (
    "# Back to school\n\nHere's when to order so blazers arrive before term.\n\n"
    "| School area | Order by | Delivery |\n|---|---|---|\n"
    "| Town | 28 August | £3.50 |\n"
    "| North County | 28 August | £5.50 |\n"
    "| Outer Islands | 28 August | £5.50 |\n\n"
    "Pupils aged 16 or over can order their own blazers online.\n"
)


def test_the_rows_of_the_two_categories_take_the_new_date() -> None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("term", FAQ)])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == FAQ.replace(
        "| North County | 28 August |", "| North County | 21 August |"
    ).replace("| Outer Islands | 28 August |", "| Outer Islands | 21 August |")


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nOrder by Friday 28 August and your blazers will "
    "arrive before term, wherever your school is. Pupils aged 16 or over can order online.\n"
)


def test_a_wherever_claim_gets_the_exception_and_loses_the_claim() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("macro", MACRO)])) if i.affected
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == MACRO.replace(
        "Friday 28 August and your blazers will arrive before term, wherever your school is.",
        "Friday 28 August (21 August in North County or on the Outer Islands) and your blazers "
        "will arrive before term.",
    )


def test_a_model_edit_keeping_the_wherever_claim_beside_the_exception_is_refused() -> None:
    [move] = _facts().moves
    nouns = {"school", "area"}
    wrong = (
        "Order by Friday 28 August (21 August in North County or on the Outer Islands) and "
        "your blazers will arrive before term, wherever your school is."
    )
    problem = category_sentence_problem(move, wrong, nouns)
    assert problem is not None and "claiming" in problem
    right = wrong.replace(", wherever your school is.", ".")
    assert category_sentence_problem(move, right, nouns) is None
