"""Value moves read precisely: a point in time named by its unit before the number ("month 3"),
a subject the changed prompt sentence split off, an aside placed by the value it qualifies,
and the other side of a moved threshold (made-up domains: a gym, a bike shop, a print shop)."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, split_off
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, states_bound
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts


def _rule(old: str, new: str) -> Rule:
    return Rule("H1", "sentence_changed", "Policy", old, new, "sentence changed")


def _facts(rules: list[Rule], atoms: list[dict[str, object]]) -> ChangeFacts:
    return moved_facts(rules, atoms, title="no longer calls charge_fee")


GYM = [
    _rule(
        "On the gold plan and on the silver plan, a freeze is free until the end of month 3.",
        "On the gold plan, a freeze is free until the end of month 6.",
    )
]
GOLD = [{"feature": "plan", "op": "=", "value": "gold"}]

PLANS = """# Freezing your membership

## Does a freeze cost anything?

| Plan | Freeze |
|---|---|
| Gold | Free until the end of month 3, then $15 |
| Silver | Free until the end of month 3, then $15 |

## Guest passes

Members get a free guest pass for 3 months at a time.
"""


def test_a_point_in_time_moves_with_its_unit_and_a_duration_is_another_value() -> None:
    [move] = rule_moves(GYM)
    assert (move.old, move.new) == ("month 3", "month 6")
    assert rewrite_sentence(move, "| Gold | Free until the end of Month 3 |") == (
        "| Gold | Free until the end of Month 6 |"
    )
    # "for 3 months at a time" is a duration, not the end of month 3
    assert rewrite_sentence(move, "A free guest pass for 3 months at a time.") is None


def test_the_subject_the_prompt_split_off_keeps_its_row() -> None:
    facts = _facts(GYM, GOLD)
    knowledge = KnowledgeBase([kb_item("plans", PLANS)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [c.sentence for c in impact.conflicts] == [
        "| Gold | Free until the end of month 3, then $15 |"
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == PLANS.replace(
        "| Gold | Free until the end of month 3", "| Gold | Free until the end of month 6"
    )


def test_an_aside_for_a_category_sits_by_the_value_it_qualifies() -> None:
    [move] = rule_moves(GYM)
    sentence = "As we are past month 3 of your membership, the freeze costs $15."
    assert rewrite_sentence(move, sentence, scope="gold") == (
        "As we are past month 3 (month 6 for gold) of your membership, the freeze costs $15."
    )


PRINTS = [
    _rule(
        "Shipping is free on print orders of $40 or more.",
        "Shipping is free on print orders of $75 or more.",
    )
]
SHIPPING = """# Shipping your prints

## What does shipping cost?

Shipping is free when your order comes to $40 or more. Under $40, shipping is $6.

## Gift cards

Gift cards come in $40 and $80 amounts.
"""


def test_the_other_side_of_a_moved_threshold_moves_with_it() -> None:
    [move] = rule_moves(PRINTS)
    assert states_bound(move, "Under $40, shipping is $6.")
    assert not states_bound(move, "Gift cards come in $40 and $80 amounts.")
    assert not states_bound(move, "Under $75, shipping is $6.")
    facts = _facts(PRINTS, [{"feature": "order_total", "op": "between", "low": 40, "high": 75}])
    knowledge = KnowledgeBase([kb_item("shipping", SHIPPING)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == SHIPPING.replace(
        "comes to $40 or more. Under $40,", "comes to $75 or more. Under $75,"
    )
    assert "$40 and $80" in edit.new_body


def test_a_claim_for_every_case_is_not_split_off() -> None:
    facts = _facts(
        [
            _rule(
                "Every bike has a 1-year frame warranty.",
                "Carbon bikes have a 3-year frame warranty.",
            )
        ],
        [{"feature": "frame", "op": "=", "value": "carbon"}],
    )
    [move] = facts.moves
    assert not split_off(facts, move, "Every bike we sell comes with a 1-year frame warranty.")
    [gym] = _facts(GYM, GOLD).moves
    assert split_off(_facts(GYM, GOLD), gym, "Silver members: free until the end of month 3.")
    assert not split_off(_facts(GYM, GOLD), gym, "On gold and silver, free until month 3.")
