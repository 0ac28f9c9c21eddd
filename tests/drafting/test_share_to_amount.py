"""A value that changes kind: a laundry service's credit for a missed pickup was a share of the
order ("25% of the order total") and is now a fixed amount ("a flat $3"). The KB sentences
stating the share get the new amount in their own words, the whole share replaced; a worked
example computed from the old share ("On a $40 order, that's $10.") is dropped, never kept
nor recomputed from one probe; the same percentage on another topic ("25% off every fifth
wash") and the note's before line (the old rule, not the probes' amounts) are checked too."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.drafters import kept_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import EXAMPLE_REASON, rank_items
from behaviordiff.drafting.rules import (
    rewrite_sentence,
    rule_moves,
    states_old_rule,
    worked_example,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "When a pickup is missed, give 25% of the order total as credit with `grant_credit` and "
    "tell the customer it is used on their next order."
)
NEW = (
    "When a pickup is missed, give a flat $3 as credit with `grant_credit`, whatever the order "
    "total, and tell the customer it is used on their next order."
)
ARTICLE = """# Missed pickups

## We missed your pickup

If our driver misses your pickup, you get 25% of your order total back as credit.
On a $40 order, that's $10.

The credit is used on your next order.

## Extra charges

Express cleaning costs $3 per bag.
"""
MEMBERS = "Hi {{ticket.requester.first_name}},\n\nMembers get 25% off every fifth order."


def _facts() -> ChangeFacts:
    moved = MovedValue(
        ActionFact("grant_credit", ()),
        "amount",
        (("p1", 8.0, 3.0), ("p2", 12.5, 3.0), ("p3", 6.25, 3.0)),
    )
    facts = ChangeFacts(
        id="C1",
        title="grant_credit: amount 8 → 3, 12.5 → 3, 6.25 → 3",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        after_actions=[moved.call],
        moved=[moved],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag:missed-pickup",
                    "atoms": [{"feature": "tag:missed-pickup", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        others=6,
        rules=[Rule("H1", "sentence_changed", "Missed pickups", OLD, NEW, "sentence changed")],
        excerpts=[
            Excerpt("p1", "I've added $8.00 of credit.", "I've added $3 of credit."),
            Excerpt("p2", "I've added $12.50 of credit.", "I've added $3 of credit."),
        ],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _item(key: str, body: str, kind: str) -> KnowledgeItem:
    return KnowledgeItem(
        kind="article" if kind == "article" else "macro",
        id=key,
        title=key.title(),
        body=body,
        body_format="markdown" if kind == "article" else "text",
        source="kb",
        record=key,
    )


def test_a_share_that_became_a_fixed_amount_is_one_move() -> None:
    moves = _facts().moves
    assert [(m.old, m.new, m.share) for m in moves] == [("25%", "$3", "the order total")]
    assert "a fixed amount" in moves[0].describe()


@pytest.mark.parametrize(
    ("kb", "stated", "rewritten"),
    [
        (
            "If we miss your pickup, you get 25% of your order total back as credit.",
            True,
            "If we miss your pickup, you get $3 back as credit.",
        ),
        (
            "A missed pickup earns a credit of 25 percent of the order total.",
            True,
            "A missed pickup earns a credit of $3.",
        ),
        # the same percentage as a discount, not a share of the order: another topic
        ("Members get 25% off every fifth order.", False, None),
    ],
)
def test_the_whole_share_is_replaced_and_a_discount_left_alone(
    kb: str, stated: bool, rewritten: str | None
) -> None:
    [move] = _facts().moves
    assert states_old_rule(move, kb) is stated
    assert rewrite_sentence(move, kb) == rewritten


@pytest.mark.parametrize(
    ("sentence", "worked"),
    [
        ("On a $40 order, that's $10.", "$10 is 25% of $40"),
        ("On a $39.99 order, that's about $10.", "$10 is 25% of $39.99"),
        ("On a $40 order, that's $8.", None),  # not computed from 25%
        ("On a £40 order, that's $10.", None),  # two currencies
    ],
)
def test_a_worked_example_is_one_computed_from_the_old_value(
    sentence: str, worked: str | None
) -> None:
    [move] = _facts().moves
    assert worked_example(move, sentence) == worked


def test_the_edit_states_the_amount_and_drops_the_worked_example() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [_item("pickups", ARTICLE, "article"), _item("members", MEMBERS, "macro")]
    )
    impacts = {impact.item.id: impact for impact in rank_items(facts, knowledge)}
    assert not impacts["members"].affected
    article = impacts["pickups"]
    reasons = {c.sentence: c.reasons[0] for c in article.conflicts}
    assert set(reasons) == {
        "If our driver misses your pickup, you get 25% of your order total back as credit.",
        "On a $40 order, that's $10.",
    }
    assert reasons["On a $40 order, that's $10."].startswith(EXAMPLE_REASON)

    edit = TemplateDrafter().edit(facts, article)
    assert edit.new_body == ARTICLE.replace(
        "you get 25% of your order total back as credit.\nOn a $40 order, that's $10.\n",
        "you get $3 back as credit.\n",
    )
    # the fee of another topic at the new amount stays
    assert "Express cleaning costs $3 per bag." in str(edit.new_body)
    assert "drops the worked example “On a $40 order, that's $10.”" in edit.rationale


def test_the_note_says_the_old_share_and_the_new_amount_not_the_probes_amounts() -> None:
    facts = _facts()
    note = TemplateDrafter().note(facts, [], None)
    assert "25% of the order total ($8.00, $12.50, $6.25 in the probes)" in note.before
    assert f"The old prompt (section Missed pickups) said: “{OLD}”" in note.before
    assert "with amount $3." in note.after
    assert "a credit of $3 instead of 25% of the order total" in note.customer_impact


def test_a_model_edit_keeping_the_share_or_the_example_in_other_words_is_refused() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([_item("pickups", ARTICLE, "article")])
    [article] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    template = TemplateDrafter().edit(facts, article).new_body
    assert template is not None
    assert kept_conflicts(facts, article, template, template) == []
    reworded = ARTICLE.replace(
        "you get 25% of your order total back as credit.\nOn a $40 order, that's $10.",
        "we credit 25% of the order total to you.\nSo a $40 order gets $10 back.",
    )
    problems = kept_conflicts(facts, article, reworded, template)
    assert any("still states 25% of the order total" in problem for problem in problems)
    assert any("works an example out from the old 25%" in problem for problem in problems)


def test_the_same_percentage_off_on_the_changed_topic_is_no_share_of_it() -> None:
    # names the change's topic (pickups) and what the credit is of (the order), so it reads
    # as about the change; but "25% off" is a discount, never the old share
    apology = (
        "Hi {{ticket.requester.first_name}},\n\nSorry we missed your pickup: as a member you "
        "still get 25% off your next order."
    )
    knowledge = KnowledgeBase(
        [_item("pickups", ARTICLE, "article"), _item("missed pickup", apology, "macro")]
    )
    impacts = {impact.item.id: impact for impact in rank_items(_facts(), knowledge)}
    assert not impacts["missed pickup"].conflicts


HIRE_OLD = (
    "After 3 days, the late fee is 20% of the hire price, because the tool is booked out again: "
    "call `charge_fee` with amount set to that figure and tell the customer the fee."
)
HIRE_NEW = (
    "After 3 days, the late fee is a flat $25 for every hire, whatever the hire price: call "
    "`charge_fee` with amount 25 and tell the customer the fee."
)
HIRE_ARTICLE = """# Returning your tools

