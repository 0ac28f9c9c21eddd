"""A call whose channel argument moved for everyone on one topic, said by the KB in ways the
old replies do not word: a sentence naming the topic ("Hold notices go out by email …"), a
list item under a lead paragraph naming it, a table cell that is the channel's noun alone
under a "How we send it" header, and a clause only true of the old channel with an aside in
brackets. On a library that now texts readers when a book they held is back, where overdue
reminders and receipts are still emailed."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.channels import cell_channels, channel_cell, channel_row, rewrite_channel
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

ARTICLE = """# Borrowing

## A book that's out

Put a hold on it in the catalogue and it's yours next. Here's what happens then:

- We'll email you once it's back.
- It waits at the desk for 7 days.

## Overdue books

Overdue reminders go out by email to the address on your library card.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour hold is placed. Hold notices go out by email to "
    "the address on your library card, usually the same day the book is back. If it's been "
    "longer, check your spam folder.\n\nThanks,\n{{current_user.first_name}}"
)
TRAP_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nOverdue reminders go out by email to the address on "
    "your library card, the day after the due date. If one hasn't come, check your spam folder."
    "\n\nThanks,\n{{current_user.first_name}}"
)
TABLE = """# How we contact you

| What | How we send it | When |
|------|----------------|------|
| Your hold is ready | Email | The day it's back |
| Overdue reminders | Email | The day after the due date |
| Event news | Text | Once a month |
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="Hold notices now sms instead of email",
        kind="actions",
        facets=["actions", "promises", "meaning"],
        probe_ids=["hold-1", "hold-2", "hold-3"],
        removed_promises=[Promise("channel", "email")],
        added_promises=[Promise("channel", "text message")],
        before_actions=[ActionFact("notify_when_back", (("via", "email"),))],
        after_actions=[ActionFact("notify_when_back", (("via", "sms"),))],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:hold", "op": "tag"}]})],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Holds",
                "Set up the notice with `notify_when_back` (via: email).",
                "Set up the notice with `notify_when_back` (via: sms).",
                "…",
            )
        ],
        excerpts=[
            Excerpt(
                probe_id=f"hold-{n}",
                old="Done! We'll email you at the address on your card once it's back.",
                new="Done! We'll text you at the number on your card once it's back.",
            )
            for n in range(1, 4)
        ],
        others=6,
    )


def test_a_clause_only_true_of_the_old_channel_goes_with_its_aside_in_brackets() -> None:
    assert (
        rewrite_channel(
            "We'll email your receipt to you within 10 minutes, so check your inbox (and the "
            "spam folder, if it's slow).",
            "email",
            "text message",
        )
        == "We'll text your receipt to you within 10 minutes."
    )
    assert (
        rewrite_channel(
            "Your code is emailed within 5 minutes (often sooner), and it may land in junk.",
            "email",
            "text message",
        )
        == "Your code is texted within 5 minutes (often sooner)."
    )
    # a ", and" inside the aside is no clause of the sentence's own
    assert (
        rewrite_channel("We'll email it to you (quickly, and for free).", "email", "text message")
        == "We'll text it to you (quickly, and for free)."
    )


def test_a_cell_that_is_a_channel_alone_under_a_header_naming_the_way() -> None:
    assert cell_channels("| What | How we send it | When |", "| Hold | Email | Same day |") == {
        "email"
    }
    assert cell_channels("| Notice | Channel |", "| Hold | SMS |") == {"text message"}
    assert cell_channels("| Notice | Sent by |", "| Hold | By post |") == {"post"}
    # a header asking how long, or a cell saying more than the channel: no way stated
    assert cell_channels("| Notice | How long |", "| Hold | Email |") == set()
    assert cell_channels("| Notice | Notes |", "| Hold | Email |") == set()
    assert channel_cell(" Email ", "email", "text message") == " Text message "
    assert channel_cell("post", "post", "email") == "email"
    assert (
        channel_row("| Your hold is ready | Email | The day it's back |", "email", "text message")
        == "| Your hold is ready | Text message | The day it's back |"
    )


def test_the_topic_s_sentences_list_item_and_row_say_the_new_channel_and_others_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Borrowing", ARTICLE),
            titled_item("macro", "Holds::Placed", MACRO),
            titled_item("macro", "Fines::Overdue", TRAP_MACRO),
            titled_item("article", "How we contact you", TABLE),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(facts, knowledge)}
    assert not impacts.get("Fines::Overdue") or not impacts["Fines::Overdue"].affected
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["Borrowing"])
    assert article.new_body == ARTICLE.replace("- We'll email you once", "- We'll text you once")
    macro = drafter.edit(facts, impacts["Holds::Placed"])
    assert macro.new_body == (
        "Hi {{ticket.requester.first_name}},\n\nYour hold is placed. Hold notices go out by text "
        "message to the mobile number on your library card, usually the same day the book is "
        "back.\n\nThanks,\n{{current_user.first_name}}"
    )
    table = drafter.edit(facts, impacts["How we contact you"])
    assert table.new_body == TABLE.replace(
        "| Your hold is ready | Email |", "| Your hold is ready | Text message |"
    )
