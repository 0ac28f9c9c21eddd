"""The band between a moved line's old and new value, whose own rule the new prompt drops
("within 5 miles is free" and "more than 5 and up to 10 miles: £2 a mile" → "within 10 miles
is free"): a KB sentence naming that span goes, or the clause of it that does (made-up domain:
a boarding kennels' collection van)."""

from __future__ import annotations

from behaviordiff.drafting.closedband import closed_band, span_of, without_closed_band
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Collection",
        "Collection within 5 miles of the kennels is free.",
        "Collection within 10 miles of the kennels is free.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_removed",
        "Collection",
        "For homes more than 5 miles and up to 10 miles away, collection is £2 per mile each way.",
        None,
        "sentence removed",
    ),
]
BAND = [
    {
        "feature": "distance_miles",
        "op": "between",
        "low": 5,
        "high": 10,
        "low_inclusive": False,
        "high_inclusive": True,
    }
]
ARTICLE = """# Do you collect dogs?

Yes, our van covers the whole valley.

## What does collection cost?

Collection within 5 miles of the kennels is free. For homes between 5 and 10
miles away, we charge £2 per mile each way. Beyond 10 miles, we'll arrange a quote.

## Gift vouchers

Vouchers come in £5 and £10 amounts.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour booking is confirmed. Collection within 5 miles "
    "of the kennels is free; for homes 5 to 10 miles away it's £2 per mile each way, and further "
    "afield we'll quote collection separately.\n\nSee you soon!"
)


def _facts():  # type: ignore[no-untyped-def]
    return moved_facts(RULES, BAND, title="no longer calls charge_collection")


def test_the_span_between_the_old_and_new_line_is_read_as_one_band() -> None:
    move = closed_band(_facts())
    assert move is not None and (move.old, move.new) == ("5", "10")
    assert span_of(move, "For homes between 5 and 10 miles away, we charge £2 a mile.")
    assert span_of(move, "for homes 5 to 10 miles away it's £2 per mile")
    # "and" joins two amounts, not a span, without "between" or "more than"
    assert span_of(move, "Vouchers come in £5 and £10 amounts.") is None
    assert without_closed_band(_facts(), "Vouchers come in £5 and £10 amounts.") is None


def test_a_band_the_new_prompt_keeps_a_rule_for_is_no_closed_band() -> None:
    kept = [RULES[0], Rule("H2", "sentence_changed", "Collection", RULES[1].old, None, "x")]
    assert closed_band(moved_facts(kept, BAND)) is None


def test_the_old_band_sentence_and_clause_go_and_the_line_moves() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("collection", ARTICLE), kb_item("booked", MACRO, "macro")])
    impacts = {impact.item.id: impact for impact in rank_items(facts, knowledge)}
    [conflict] = impacts["booked"].conflicts
    assert conflict.sentence.startswith("Collection within 5 miles of the kennels is free;")
    article = TemplateDrafter().edit(facts, impacts["collection"])
    assert article.new_body == ARTICLE.replace(
        "within 5 miles of the kennels is free. For homes between 5 and 10\n"
        "miles away, we charge £2 per mile each way. Beyond",
        "within 10 miles of the kennels is free. Beyond",
    )
    macro = TemplateDrafter().edit(facts, impacts["booked"])
    assert macro.new_body == MACRO.replace(
        "within 5 miles of the kennels is free; for homes 5 to 10 miles away it's £2 per mile "
        "each way, and",
        "within 10 miles of the kennels is free, and",
    )
    assert "drops what it said of the band from 5 to 10" in macro.rationale
