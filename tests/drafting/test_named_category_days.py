"""A value a new prompt sentence gives two categories of a day variable at once ("Friday and
Saturday bookings cost $36 an hour, which includes a $6 floodlight fee."), beside a sentence of
the same section that stated the old value for every day ("One rate for every court and every
day: $30 an hour."): the move takes the value written before the old value's words ("an
hour"), not the fee stated beside it; KB text stating the old value for every day gets the
exception beside it and loses the words claiming it for every day (a tennis club; not the
bundled example's domain)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import named_categories_moves, rewrite_category
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "One rate for every court and every day: $30 an hour."
NEW = "Friday and Saturday bookings cost $36 an hour, which includes a $6 floodlight fee."
HUNKS = {
    "H1": {"id": "H1", "kind": "sentence_changed", "file": "p.md", "section": "Courts",
           "old": OLD, "new": "Sunday to Thursday, every court costs $30 an hour."},
    "H2": {"id": "H2", "kind": "sentence_changed", "file": "p.md", "section": "Courts",
           "old": "Book with `reserve_court`.", "new": NEW},
}  # fmt: skip


def _condition(values: list[str]) -> Condition:
    return Condition.from_dict(
        {
            "text": "slot_day in {friday, saturday}",
            "atoms": [{"feature": "slot_day", "op": "in", "value": values}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 6},
        }
    )


def _moves(values: list[str], new: str = NEW) -> list[RuleMove]:
    rule = Rule("H2", "sentence_changed", "Courts", "Book with `reserve_court`.", new, "changed")
    removed = [Promise("money", "$30.00", "")]
    added = [Promise("money", "$36.00", ""), Promise("money", "$6.00", "")]
    return named_categories_moves([rule], HUNKS, {}, [_condition(values)], removed, added)


def test_the_value_written_like_the_old_one_is_the_move_not_the_fee_beside_it() -> None:
    (move,) = _moves(["friday", "saturday"])
    assert (move.old, move.new) == ("$30", "$36")
    assert move.old_sentence == OLD
    assert move.scope == "for Friday and Saturday"
    assert move.categories == ("friday", "saturday")


def test_no_move_when_the_sentence_does_not_name_every_category() -> None:
    assert _moves(["friday", "saturday", "sunday"]) == []
    # both added values are written before other words than the old one's: no way to tell
    assert _moves(["friday", "saturday"], "Friday and Saturday: $36 or $6 per racket.") == []


def test_kb_text_for_every_day_gets_the_exception_without_its_claim() -> None:
    (move,) = _moves(["friday", "saturday"])
    nouns = {"slot", "day"}
    said = "A court is $30 an hour, the same rate every day of the week, and rackets are free."
    assert rewrite_category(move, said, nouns=nouns) == (
        "A court is $30 ($36 for Friday and Saturday) an hour, and rackets are free."
    )
    whether = "Whether you play on a Monday morning or a Saturday evening, courts are $30 an hour."
    assert rewrite_category(move, whether, nouns=nouns) == (
        "Courts are $30 ($36 for Friday and Saturday) an hour."
    )
    assert rewrite_category(move, "| Court hire, any day | $30 an hour |", nouns=nouns) == (
        "| Court hire | $30 ($36 for Friday and Saturday) an hour |"
    )
    # a sentence about the categories alone takes the new value
    assert rewrite_category(move, "On a Saturday a court is $30 an hour.", nouns=nouns) == (
        "On a Saturday a court is $36 an hour."
    )


PRICES = """# Court hire

| What | Price |
| --- | --- |
| Court hire, any day | $30 an hour |
| Racket hire | $6 |

## Is it dearer on a Friday?

No. We charge the same rate every day, so a Friday evening costs what a Monday morning does.

## When do I pay?

At the desk when you arrive.
"""


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="$30.00 → $36.00",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        conditions=[_condition(["friday", "saturday"])],
        others=6,
        rules=[Rule("H2", "sentence_changed", "Courts", "Book with `reserve_court`.", NEW, "")],
        removed_promises=[Promise("money", "$30.00")],
        added_promises=[Promise("money", "$36.00"), Promise("money", "$6.00")],
    )
    facts.moves = _moves(["friday", "saturday"])
    return facts


def test_a_bare_no_the_dropped_claim_explained_becomes_the_values() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("prices", PRICES, "article")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == PRICES.replace(
        "| Court hire, any day | $30 an hour |",
        "| Court hire | $30 ($36 for Friday and Saturday) an hour |",
    ).replace(
        "No. We charge the same rate every day, so a Friday evening costs what a Monday "
        "morning does.",
        "It's $36 for Friday and Saturday and $30 otherwise.",
    )
