"""A free window narrowed and the band it leaves now charged, said where the KB lays out the
line (made-up domain: a phone repair shop whose free re-check window shrinks from 30 to 14
days, with a $20 fee from 14 to 30 days): a table whose sides differ in what is done and in
what it costs gets the band's row, the amount in the cost column; prose that states the
moved line says the band's amount beside it."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.lineband import stated_band
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

RECHECK = [
    Rule(
        "H1",
        "sentence_changed",
        "Re-checks",
        "If a phone we repaired comes back within 30 days of the repair, the re-check is free: "
        "call `book_recheck` (ref, fee_usd) with fee_usd 0.",
        "If a phone we repaired comes back within 14 days of the repair, the re-check is free: "
        "call `book_recheck` (ref, fee_usd) with fee_usd 0.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_added",
        "Re-checks",
        None,
        "If it comes back after 14 but within 30 days of the repair, the re-check costs $20: "
        "call `book_recheck` with fee_usd 20.",
        "sentence added",
    ),
]

TABLE_ARTICLE = """# Re-checks

| When you come back | What we do | Cost |
|---|---|---|
| Within 30 days of the repair | Re-check | Free |
| More than 30 days after the repair | Full diagnosis | $45 |
"""

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour phone is ready. If anything's still wrong, "
    "bring it back within 30 days of the repair: the re-check is free. Reply to book.\n"
)


def _facts() -> ChangeFacts:
    atom = {
        "feature": "days_since_repair",
        "op": "between",
        "low": 14,
        "high": 30,
        "low_inclusive": False,
        "high_inclusive": True,
    }
    return moved_facts(RECHECK, [atom])


def test_the_band_is_read_from_the_clause_stating_both_ends() -> None:
    [move] = rule_moves(RECHECK)
    assert stated_band(RECHECK[1].new or "", move) == "after 14 but within 30 days of the repair"
    assert stated_band("Within 30 days, free; after 14 days, call us.", move) is None


def test_a_table_whose_sides_differ_in_what_and_cost_gets_the_amount_in_the_cost_column() -> None:
    knowledge = KnowledgeBase([kb_item("rechecks", TABLE_ARTICLE)])
    [impact] = [impact for impact in rank_items(_facts(), knowledge) if impact.affected]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == TABLE_ARTICLE.replace(
        "| Within 30 days of the repair | Re-check | Free |\n",
        "| Within 14 days of the repair | Re-check | Free |\n"
        "| 14 to 30 days of the repair | Re-check | $20 |\n",
    )


def test_prose_stating_the_moved_line_says_the_bands_amount() -> None:
    knowledge = KnowledgeBase([kb_item("ready", MACRO, kind="macro")])
    [impact] = [impact for impact in rank_items(_facts(), knowledge) if impact.affected]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == MACRO.replace(
        "within 30 days of the repair: the re-check is free.",
        "within 14 days of the repair: the re-check is free "
        "($20 after 14 but within 30 days of the repair).",
    )