Bring tools back within 3 days at no extra cost.

| Late return | Charge |
|---|---|
| More than 3 days late | We charge 20% of the hire price |
| Lost tool | The full replacement price |

Keep a tool more than 3 days and we charge 20% of the hire price as a late fee, because someone
else has usually booked it. Members get 20% off their tenth hire.
"""


def _hire() -> ChangeFacts:
    moved = MovedValue(ActionFact("charge_fee", ()), "amount", (("p1", 12.0, 25.0),))
    facts = ChangeFacts(
        id="C1",
        title="charge_fee: amount 12 → 25",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1"],
        after_actions=[moved.call],
        moved=[moved],
        conditions=[
            Condition.from_dict(
                {
                    "text": "days_late > 3",
                    "atoms": [{"feature": "days_late", "op": ">", "value": 3}],
                    "changed": {"matched": 1, "total": 1},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        others=6,
        rules=[Rule("H1", "sentence_changed", "Late returns", HIRE_OLD, HIRE_NEW, "changed")],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_a_share_made_flat_for_every_case_is_read_from_the_whole_sentences() -> None:
    # the new sentence says the amount holds whatever the old share's base and drops the
    # reason: the alignment pairs the share with more than the amount, the sentences do not
    assert [(m.old, m.new, m.share) for m in _hire().moves] == [("20%", "$25", "the hire price")]
    knowledge = KnowledgeBase([_item("returns", HIRE_ARTICLE, "article")])
    [article] = [impact for impact in rank_items(_hire(), knowledge) if impact.affected]
    edit = TemplateDrafter().edit(_hire(), article)
    assert edit.new_body == HIRE_ARTICLE.replace("20% of the hire price", "$25")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # two percentages: which one went is the alignment's to say
        (
            "The fee is 20% of the hire price, or 10% for members.",
            "The fee is a flat $25 for every hire, whatever the hire price.",
        ),
        # a percentage kept in the new sentence: no share became an amount
        (
            "The fee is 20% of the hire price.",
            "The fee is a flat $25 for every hire, or 20% of the hire price for members.",
        ),
        # another value moved too
        (
            "After 3 days, the fee is 20% of the hire price.",
            "After 5 days, the fee is a flat $25 for every hire, whatever the hire price.",
        ),
    ],
)
def test_no_whole_share_move_unless_only_the_share_became_an_amount(old: str, new: str) -> None:
    moves = rule_moves([Rule("H1", "sentence_changed", "Fees", old, new, "changed")])
    assert not any(m.share == "the hire price" and m.new == "$25" for m in moves)
