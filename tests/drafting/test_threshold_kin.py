"""A threshold's free side and a fee's currency (made-up domains: a savings club's early
withdrawal penalty, a shop's shipping refunds in euros).

- A KB sentence stating a moved notice period from its free side ("Withdraw with at least 30
  days' warning and there is no charge.") moves with the paragraph's sentence stating the
  penalty, though it says the rule's noun in another form ("withdraw" of "Withdrawals").
- An amount whose argument names no currency (`amount`, `fee`) is written in the currency the
  change's prompt sentences and replies write amounts with, not in dollars."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from behaviordiff.drafting import TemplateDrafter, build_facts
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding, diff_text
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import bound_on_topic, rule_moves
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item, moved_facts
from tests.drafting.test_moved_amounts import moved_analysis

CLUB = [
    Rule(
        "H1",
        "sentence_changed",
        "Withdrawals",
        "Withdrawals with less than 30 days' notice pay a $25 penalty (fee 25).",
        "Withdrawals with less than 60 days' notice pay a $25 penalty (fee 25).",
        "sentence changed",
    )
]

SAVINGS = (
    "# Taking money out\n\nYou can ask for your savings in the app.\n\n"
    "Withdraw with at least 30 days' warning and there is no charge. If you give less than 30 "
    "days' notice, we take a $25 penalty.\n\nStatements are kept online for 30 days.\n"
)


def _club() -> ChangeFacts:
    return moved_facts(
        CLUB,
        [{"feature": "days_notice", "op": "between", "low": 30, "high": 60}],
        title="withdraw_savings(fee) 0 → 25",
    )


def test_the_free_side_in_another_form_of_the_rules_noun_is_on_topic() -> None:
    [move] = rule_moves(CLUB)
    assert bound_on_topic([move], move, "Withdraw with at least 30 days' warning.")
    # no word of the rule in any form: another subject that draws the same line
    assert not bound_on_topic([move], move, "Statements are kept online for at least 30 days.")


def test_the_free_side_of_a_moved_notice_period_moves_with_the_penalty() -> None:
    facts = _club()
    knowledge = KnowledgeBase([kb_item("savings", SAVINGS)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert "Withdraw with at least 30 days' warning and there is no charge." in [
        conflict.sentence for conflict in impact.conflicts
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == SAVINGS.replace("at least 30 days'", "at least 60 days'").replace(
        "less than 30 days'", "less than 60 days'"
    )
    assert "online for 30 days" in edit.new_body


def _in_euros(value: Any) -> Any:
    return json.loads(json.dumps(value).replace("$", "€"))


def test_an_amount_whose_argument_names_no_currency_is_in_the_prompts_currency() -> None:
    analysis, diff = moved_analysis()
    [facts] = build_facts(_in_euros(analysis), _in_euros(diff))
    [moved] = facts.moved
    assert moved.argument == "amount" and moved.currency == "€"
    assert moved.shown(9) == "€9.00"
    note = TemplateDrafter().note(facts, [], None)
    text = " ".join([note.title, note.before, note.after, note.customer_impact])
    assert "€" in text and "$" not in text


def test_with_no_currency_written_anywhere_an_amount_stays_in_dollars() -> None:
    analysis, diff = moved_analysis()
    [facts] = build_facts(analysis, diff)
    [moved] = facts.moved
    assert moved.currency == "$"


ALERTS = (
    "Hi,\n\nAlerts are sent by text at no cost. You can withdraw without any penalty up to 30 "
    "days after your deposit.\n\nThe savings club"
)


def test_a_free_side_on_its_own_in_another_item_is_a_conflict() -> None:
    facts = _club()
    knowledge = KnowledgeBase(
        [kb_item("alerts", ALERTS, kind="macro", title="Club::Alerts"), kb_item("s", SAVINGS)]
    )
    [impact] = [
        impact for impact in rank_items(facts, knowledge) if impact.item.title == "Club::Alerts"
    ]
    assert [conflict.sentence for conflict in impact.conflicts] == [
        "You can withdraw without any penalty up to 30 days after your deposit."
    ]
    # read as the free side of the line, or as the old value said in other words about the
    # same subject (the rule's "cancel" and the item's "cancellations" are one topic)
    reason = impact.conflicts[0].reasons[0]
    assert "nothing is paid" in reason or "in other words, about the same subject" in reason
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == ALERTS.replace("up to 30 days", "up to 60 days")


def test_a_free_sentence_about_another_subject_is_no_conflict() -> None:
    facts = _club()
    other = "Hi,\n\nStatements are free to download for up to 30 days.\n\nThe savings club"
    knowledge = KnowledgeBase(
        [
            kb_item("statements", other, kind="macro", title="Club::Statements"),
            kb_item("s", SAVINGS),
        ]
    )
    assert not [
        impact
        for impact in rank_items(facts, knowledge)
        if impact.item.title == "Club::Statements" and impact.affected
    ]


def test_the_llm_note_must_write_amounts_in_the_prompts_currency() -> None:
    analysis, diff = moved_analysis()
    facts_analysis, facts_diff = _in_euros(analysis), _in_euros(diff)
    [facts] = build_facts(facts_analysis, facts_diff)
    grounding = Grounding([facts.corpus(), diff_text(facts_diff, ["H1"])])
    template = TemplateDrafter().note(facts, [], None)

    def drafted(amounts: str) -> Any:
        reply = {
            "title": "Shipping refunds doubled for late orders",
            "before": f"The agent refunds 50% of the shipping fee ({amounts}).",
            "after": "The agent now refunds 100% of the shipping fee.",
            "when": template.when,
            "customer_impact": "Customers get twice the refund.",
            "cs_actions": ["Brief reps."],
        }
        model = FakeChatModel(default=json.dumps(reply))
        return asyncio.run(LLMDrafter(model, "fake-model").draft(facts, [], grounding, None))

    assert drafted("€4.50, €7.50").note.origin == "llm"
    wrong = drafted("$4.50, $7.50")
    assert wrong.note.origin == "llm-fallback"
    assert "amounts in $" in wrong.fallbacks[0]["reason"]
    assert "$" not in wrong.note.title + wrong.note.before
