"""A category no longer sent to one region (made-up agent, no scenario's text): a wine
merchant's carrier no longer takes spirits to Channel Islands addresses. A sentence claiming the
shop ships "them" anywhere, said of the spirits the new rule names (its subject is no word of
the condition's topic tag), takes the exception; its "to any UK address" stays whole (taking
"to any UK" out would leave "address" alone) and its ", Channel Islands included" goes; the
rule's "them" stays the spirits, not the customer."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import to_you, without_named_inclusion, without_universal
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

RULE = (
    "Orders containing spirits can't be delivered to Channel Islands addresses: our carrier no "
    "longer takes them there."
)
CLAIM = (
    "Our spirits travel in padded sleeves, so we can ship them to any UK address, Channel "
    "Islands included."
)
ARTICLE = "# Delivering spirits\n\n" + CLAIM + "\n\nEach bottle is checked before it leaves.\n"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_carrier",
        kind="actions",
        facets=["actions"],
        probe_ids=["jersey-gin", "guernsey-rum"],
        before_actions=[ActionFact("book_carrier")],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:shipping", "op": "tag"},
                        {"feature": "region", "op": "=", "value": "channel_islands"},
                    ]
                }
            )
        ],
        rules=[Rule("H1", "sentence_added", "Shipping", None, RULE, "sentence added")],
        excerpts=[Excerpt("jersey-gin", "It's booked.", "Sorry, we can't send spirits there.")],
        others=8,
    )


def test_a_claim_said_of_what_the_rule_names_takes_the_exception() -> None:
    item = KnowledgeItem("article", "1", "Delivering spirits", ARTICLE, "markdown", "kb", "a")
    [impact] = [i for i in rank_items(_facts(), KnowledgeBase([item])) if i.affected]
    assert [c.sentence for c in impact.conflicts] == [CLAIM]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == ARTICLE.replace(
        CLAIM,
        "Our spirits travel in padded sleeves, so we can ship them to any UK address, with one "
        "exception: orders containing spirits can't be delivered to Channel Islands addresses, "
        "and our carrier no longer takes them there.",
    )


def test_a_phrase_whose_noun_goes_on_stays_and_a_named_inclusion_goes() -> None:
    assert without_universal("We ship them to any UK address.") == "We ship them to any UK address."
    assert without_universal("The fee applies to all patients.") == "The fee applies."
    assert (
        without_named_inclusion(
            "We ship to any address, Channel Islands included.", "Channel Islands addresses"
        )
        == "We ship to any address."
    )
    assert (
        without_named_inclusion(
            "We ship to any address, gift boxes included.", "Channel Islands addresses"
        )
        == "We ship to any address, gift boxes included."
    )


def test_them_carried_is_the_things_and_them_told_is_the_customer() -> None:
    assert to_you(RULE) == RULE
    assert to_you("Members over 70 ride free: we take them there by minibus.") == (
        "Members over 70 ride free: we take you there by minibus."
    )
