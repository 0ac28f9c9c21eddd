"""A band's new rule stated as a span of the old and the new value ("between 2pm and 5pm",
"between 24 and 48 hours before departure"): the old line is still drawn, so what the KB says
of its far side stays, and a table gets the band's row (made-up domains: a shop's same-day
dispatch, a ferry's ticket changes)."""

from __future__ import annotations

from behaviordiff.drafting.bands import band_rule, line_kept, spans_band
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts


def _facts(rules: list[Rule], variable: str, low: float, high: float) -> ChangeFacts:
    return moved_facts(rules, [band_atom(variable, low, high)])


DISPATCH = [
    Rule(
        "H1",
        "sentence_changed",
        "Dispatch",
        "Orders placed before 5pm ship the same day at no extra cost.",
        "Orders placed before 2pm ship the same day at no extra cost.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_added",
        "Dispatch",
        None,
        "Orders placed between 2pm and 5pm ship the same day for a $3 express fee: charge it "
        "with `charge_express`.",
        "sentence added",
    ),
]
DISPATCH_ARTICLE = """# Dispatch

Orders placed before 5pm ship the same day at no extra cost. Orders placed after 5pm ship the \
next working day.
"""

FERRY = [
    Rule(
        "H1",
        "sentence_changed",
        "Changes",
        "Changes made at least 24 hours before departure are free: use `change_booking`.",
        "Changes made at least 48 hours before departure are free: use `change_booking`.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_added",
        "Changes",
        None,
        "Changes made between 24 and 48 hours before departure cost a £5 change fee: charge it "
        "with `charge_fee`.",
        "sentence added",
    ),
]
FERRY_ARTICLE = """# Changing a ticket

| When | Cost |
|---|---|
| At least 24 hours before departure | Free |
| Less than 24 hours before departure | Not possible |

With less than 24 hours to go, we can't change your ticket.
"""


def test_a_span_of_the_old_and_the_new_value_is_the_band() -> None:
    [dispatch] = rule_moves(DISPATCH)
    [ferry] = rule_moves(FERRY)
    assert spans_band(dispatch, "Orders between 2pm and 5pm pay $3.")
    assert spans_band(dispatch, "Orders from 2 p.m. to 5 p.m. pay $3.")
    assert spans_band(ferry, "Changes between 24 and 48 hours before departure cost £5.")
    assert spans_band(ferry, "Changes 24-48 hours before departure cost £5.")
    # each end on its own, or another span, is no band
    assert not spans_band(dispatch, "We answer from 9am to 5pm; orders before 2pm ship today.")
    assert not spans_band(ferry, "Between 12 and 48 hours before, call us.")
    assert line_kept(FERRY, ferry) is FERRY[1]
    rule = band_rule(FERRY, ferry)
    assert rule is not None and rule.amount == "£5 change fee"


def test_the_far_side_of_a_line_the_span_still_draws_stays() -> None:
    facts = _facts(DISPATCH, "order_hour", 14, 17)
    knowledge = KnowledgeBase([kb_item("dispatch", DISPATCH_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == DISPATCH_ARTICLE.replace("before 5pm", "before 2pm")


def test_a_table_gets_the_band_row_of_a_span() -> None:
    facts = _facts(FERRY, "hours_before_departure", 24, 48)
    knowledge = KnowledgeBase([kb_item("changing", FERRY_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == FERRY_ARTICLE.replace(
        "| At least 24 hours before departure | Free |\n",
        "| At least 48 hours before departure | Free |\n"
        "| 24 to 48 hours before departure | £5 change fee |\n",
    )


WIDE_ARTICLE = """# Changing a ticket

| When | Cost | How |
|---|---|---|
| At least 24 hours before departure | Free | Online or by phone |
| Less than 24 hours before departure | Not possible | Online or by phone |
"""


def test_a_wider_table_gets_the_band_row_with_the_cells_both_sides_share() -> None:
    facts = _facts(FERRY, "hours_before_departure", 24, 48)
    knowledge = KnowledgeBase([kb_item("changing", WIDE_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == WIDE_ARTICLE.replace(
        "| At least 24 hours before departure | Free | Online or by phone |\n",
        "| At least 48 hours before departure | Free | Online or by phone |\n"
        "| 24 to 48 hours before departure | £5 change fee | Online or by phone |\n",
    )


def test_a_wider_table_whose_sides_differ_in_two_columns_gets_no_band_row() -> None:
    # which of "Cost" and "How" the fee goes in, and what the other says in the band, no
    # row says: the writer is told the band's rule instead
    article = WIDE_ARTICLE.replace(
        "| Not possible | Online or by phone |", "| Not possible | At the ticket desk |"
    )
    facts = _facts(FERRY, "hours_before_departure", 24, 48)
    knowledge = KnowledgeBase([kb_item("changing", article)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == article.replace(
        "| At least 24 hours before departure |", "| At least 48 hours before departure |"
    )
    assert "£5 change fee" in edit.rationale
