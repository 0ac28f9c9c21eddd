"""A value said with "or more" between the number and its unit ("21 or more days") is the
duration, and a prose sentence summing up a table of that rule in other words ("In short,
book three weeks ahead …") states the old value too. A van-hire firm's early-booking rate
needed 21 or more days before pickup, now 10 or more: the KB's table rows move, the summary
under the table takes the new amount in words, and a count that happens to be the same
number ("our 21 depots") or an amount of another kind in the same paragraph stays."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = (
    "A customer who books 21 or more days before pickup gets the early-booking rate: "
    "apply it with `set_rate` (booking_id, early true)."
)
NEW = OLD.replace("21 or more days", "10 or more days")
OLD_LATE = "With less than 21 days to go, charge the standard rate."
NEW_LATE = OLD_LATE.replace("21", "10")

ARTICLE = (
    "# Booking a van\n\n"
    "## Is it cheaper to book early?\n\n"
    "It depends on how far ahead you book.\n\n"
    "| When you book | Your rate |\n"
    "| --- | --- |\n"
    "| 21 days or more before pickup | Early-booking rate |\n"
    "| Less than 21 days before pickup | Standard rate |\n\n"
    "In short, book three weeks ahead and the lower price is yours.\n\n"
    "## Where can I collect it?\n\n"
    "We have 21 depots across the region, open 7 days a week.\n"
)


def _rules() -> list[Rule]:
    return [
        Rule("H1", "sentence_changed", "Rates", OLD, NEW, "sentence changed"),
        Rule("H2", "sentence_changed", "Rates", OLD_LATE, NEW_LATE, "sentence changed"),
    ]


def test_or_more_between_the_number_and_its_unit_keeps_the_unit() -> None:
    moves = rule_moves(_rules()[:1])
    assert [(move.old, move.new) for move in moves] == [("21 days", "10 days")]


def test_a_kb_sentence_saying_or_more_keeps_it() -> None:
    [move] = rule_moves(_rules()[:1])
    row = "| 21 or more days before pickup | Early-booking rate |"
    assert rewrite_sentence(move, row) == "| 10 or more days before pickup | Early-booking rate |"


def test_the_summary_under_the_table_moves_with_its_rows() -> None:
    facts = moved_facts(
        _rules(), [band_atom("days_before_pickup", 10, 21)], title="now calls set_rate"
    )
    kb = KnowledgeBase([kb_item("van", ARTICLE, title="Booking a van")])
    [impact] = [impact for impact in rank_items(facts, kb) if impact.affected]
    assert [c.sentence for c in impact.conflicts] == [
        "| 21 days or more before pickup | Early-booking rate |",
        "| Less than 21 days before pickup | Standard rate |",
        "In short, book three weeks ahead and the lower price is yours.",
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "| 10 days or more before pickup |" in edit.new_body
    assert "| Less than 10 days before pickup |" in edit.new_body
    assert "In short, book ten days ahead and the lower price is yours." in edit.new_body
    assert "We have 21 depots across the region, open 7 days a week." in edit.new_body


def test_a_summary_stating_another_amount_too_is_not_read_as_the_rule() -> None:
    facts = moved_facts(
        _rules(), [band_atom("days_before_pickup", 10, 21)], title="now calls set_rate"
    )
    body = ARTICLE.replace(
        "In short, book three weeks ahead and the lower price is yours.",
        "In short, book three weeks ahead and save up to 2 days' hire.",
    )
    kb = KnowledgeBase([kb_item("van", body, title="Booking a van")])
    [impact] = [impact for impact in rank_items(facts, kb) if impact.affected]
    assert all("In short" not in c.sentence for c in impact.conflicts)
