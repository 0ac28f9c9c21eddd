"""A KB sentence naming the team the old rule handed to, about another subject ("Tell our
circulation staff at the counter" in an article on lost library cards, when renewals of
overdue books stopped going to them), is no hand-off the change removed: no conflict, no edit,
and the note does not name the item. A sentence about the change's subject keeps its
conflict, whether it names the subject itself or sits under a heading that does."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import HANDOFF_REASON, change_topic, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "Every renewal request for an overdue book goes to the circulation staff, whatever the "
    "fine: pass it on with `transfer_to_desk` and tell the member the circulation staff will "
    "email them within 3 days."
)
NEW = (
    "An overdue book with a fine up to £2: renew it yourself with `renew_loan` and tell the "
    "member the new due date is in 14 days."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_to_desk → renew_loan",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["late-1", "late-2"],
        before_actions=[ActionFact("transfer_to_desk")],
        after_actions=[ActionFact("renew_loan")],
        escalation="removed",
        removed_promises=[Promise("channel", "email"), Promise("duration", "3 days")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:overdue-book", "op": "tag"},
                        {"feature": "get_loan.fine", "op": "<=", "value": 2},
                    ]
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Overdue books", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[
            Excerpt(
                probe_id="late-1",
                old="I've passed your renewal to our circulation staff; they'll email you.",
                new="Done: I've renewed it, and the new due date is in 14 days.",
            ),
        ],
        others=5,
    )


ARTICLE = (
    "# Overdue books\n\n## How do I renew?\n\nThe request goes to our circulation staff, who "
    "check your account.\n\n## Opening hours\n\nWe're open 9 to 5.\n"
)
CARDS = (
    "# Lost library cards\n\nTell our circulation staff at the counter or by phone. They block "
    "the old card and email you within 3 days when your new one is ready to collect.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking about your overdue book.\n\n"
    "Renewals are handled by our circulation staff, so we've passed your request to them."
    "\n\nBest,\n{{current_user.first_name}}"
)

OTHERS = {
    "Printing": "# Printing\n\nPrinting costs 10p a page, paid at the machine.\n",
    "Wi-Fi": "# Wi-Fi\n\nThe network is free; sign in with your card number.\n",
    "Events": "# Events\n\nStory time is on Saturdays at 11.\n",
}


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Overdue books", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("article", "2", "Lost library cards", CARDS, "markdown", "kb", "b"),
            KnowledgeItem("macro", "3", "Loans::Passed on", MACRO, "text", "kb", "m"),
            *(
                KnowledgeItem("article", str(n), title, body, "markdown", "kb", title)
                for n, (title, body) in enumerate(OTHERS.items(), start=4)
            ),
        ]
    )


def test_the_change_topic_is_its_rule_and_its_tag() -> None:
    assert {"overdue", "book"} <= change_topic(_facts())
    untagged = _facts()
    untagged.conditions = []
    assert "book" in change_topic(untagged)


def test_the_team_named_about_another_subject_is_no_conflict() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _kb())}
    assert not impacts["article:2"].affected
    # the sentence under a heading naming the subject, and the one in a macro about it (one
    # reply, on one subject) still conflict
    [conflict] = impacts["article:1"].conflicts
    assert conflict.sentence.startswith("The request goes to our circulation staff")
    assert any(r.startswith(HANDOFF_REASON) for r in conflict.reasons)
    assert any(
        any(r.startswith(HANDOFF_REASON) for r in c.reasons) for c in impacts["macro:3"].conflicts
    )


def test_the_note_does_not_name_the_other_subjects_item() -> None:
    facts = _facts()
    affected = [impact for impact in rank_items(facts, _kb()) if impact.affected]
    note = TemplateDrafter().note(facts, affected, None)
    assert not any("Lost library cards" in action for action in note.cs_actions)
    assert any("Overdue books" in action for action in note.cs_actions)
