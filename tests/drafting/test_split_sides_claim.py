"""A limit split by tier where the KB claims it the same for both tiers by naming them ("…,
whether you have Basic or Premium storage", "… on any Boxwise plan, Basic or Premium"): the
claim goes and the tier's value is said beside the other's (made-up domain: a self-storage
company's cover for stored goods)."""

from __future__ import annotations

from behaviordiff.drafting.checks import still_split_claimed
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.splitclaim import split_claim_length, split_words
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Cover",
        "Goods in a unit are covered up to £2,000 on every plan: settle the claim up to that "
        "limit.",
        "Goods in a unit are covered up to £2,000 on Basic plans and £5,000 on Premium plans: "
        "settle the claim up to the limit for the customer's plan.",
        "sentence changed",
    )
]
ATOMS = [
    {"feature": "plan", "op": "=", "value": "premium"},
    {
        "feature": "goods_value",
        "op": "between",
        "low": 2000,
        "high": 5000,
        "low_inclusive": False,
        "high_inclusive": True,
    },
]
ARTICLE = """# Is my stuff covered?

Yes. We cover up to £2,000 for the goods in your unit, whether you have Basic or Premium storage.

## Keys

You keep the only key to your unit.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've settled your claim. The most we can cover is "
    "£2,000 on any Boxwise plan, Basic or Premium.\n\nBest wishes"
)


def test_a_claim_over_every_plan_may_name_the_brand_before_the_noun() -> None:
    words = split_words("on Premium plans", "on Basic plans")
    assert split_claim_length(" on any Boxwise plan.", words) == len(" on any Boxwise plan")
    assert split_claim_length(" on any Boxwise van.", words) == 0


def test_the_claim_naming_both_tiers_goes_and_the_tier_gets_its_value() -> None:
    [move] = rule_moves(RULES)
    assert (move.old, move.new) == ("£2,000", "£5,000")
    facts = moved_facts(RULES, ATOMS, title="now settles claims over £2,000")
    knowledge = KnowledgeBase([kb_item("cover", ARTICLE), kb_item("settled", MACRO, "macro")])
    impacts = {impact.item.id: impact for impact in rank_items(facts, knowledge)}
    article = TemplateDrafter().edit(facts, impacts["cover"]).new_body
    assert article == ARTICLE.replace(
        "We cover up to £2,000 for the goods in your unit, whether you have Basic or Premium "
        "storage.",
        "We cover up to £5,000 on Premium plans (£2,000 on Basic plans) for the goods in your "
        "unit.",
    )
    macro = TemplateDrafter().edit(facts, impacts["settled"]).new_body
    assert macro == MACRO.replace(
        "£2,000 on any Boxwise plan, Basic or Premium.",
        "£5,000 on Premium plans (£2,000 on Basic plans).",
    )


def test_one_sides_own_statement_is_no_claim_over_both() -> None:
    words = split_words("on Premium plans", "on Basic plans")
    # "basic" is no name (lowercase), and "Basic" is a side of the split, not a brand
    assert split_claim_length(" on every basic plan.", words) == 0
    assert split_claim_length(" on every Basic plan.", words) == 0
    facts = moved_facts(RULES, ATOMS, title="now settles claims over £2,000")
    old = "# Cover\n\nWe cover up to £2,000 on every plan.\n"
    new = "# Cover\n\nWe cover up to £5,000 on Premium plans and £2,000 on every basic plan.\n"
    said = ["We cover up to £2,000 on every plan."]
    assert still_split_claimed(facts, said, old, new, "markdown") == []


def test_a_third_case_beside_the_two_sides_leaves_the_claim_to_a_writer() -> None:
    facts = moved_facts(RULES, ATOMS, title="now settles claims over £2,000")
    body = (
        "# Cover\n\nWe cover up to £2,000 for your goods, whether you have Basic or Premium "
        "storage or a locker.\n"
    )
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("c", body)])) if i.affected]
    assert TemplateDrafter().edit(facts, impact).new_body is None
