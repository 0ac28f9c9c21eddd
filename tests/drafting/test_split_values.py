"""A value the new prompt gives one category while the old value stays for the others, each
named in the new sentence ("20% off … on an annual plan, or 10% off on a monthly plan"): the
KB says it in its own words. A table changes only the cell of the new value's category, a
sentence about one category takes that category's value, and a sentence sent to customers of
either says both values with where each holds, never the condition's variable names (a gym's
referral reward; not the bundled example's domain)."""

from __future__ import annotations

import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule, build_facts
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_split, rule_moves, states_old_rule
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item
from tests.drafting.test_moved_amounts import NEW_RULE, OLD_RULE, moved_analysis

OLD = "Referral reward: members who refer a friend get 10% off their next month."
NEW = (
    "Referral reward: members who refer a friend get 20% off their next month on an annual "
    "plan, or 10% off on a monthly plan."
)


def _rule(old: str = OLD, new: str = NEW) -> Rule:
    return Rule("H1", "sentence_changed", "Membership", old, new, "sentence changed")


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="apply_credit: percent 10 → 20",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "plan_type = annual and referral_count >= 1",
                    "atoms": [
                        {"feature": "plan_type", "op": "=", "value": "annual"},
                        {"feature": "referral_count", "op": ">=", "value": 1},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[_rule()],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


TABLE = """# Plans

| | Annual | Monthly |
|---|---|---|
| Price per month | $40 | $55 |
| Referral reward on your next month | 10% | 10% |

Cancel any time from the app.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for referring a friend to the gym! We've "
    "taken 10% off your next month as a referral reward.\n\nSee you soon,\nThe front desk"
)


def test_the_new_sentence_splitting_a_value_by_category_is_a_move_with_both_scopes() -> None:
    [move] = rule_moves([_rule()])
    assert (move.old, move.new, move.scope, move.others) == (
        "10%",
        "20%",
        "on an annual plan",
        "on a monthly plan",
    )
    # the old sentence already named the categories: the value moved, nothing split
    [plain] = rule_moves(
        [
            _rule(
                "Members on an annual plan get 10% off their next month.",
                "Members on an annual plan get 20% off their next month.",
            )
        ]
    )
    assert (plain.old, plain.new, plain.others) == ("10%", "20%", "")


def test_a_table_changes_only_the_cell_of_the_new_values_category() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("plans", TABLE, "article")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == TABLE.replace(
        "| Referral reward on your next month | 10% | 10% |",
        "| Referral reward on your next month | 20% | 10% |",
    )


def test_a_macro_for_either_category_says_both_values_in_the_prompts_words() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("referral", MACRO, "macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    # after what the value is of, as the prompt says it ("off their next month on …")
    assert edit.new_body == MACRO.replace(
        "taken 10% off your next month",
        "taken 20% off your next month on an annual plan (10% on a monthly plan)",
    )
    assert edit.new_body is not None
    assert "plan_type" not in edit.new_body and "referral count" not in edit.new_body


def test_rows_and_sentences_that_name_one_category_take_its_value() -> None:
    [move] = rule_moves([_rule()])
    assert rewrite_split(move, "| Annual plan | 10% off your next month |") == (
        "| Annual plan | 20% off your next month |"
    )
    assert rewrite_split(move, "On an annual plan, a referral takes 10% off.") == (
        "On an annual plan, a referral takes 20% off."
    )
    # the monthly plan keeps its 10%: not the old rule, and left as it is
    monthly = "On a monthly plan, a referral takes 10% off your next month."
    assert not states_old_rule(move, monthly)
    assert rewrite_split(move, monthly) == monthly
    # a placeholder's dot ends no clause: the aside still goes after what the value is of
    assert rewrite_split(move, "We took 10% off {{ticket.member}}'s next month today.") == (
        "We took 20% off {{ticket.member}}'s next month on an annual plan (10% on a monthly "
        "plan) today."
    )
    # a number in words beside the value may restate it: a writer says both
    assert rewrite_split(move, "Refer two friends and get ten percent (10%) off.") is None


def test_a_kept_old_value_says_who_gets_the_new_one_in_the_prompts_words() -> None:
    # doubled shipping refunds that the new prompt gives "on express orders": the aside says
    # so, not the condition's variables ("orders over $50 delayed more than 48 hours")
    analysis, diff = moved_analysis(refunded_elsewhere=True)
    scoped = OLD_RULE.replace(
        "50% of the shipping fee", "100% of the shipping fee on express orders"
    )
    text = json.dumps([analysis, diff]).replace(
        json.dumps(NEW_RULE)[1:-1], json.dumps(scoped)[1:-1]
    )
    analysis, diff = json.loads(text)
    [facts] = build_facts(analysis, diff)
    body = "If your order is over $50 and more than 48 hours late, we refund 50% of the fee."
    knowledge = KnowledgeBase([kb_item("late", body, "article")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("the fee.", "the fee (100% on express orders).")
    assert edit.rationale.startswith("The agent now refunds 100% of the shipping fee on express")
