"""A hand-off the new prompt replaces for the same case ("If a member wants to pause their
plan, hand them to the front desk team" → "…, pause it for them"), with a sentence after it
saying what to tell the customer: the rule replaces the old one for everyone it reached, so
the KB says it instead (no "with one exception"), with what the customer is now told, and
without what the team handed to did. A gym whose assistant now pauses plans itself."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, told_rules
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import same_case_rule, told_with
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "If a member wants to pause their plan, hand them to a person in the front desk team with `transfer_to_desk`."  # noqa: E501
NEW = "If a member wants to pause their plan, pause it for them with `pause_plan`."
TOLD = "Tell them the pause starts on their next billing date; paused weeks aren't charged."
HUNKS = {
    "H1": {"kind": "sentence_changed", "file": "p.md", "section": "Plans", "old": OLD, "new": NEW},
    "H2": {
        "kind": "sentence_changed",
        "file": "p.md",
        "section": "Plans",
        "old": "Don't pause it yourself.",
        "new": TOLD,
    },
    "H3": {"kind": "tool_added", "file": "agent.yaml", "key": "pause_plan"},
}


def _rules() -> list[Rule]:
    rules = [
        Rule("H1", "sentence_changed", "Plans", OLD, NEW, f"section Plans: {OLD} → {NEW}"),
        Rule("H3", "tool_added", None, None, None, "tool pause_plan added", "Pause the plan."),
    ]
    return rules + told_rules(rules, HUNKS, {"H1", "H3"})


def test_the_sentence_telling_the_customer_goes_with_the_rule_before_it() -> None:
    rules = _rules()
    assert rules[-1].kind == "sentence_added" and rules[-1].new == TOLD
    # attributed to a change of its own, or in another section: not this rule's
    assert told_rules(rules[:2], HUNKS, {"H1", "H2", "H3"}) == []
    other = {**HUNKS, "H2": {**HUNKS["H2"], "section": "Prices"}}
    assert told_rules(rules[:2], other, {"H1", "H3"}) == []
    assert told_with(rules, NEW) == [
        "The pause starts on your next billing date; paused weeks aren't charged."
    ]


def test_a_rule_for_the_same_case_replaces_the_old_one() -> None:
    assert same_case_rule(_rules(), NEW)
    narrower = "If a member on a yearly plan wants to pause it, pause it for them."
    rules = [Rule("H1", "sentence_changed", "Plans", OLD, narrower, "changed")]
    assert not same_case_rule(rules, narrower)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_to_desk → pause_plan",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["pause-1", "pause-2"],
        before_actions=[ActionFact("transfer_to_desk")],
        after_actions=[ActionFact("pause_plan")],
        escalation="removed",
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:pause", "op": "tag"}]})],
        rules=_rules(),
        excerpts=[
            Excerpt(
                probe_id="pause-1",
                old="Pausing is done by our front desk team, so I'm passing you to them now.",
                new="Done: your plan is paused. The pause starts on your next billing date.",
            ),
            Excerpt(
                probe_id="pause-2",
                old="I've passed you to a person in our front desk team, who will pause it.",
                new="I've paused your plan; paused weeks aren't charged.",
            ),
        ],
        others=4,
    )


def test_the_kb_says_the_new_rule_and_what_the_customer_is_told_instead_of_the_hand_off() -> None:
    facts = _facts()
    article = (
        "# Pausing\n\n## How do I pause my plan?\n\nMessage us and we'll pass you to our front "
        "desk team, who will pause it for you.\n\n## Fees\n\nPlans cost $30 a month.\n"
    )
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nPausing is handled by our front desk team, so "
        "I've passed your request to a person there. They'll pause your plan and confirm by "
        "email.\n\nSee you soon,\n{{current_user.first_name}}"
    )
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Pausing", article, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Plans::Pause", macro, "text", "kb", "m"),
        ]
    )
    impacts = {i.item.key: i for i in rank_items(facts, kb) if i.affected}
    assert set(impacts) == {"article:1", "macro:2"}
    drafter = TemplateDrafter()
    told = "The pause starts on your next billing date; paused weeks aren't charged."
    edited = drafter.edit(facts, impacts["article:1"]).new_body
    assert edited is not None and "exception" not in edited
    assert "front desk" not in edited and told in edited
    assert "Plans cost $30 a month." in edited
    edited = drafter.edit(facts, impacts["macro:2"]).new_body
    assert edited is not None and told in edited
    assert "They'll pause your plan" not in edited and "See you soon" in edited
    note = drafter.note(facts, list(impacts.values()), None)
    assert told in note.after


def test_a_told_sentence_paired_with_the_sentence_it_replaced_is_still_told() -> None:
    """On a whole topic's change the told sentence after the rule can be paired with the old
    sentence it replaced ("Don't renew it yourself." → "Tell them the loan runs on …"): what
    it tells the customer is still said beside the new rule (a cancellation's "carries on
    until the end of the month" once went missing)."""
    from behaviordiff.drafting.facts import Rule
    from behaviordiff.drafting.rules import told_with

    rule = "If a member wants to renew a loan, renew it for them with `renew_loan`."
    rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Loans",
            "If a member wants to renew, hand them to the desk.",
            rule,
            "changed",
        ),
        Rule(
            "H2",
            "sentence_changed",
            "Loans",
            "Don't renew it yourself.",
            "Tell them the loan now runs for another three weeks.",
            "section Loans: sentence with it: Tell them the loan now runs for another three weeks.",
        ),
        Rule(
            "H3",
            "sentence_changed",
            "Fines",
            "Fines are 20p a day.",
            "Fines are 25p a day.",
            "changed",
        ),
    ]
    assert told_with(rules, rule) == ["The loan now runs for another three weeks."]
