"""A notice whose channel moved (a dry cleaner's ready-for-pickup notice, `send_ready_notice`
channel email → sms): the article's sentence that sends it "the minute the presser signs it
off" states the channel as the old replies did, once the time it is sent is set aside; a
table row says its channel in a cell under a header ("| Notice | How it reaches you |") and
takes the new one in that cell, while the row of another notice stays; and a macro's last
clause only true of email ("…, so keep an eye on your inbox!") goes with it."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.channels import channel_row, rewrite_channel
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD_RULE = (
    "When an order is ready for pickup, send the notice with `send_ready_notice`, channel `email`."
)
NEW_RULE = (
    "When an order is ready for pickup, send the notice with `send_ready_notice`, channel `sms`."
)
ARTICLE = """# Picking up your order

## How will I know it's ready?

We'll send you an email the minute the presser signs it off. It has your ticket number in it.

## What we send, and how

| Notice | How it reaches you |
| --- | --- |
| Ready for pickup | By email, with your ticket number |
| Late pickup reminder | By email, after 14 days |
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour coat is with our pressers. The moment it's "
    "ready, we'll email you, so keep an eye on your inbox!\n\nThanks,\n"
    "{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="send_ready_notice(channel=email) → send_ready_notice(channel=sms)",
        kind="actions",
        facets=["actions", "promises", "meaning"],
        probe_ids=["ready-1", "ready-2", "ready-3"],
        removed_promises=[Promise("channel", "email")],
        added_promises=[Promise("channel", "text message")],
        before_actions=[ActionFact("send_ready_notice", (("channel", "email"),))],
        after_actions=[ActionFact("send_ready_notice", (("channel", "sms"),))],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:pickup", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Pickup", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                probe_id=f"ready-{n}",
                old="Your coat is with our pressers: we'll send you an email with your ticket "
                "number the moment it's ready to pick up.",
                new="Your coat is with our pressers: we'll send you a text message with your "
                "ticket number the moment it's ready to pick up.",
            )
            for n in range(1, 4)
        ],
        others=6,
    )


def test_a_row_states_its_channel_with_the_header_and_a_cell_takes_the_new_one() -> None:
    header = "| Notice | How it reaches you |"
    row = "| Ready for pickup | By email, with your ticket number |"
    assert [p.value for p in extract_promises(f"{header} {row}")] == ["email"]
    assert channel_row(row, "email", "text message") == (
        "| Ready for pickup | By text message, with your ticket number |"
    )
    assert channel_row("| Ready for pickup | Ticket number |", "email", "text message") is None


def test_a_last_clause_only_true_of_the_old_channel_goes() -> None:
    assert (
        rewrite_channel(
            "The moment it's ready, we'll email you, so keep an eye on your inbox!",
            "email",
            "text message",
        )
        == "The moment it's ready, we'll text you!"
    )
    # a last clause about something else stays
    assert (
        rewrite_channel(
            "We'll email you when it's ready, and it takes two days.", "email", "text message"
        )
        == "We'll text you when it's ready, and it takes two days."
    )


def test_the_article_sentence_and_row_and_the_macro_say_the_new_channel() -> None:
    knowledge = KnowledgeBase(
        items=[
            titled_item("article", "Picking up your order", ARTICLE),
            titled_item("macro", "Pickup::Still pressing", MACRO),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(_facts(), knowledge)}
    drafter = TemplateDrafter()
    article = drafter.edit(_facts(), impacts["Picking up your order"])
    assert article.new_body == (
        ARTICLE.replace(
            "send you an email the minute", "send you a text message the minute"
        ).replace("| By email, with your", "| By text message, with your")
    )
    macro = drafter.edit(_facts(), impacts["Pickup::Still pressing"])
    assert macro.new_body == MACRO.replace(
        "we'll email you, so keep an eye on your inbox!", "we'll text you!"
    )
