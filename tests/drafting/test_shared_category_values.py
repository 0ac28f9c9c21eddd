"""A value a changed prompt sentence now gives two categories at once while its other clause
keeps the old value for the rest ("Every locker comes with 2 hours' use" → "small and medium
lockers … 2 hours' …; large and jumbo lockers … 4 hours' …"): the rows of both categories
take the new value in the one cell holding it, the other rows stay, a sentence for every
category gets the exception after the phrase the value qualifies, and the same number said
as a rate ("open 7 days a week") is another quantity (a left-luggage desk; not the bundled
example's domain)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import (
    kept_by_others,
    narrowed_quantifier,
    rewrite_category,
    shared_category_moves,
)
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import Conflict
from behaviordiff.drafting.quoteclause import _quotable
from behaviordiff.drafting.rules import RuleMove, old_in_own_clause, said_as_rate

OLD = "Every locker comes with 2 hours' use included."
NEW = (
    "Small and medium lockers come with 2 hours' use included; large and jumbo lockers "
    "come with 4 hours' use included."
)


def _condition(values: list[str]) -> Condition:
    return Condition.from_dict(
        {
            "text": "locker_size in {large, jumbo}",
            "atoms": [{"feature": "locker_size", "op": "in", "value": values}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 6},
        }
    )


def _moves(values: list[str], new: str = NEW) -> list[RuleMove]:
    rule = Rule("H1", "sentence_changed", "Lockers", OLD, new, "sentence changed")
    return shared_category_moves([rule], [_condition(values)])


def test_two_categories_given_a_new_value_in_one_clause_make_one_move() -> None:
    (move,) = _moves(["large", "jumbo"])
    assert (move.old, move.new) == ("2 hours", "4 hours")
    assert move.scope == "for large and jumbo lockers"
    assert move.categories == ("large", "jumbo")


def test_a_clause_naming_only_some_of_the_categories_makes_no_move() -> None:
    assert _moves(["large", "jumbo", "giant"]) == []
    # the old sentence already named a category: not a split of a rule for every one
    rule = Rule("H1", "sentence_changed", "Lockers", "Large lockers: 2 hours.", NEW, "changed")
    assert shared_category_moves([rule], [_condition(["large", "jumbo"])]) == []


def test_rows_of_both_categories_change_one_cell_and_the_others_stay() -> None:
    (move,) = _moves(["large", "jumbo"])
    header = "| Locker | Fits | Price | Use included |"
    assert (
        rewrite_category(move, "| Large (60 cm) | 2 cases | £8 | 2 hours |", header)
        == "| Large (60 cm) | 2 cases | £8 | 4 hours |"
    )
    assert (
        rewrite_category(move, "| Jumbo (90 cm) | 3 cases | £12 | 2 hours |", header)
        == "| Jumbo (90 cm) | 3 cases | £12 | 4 hours |"
    )
    table = [
        header,
        "| --- | --- | --- | --- |",
        "| Small (30 cm) | 1 bag | £4 | 2 hours |",
        "| Large (60 cm) | 2 cases | £8 | 2 hours |",
        "| Jumbo (90 cm) | 3 cases | £12 | 2 hours |",
    ]
    # the small row keeps its value byte for byte: a row of another category
    kept = kept_by_others([move], table)
    assert 2 in kept and not kept & {3, 4}


def test_a_sentence_for_every_category_gets_the_exception_after_the_phrase() -> None:
    (move,) = _moves(["large", "jumbo"])
    assert rewrite_category(
        move, "Every locker comes with 2 hours' use included.", None, {"locker"}
    ) == ("A locker comes with 2 hours' use included (4 hours for large and jumbo lockers).")


def test_a_duration_said_as_a_rate_is_another_quantity() -> None:
    assert said_as_rate("7 days", "The desk is open 7 days a week.")
    assert said_as_rate("2 hours", "Staff check the lockers 2 hours per day.")
    assert not said_as_rate("2 hours", "Every locker comes with 2 hours' use included.")
    assert not said_as_rate("7 days", "Open 7 days a week; keep it 7 days at most.")


def test_the_old_value_in_a_clause_of_its_own_moves_beside_the_new_one_said_of_else() -> None:
    (move,) = _moves(["large", "jumbo"])
    both = "Every locker comes with 2 hours' use included, and you can stay up to 4 hours for £3."
    assert old_in_own_clause(move, both)
    assert rewrite_category(move, both, None, {"locker"}) == (
        "A locker comes with 2 hours' use included (4 hours for large and jumbo lockers), "
        "and you can stay up to 4 hours for £3."
    )
    # both values in one clause: no statement of the old rule alone
    assert not old_in_own_clause(move, "Lockers hold 2 hours' use or 4 hours' use for £3.")


def test_a_note_quotes_a_sentence_of_an_item_before_a_table_row() -> None:
    row = Conflict(3, "| Large (60 cm) | 2 cases | £8 | 2 hours |", ("states the old rule",))
    said = Conflict(9, "Every locker comes with 2 hours' use included.", ("states the old rule",))
    assert _quotable([row, said]) == said
    assert _quotable([row]) == row


def test_any_kind_of_a_rule_the_prompt_now_limits_to_other_kinds_is_limited_alike() -> None:
    old = "Staying past 2 hours in a locker costs a flat £3 fee: add it to the ticket."
    new = "Staying past 2 hours in a small or medium locker costs a flat £3 fee: add it."
    rule = Rule(
        "H2",
        "sentence_changed",
        "Lockers",
        old,
        new.replace("add it.", "add it to the ticket."),
        "",
    )
    condition = [_condition(["large", "jumbo"])]
    limited = narrowed_quantifier(
        [rule], condition, "You can stay past 2 hours in any locker for a flat £3 fee."
    )
    assert limited is not None
    assert limited[0] == "You can stay past 2 hours in a small or medium locker for a flat £3 fee."
    # the same fee said of another thing shares the amount only
    assert narrowed_quantifier([rule], condition, "Any umbrella costs £3 to rent.") is None
    # the inserted words naming the change's own categories limit nothing to the others
    named = Rule(
        "H2",
        "sentence_changed",
        "Lockers",
        old,
        old.replace("a locker", "a large or jumbo locker"),
        "",
    )
    assert (
        narrowed_quantifier(
            [named], condition, "You can stay past 2 hours in any locker for a flat £3 fee."
        )
        is None
    )


def test_one_category_given_its_own_value_beside_the_rest_is_a_move_too() -> None:
    # "Every pass includes 3 free towels" → "Day passes … 3; Gold passes … 5": one category
    gold = Condition.from_dict(
        {
            "text": "pass_type = gold",
            "atoms": [{"feature": "pass_type", "op": "=", "value": "gold"}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 6},
        }
    )
    rule = Rule(
        "H1",
        "sentence_changed",
        "Towels",
        "Every pass includes 3 free towels a visit.",
        "Day passes include 3 free towels a visit; Gold passes include 5 free towels a visit.",
        "sentence changed",
    )
    assert shared_category_moves([rule], [gold]) == []  # one category: once nothing else reads it
    (move,) = shared_category_moves([rule], [gold], fewest=1)
    # the category's value as an aside of the one clause is the rule's own exception
    aside = Rule(
        "H1",
        "sentence_changed",
        "Towels",
        "Every pass includes 3 free towels a visit.",
        "Every pass includes 3 free towels a visit (5 for Gold passes).",
        "sentence changed",
    )
    assert shared_category_moves([aside], [gold], fewest=1) == []
    # what the number counts ("free towels") is no unit of time: the values stay bare
    assert (move.old, move.new, move.scope) == ("3", "5", "for gold passes")
    # a lead clause saying the rest is the same on both passes goes with the exception
    assert rewrite_category(
        move,
        "It's the same on both passes: you get three free towels each visit, and the sauna "
        "is open till ten.",
        None,
        {"pass"},
    ) == (
        "You get three (five for gold passes) free towels each visit, and the sauna is open "
        "till ten."
    )
    row = "| Free towels | Three a visit | Three a visit |"
    assert rewrite_category(move, row, "| | Day | Gold |") == (
        "| Free towels | Three a visit | Five a visit |"
    )
