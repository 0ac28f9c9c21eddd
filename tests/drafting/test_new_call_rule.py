"""A check dropped below a line, with the line kept for the rest: a library used to check the
borrower's ID for every loan; now loans of fewer than 3 books need no check. The changed
sentence keeps the check for 3 or more books ("Loans of 3 books or more need an ID check."),
and an added one writes the new call (`lend_books` with id_check: false). The note quotes the
sentence that writes the new call, not the one keeping the old handling for the others."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, Rule, relevant_rule
from tests.drafting.kit import moved_facts

KEPT_OLD = "Every loan needs an ID check, however many books."
KEPT_NEW = "Loans of 3 books or more need an ID check."
NEW_CALL = (
    "When a member borrows fewer than 3 books, call `lend_books` (member_id, id_check: false) "
    "and tell them they can take the books straight to the self-service desk."
)


def test_the_sentence_writing_the_new_call_is_quoted() -> None:
    rules = [
        Rule("H1", "sentence_changed", "Loans", KEPT_OLD, KEPT_NEW, "sentence changed"),
        Rule("H2", "sentence_added", "Loans", None, NEW_CALL, "sentence added"),
    ]
    facts = moved_facts(
        rules, [{"feature": "book_count", "op": "<", "value": 3}], title="lend_books"
    )
    facts.before_actions = [ActionFact("lend_books", (("id_check", "true"),))]
    facts.after_actions = [ActionFact("lend_books", (("id_check", "false"),))]
    rule = relevant_rule(facts, ["lend_books", "books"])
    assert rule is not None and rule.new == NEW_CALL


def test_a_sentence_naming_the_unchanged_argument_is_no_new_call() -> None:
    said = "Call `lend_books` (member_id, id_check: true) for every loan."
    rules = [
        Rule("H1", "sentence_changed", "Loans", KEPT_OLD, KEPT_NEW, "sentence changed"),
        Rule("H2", "sentence_added", "Loans", None, said, "sentence added"),
    ]
    facts = moved_facts(
        rules, [{"feature": "book_count", "op": "<", "value": 3}], title="lend_books"
    )
    facts.before_actions = [ActionFact("lend_books", (("id_check", "true"),))]
    facts.after_actions = [ActionFact("lend_books", (("id_check", "false"),))]
    rule = relevant_rule(facts, ["lend_books", "books"])
    assert rule is not None and rule.new == KEPT_NEW


def test_a_new_call_pointing_back_is_quoted_after_what_it_points_to() -> None:
    under = "Loans of fewer than 3 books don't need an ID check."
    call = (
        "When a member borrows one of these, call `lend_books` (member_id, id_check: false) and "
        "tell them they can take the books straight to the self-service desk."
    )
    rules = [
        Rule("H1", "sentence_changed", "Loans", KEPT_OLD, KEPT_NEW, "sentence changed"),
        Rule("H2", "sentence_added", "Loans", None, call, "sentence added"),
        Rule("H3", "sentence_added", "Loans", None, under, "sentence added"),
    ]
    facts = moved_facts(
        rules, [{"feature": "book_count", "op": "<", "value": 3}], title="lend_books"
    )
    facts.before_actions = [ActionFact("lend_books", (("id_check", "true"),))]
    facts.after_actions = [ActionFact("lend_books", (("id_check", "false"),))]
    facts.prompt_sections = {"Loans": [KEPT_NEW, f"{under} {call}"]}
    note = TemplateDrafter().note(facts, [], None)
    assert f"“{under} {call}”" in note.after


def test_a_head_counting_one_thing_points_back_to_nothing() -> None:
    under = "Loans of fewer than 3 books don't need an ID check."
    call = (
        "When a member borrows for one week, call `lend_books` (member_id, id_check: false) "
        "and tell them they can take the books straight to the self-service desk."
    )
    rules = [
        Rule("H1", "sentence_changed", "Loans", KEPT_OLD, KEPT_NEW, "sentence changed"),
        Rule("H2", "sentence_added", "Loans", None, call, "sentence added"),
        Rule("H3", "sentence_added", "Loans", None, under, "sentence added"),
    ]
    facts = moved_facts(
        rules, [{"feature": "book_count", "op": "<", "value": 3}], title="lend_books"
    )
    facts.before_actions = [ActionFact("lend_books", (("id_check", "true"),))]
    facts.after_actions = [ActionFact("lend_books", (("id_check", "false"),))]
    facts.prompt_sections = {"Loans": [KEPT_NEW, f"{under} {call}"]}
    note = TemplateDrafter().note(facts, [], None)
    assert f"“{call}”" in note.after
