"""A time a changed prompt sentence now gives one category read from a tool result, in another
unit, while an added sentence keeps the old time for the others ("Every member can book
classes up to 7 days ahead, whatever their tier." → "Gold members can book classes up to 2
weeks ahead." beside "Silver and Bronze members can book classes up to 7 days ahead."): the
move is the category's, a table with one column per category changes that column's cell, a
value said twice (a number and its gloss) gets one exception after the last, an item about
the category alone drops "just as before", and a list under "the same for every tier" is not
the category's sentence (a gym's; not the bundled example's domain)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import (
    category_sentence_problem,
    narrowed_category_moves,
    others_keeping,
    rewrite_category,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Every member can book classes up to 7 days ahead, whatever their tier."
NEW = "Gold members can book classes up to 2 weeks ahead."
KEPT = "Silver and Bronze members can book classes up to 7 days ahead."
OTHER = "Guest passes are valid for 7 days from the first visit."
SECTIONS = {"Booking": [NEW, KEPT], "Guests": [OTHER]}
NOUNS = {"member", "tier"}
MOVE = RuleMove(
    "H1", OLD, NEW, "7 days", "2 weeks", "value", scope="for gold members", category="gold"
)


def _condition() -> Condition:
    return Condition.from_dict(
        {
            "text": "lookup_member.tier = gold",
            "atoms": [{"feature": "lookup_member.tier", "op": "=", "value": "gold"}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Booking", OLD, NEW, "sentence changed"),
        Rule("H2", "sentence_added", "Booking", None, KEPT, "sentence added"),
    ]
    facts = ChangeFacts(
        id="C1",
        title="7 days → 2 weeks for gold members",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        conditions=[_condition()],
        others=10,
        rules=rules,
        removed_promises=[Promise("duration", "7 days")],
        added_promises=[Promise("duration", "2 weeks")],
    )
    facts.moves = narrowed_category_moves(rule_moves(rules), facts.conditions, SECTIONS)
    facts.kept_for_others = others_keeping(facts.moves, SECTIONS)
    return facts


def test_a_changed_sentence_naming_one_category_is_its_move_when_the_others_keep_the_old() -> None:
    [move] = _facts().moves
    assert (move.old, move.new, move.category, move.scope) == (
        "7 days",
        "2 weeks",
        "gold",
        "for gold members",
    )
    # with no new sentence keeping the old time for the others, the time moved for everyone
    [plain] = narrowed_category_moves(rule_moves(_facts().rules), [_condition()], {"B": [NEW]})
    assert (plain.category, plain.scope) == ("", "")


def test_only_the_sentences_restating_the_old_rule_keep_it_for_the_others() -> None:
    # guest passes "valid for 7 days": the same value about another thing
    assert _facts().kept_for_others == [KEPT]


def test_a_table_with_a_column_per_category_changes_that_columns_cell() -> None:
    header = "| | Bronze | Silver | Gold |"
    row = "| Book classes ahead | 7 days | 7 days | 7 days |"
    assert rewrite_category(MOVE, row, header, NOUNS) == (
        "| Book classes ahead | 7 days | 7 days | 2 weeks |"
    )


def test_a_value_and_its_gloss_get_one_exception_after_the_last() -> None:
    said = "You can book classes up to 7 days ahead, so a week in advance at most."
    assert rewrite_category(MOVE, said, None, NOUNS) == (
        "You can book classes up to 7 days ahead, so a week (two weeks for gold members) in "
        "advance at most."
    )


def test_an_item_about_the_category_alone_drops_just_as_before() -> None:
    said = "You can book classes up to 7 days ahead, just as before."
    assert rewrite_category(MOVE, said, None, NOUNS, alone=True) == (
        "You can book classes up to 2 weeks ahead."
    )


def test_a_list_under_a_claim_for_every_tier_is_not_the_categorys_sentence() -> None:
    said = "It's the same for every tier: Bronze, Silver and Gold members all book 7 days ahead."
    assert rewrite_category(MOVE, said, None, NOUNS) is None


FAQ = (
    "# Booking classes\n\n## How far ahead can I book?\n\n"
    "You can book any class up to 7 days ahead in the app. "
    "It's the same for every tier: Bronze, Silver and Gold members all book 7 days ahead.\n\n"
    "| | Bronze | Silver | Gold |\n| --- | --- | --- | --- |\n"
    "| Monthly fee | £25 | £35 | £50 |\n"
    "| Book classes ahead | 7 days | 7 days | 7 days |\n"
)


def test_the_article_says_the_exception_and_drops_the_sameness_claim() -> None:
    facts = _facts()
    item = kb_item("booking", FAQ)
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        FAQ.replace(
            "7 days ahead in the app.", "7 days (2 weeks for gold members) ahead in the app."
        )
        .replace(
            " It's the same for every tier: Bronze, Silver and Gold members all book 7 days ahead.",
            "",
        )
        .replace("| 7 days | 7 days | 7 days |", "| 7 days | 7 days | 2 weeks |")
    )


def test_a_model_edit_saying_the_new_time_is_as_before_is_refused() -> None:
    wrong = "You can book classes up to 2 weeks ahead, just as before."
    problem = category_sentence_problem(MOVE, wrong, NOUNS, alone=True)
    assert problem is not None and "as it was" in problem
    right = "You can book classes up to 2 weeks ahead."
    assert category_sentence_problem(MOVE, right, NOUNS, alone=True) is None
