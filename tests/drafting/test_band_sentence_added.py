"""A free age band narrowed, the new prompt adding a plain sentence for the rest of the old band
with its price ("Visitors under 26 get in free." → "under 18", and "Visitors aged 18 to 25 pay
a £4 concession price."): the band, written as whole numbers up to the old line's number less
one, is the band's rule, and the edit says it after the sentence it moved, or as a list item
of its own (made-up domain: a city museum)."""

from __future__ import annotations

from behaviordiff.drafting.bands import band_rule
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.lineband import with_band_clauses
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Tickets",
        "Visitors under 26 get in free.",
        "Visitors under 18 get in free.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_added",
        "Tickets",
        None,
        "Visitors aged 18 to 25 pay a £4 concession price.",
        "sentence added",
    ),
]
ARTICLE = """# Prices

- Adults: £9
- Visitors under 26: free

The café is open until 5pm.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nVisitors under 26 get in free, so your group's "
    "tickets are ready at the desk.\n\nSee you soon"
)


def test_the_span_up_to_the_old_line_less_one_is_the_band_rule() -> None:
    [move] = rule_moves(RULES)
    rule = band_rule(RULES, move)
    assert rule is not None and rule.amount.startswith("£4")
    # a span of other numbers is another rule
    other = [
        RULES[0],
        Rule("H2", "sentence_added", "Tickets", None, "Groups of 10 to 25 pay £4.", "x"),
    ]
    assert band_rule(other, move) is None


def test_an_instruction_to_the_agent_is_not_written_into_the_kb() -> None:
    [move] = rule_moves(RULES)
    told = [
        RULES[0],
        Rule("H2", "sentence_added", "Tickets", None, "Tell visitors aged 18 to 25 it's £4.", "x"),
    ]
    rule = band_rule(told, move)
    body = "Visitors under 18 get in free."
    assert (
        rule is None or with_band_clauses([rule], "Visitors under 26 get in free.", body)[1] == []
    )


def test_the_band_rule_is_said_after_the_moved_sentence_and_item() -> None:
    facts = moved_facts(RULES, [band_atom("age", 18, 26)], title="now charges £4")
    knowledge = KnowledgeBase([kb_item("prices", ARTICLE), kb_item("group", MACRO, "macro")])
    impacts = {impact.item.id: impact for impact in rank_items(facts, knowledge)}
    article = TemplateDrafter().edit(facts, impacts["prices"]).new_body
    assert article == ARTICLE.replace(
        "- Visitors under 26: free\n",
        "- Visitors under 18: free\n- Visitors aged 18 to 25 pay a £4 concession price\n",
    )
    macro = TemplateDrafter().edit(facts, impacts["group"]).new_body
    assert macro == MACRO.replace(
        "Visitors under 26 get in free, so your group's tickets are ready at the desk.",
        "Visitors under 18 get in free, so your group's tickets are ready at the desk. Visitors "
        "aged 18 to 25 pay a £4 concession price.",
    )


def _edited(rules: list[Rule], body: str) -> str | None:
    facts = moved_facts(rules, [band_atom("age", 18, 26)], title="now charges £4")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("p", body)])) if i.affected]
    return TemplateDrafter().edit(facts, impact).new_body


def test_the_band_sentence_goes_after_the_whole_item_or_paragraph() -> None:
    item = "# Prices\n\n- Visitors under 26 get in free. Bring ID to the desk.\n- Adults: £9\n"
    assert _edited(RULES, item) == (
        "# Prices\n\n- Visitors under 18 get in free. Bring ID to the desk.\n"
        "- Visitors aged 18 to 25 pay a £4 concession price.\n- Adults: £9\n"
    )
    prose = "# Prices\n\nVisitors under 26 get in free. Bring ID to the desk.\n\n## Cafe\n"
    assert _edited(RULES, prose) == (
        "# Prices\n\nVisitors under 18 get in free. Bring ID to the desk. Visitors aged 18 to "
        "25 pay a £4 concession price.\n\n## Cafe\n"
    )


def test_another_amount_starting_the_same_is_not_the_bands() -> None:
    body = "# Prices\n\nVisitors under 26 get in free. Adults pay £40 for a year pass.\n"
    assert _edited(RULES, body) == (
        "# Prices\n\nVisitors under 18 get in free. Adults pay £40 for a year pass. Visitors "
        "aged 18 to 25 pay a £4 concession price.\n"
    )


def test_a_band_sentence_naming_the_agent_is_not_written_into_the_kb() -> None:
    told = "Visitors aged 18 to 25 pay a £4 concession price, which the agent takes at the desk."
    rules = [RULES[0], Rule("H2", "sentence_added", "Tickets", None, told, "sentence added")]
    edited = _edited(rules, "# Prices\n\nVisitors under 26 get in free.\n")
    assert edited is None or "agent" not in edited
