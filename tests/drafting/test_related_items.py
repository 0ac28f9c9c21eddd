"""Flag, don't guess: a KB sentence is only about a change when it is about the changed rule's
topic. A tool-hire shop stops billing damaged rentals to the card for cheap tools; its macro on
late returns says the same "billed to your card within 3 business days" about another subject,
and must get no edit."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_topic
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD = (
    "When a rented tool comes back damaged, bill the repair fee to the customer's card with "
    "`bill_card` and tell them the bill shows on their card within 3 business days."
)
NEW = (
    "Damaged rented tools worth $100 or less: waive the repair fee with `waive_fee` and tell "
    "them nothing is charged."
)
DAMAGED = "We've billed the repair fee to your card, and it shows within 3 business days."
LATE = "A late return is billed to your card within 3 business days."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="bill_card → waive_fee",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["drill", "saw", "sander"],
        before_actions=[ActionFact("bill_card")],
        after_actions=[ActionFact("waive_fee")],
        removed_promises=[Promise("duration", "3 business days", "bill")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "tool_value", "op": "<=", "value": 100.0}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Damage", OLD, NEW, "…")],
        excerpts=[
            Excerpt(
                probe_id="drill",
                old="I've billed the repair fee to your card; it shows within 3 business days.",
                new="Good news: there's no charge for the repair this time.",
            )
        ],
        others=6,
    )


def _knowledge() -> KnowledgeBase:
    return KnowledgeBase(
        [
            titled_item(
                "macro",
                "Rentals::Damaged tool",
                "Hi {{ticket.requester.first_name}},\n\nSorry the tool broke. " + DAMAGED,
            ),
            titled_item(
                "macro",
                "Rentals::Late return",
                "Hi {{ticket.requester.first_name}},\n\nYour rental came back two days late. "
                + LATE,
            ),
            titled_item(
                "article",
                "Returning a rental",
                "# Returning a rental\n\n## What if a rented tool is damaged?\n\nWe bill the "
                "repair fee to your card. It shows within 3 business days.\n\n"
                "## What if I return it late?\n\n" + LATE,
            ),
        ]
    )


def test_the_topic_is_what_both_versions_of_the_rules_head_single_out() -> None:
    assert rule_topic(_facts().rules) == {"rent", "tool", "damag"}
    # an added rule has no old head to share words with: no topic, no filter
    assert rule_topic([Rule("H2", "sentence_added", "Damage", None, NEW, "…")]) == set()


def test_the_same_value_and_action_about_another_subject_is_no_conflict() -> None:
    impacts = {impact.item.title: impact for impact in rank_items(_facts(), _knowledge())}
    assert [c.sentence for c in impacts["Rentals::Damaged tool"].conflicts] == [DAMAGED]
    # the category prefix every rental macro shares is no sign of the topic
    assert not impacts["Rentals::Late return"].affected
    # in an article, the sentence under its own heading stays; the one whose paragraph opens
    # on the topic is found with it
    article = [c.sentence for c in impacts["Returning a rental"].conflicts]
    assert article == [
        "We bill the repair fee to your card.",
        "It shows within 3 business days.",
    ]


def test_an_item_with_no_conflict_gets_no_edit() -> None:
    facts = _facts()
    drafter = TemplateDrafter()
    edited = {
        impact.item.title
        for impact in rank_items(facts, _knowledge())
        if impact.affected and drafter.edit(facts, impact).new_body is not None
    }
    assert "Rentals::Late return" not in edited
