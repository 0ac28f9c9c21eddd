"""A call whose channel argument moved for everyone on one topic (`send_code`, channel email →
sms): the KB sentences stating the old channel for that sending say the new one in their own
words, a step only the old channel has goes, and the first sending (with the sign-up
confirmation) keeps its channel. On a bank that now resends lost login codes by text."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.channelarg import (
    channel_argument_switch,
    first_sending,
    old_channel_step,
    renamed_message,
)
from behaviordiff.drafting.channels import rewrite_channel
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD_RULE = (
    "If a customer is locked out, send their login code again with `send_code`, channel `email`."
)
NEW_RULE = (
    "If a customer is locked out, send their login code again with `send_code`, channel `sms`."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry you're locked out! We'll email your code to "
    "you again, to the address on your account, within 2 minutes (2 minutes).\n\nIf you can't "
    "see it, check your spam folder.\n\nThe code works once.\n\nThanks,\n"
    "{{current_user.first_name}}"
)
BRANCH_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nLocked out? We've emailed your code to you again "
    "within 2 minutes. Our branch team can also help if the email takes a while.\n\n"
    "Thanks,\n{{current_user.first_name}}"
)
ARTICLE = """# Logging in

## How do I get my login code?

- **When you sign up:** your login code is emailed to you straight away with your welcome
  pack.
- **If you're locked out:** ask us in chat and we'll email your code to you again within 2 minutes.
- **In a branch:** our team can check your identity.

## I'm locked out

Message us and we'll email your code to you again, to the address on your account.
Check your spam folder if it doesn't turn up within 2 minutes.
"""


def _facts(
    before: ActionFact | None = None,
    after: ActionFact | None = None,
    atoms: list[dict[str, object]] | None = None,
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="Login codes now sms instead of email",
        kind="actions",
        facets=["actions", "promises", "meaning"],
        probe_ids=["locked-1", "locked-2", "locked-3"],
        removed_promises=[Promise("channel", "email")],
        added_promises=[Promise("channel", "text message")],
        before_actions=[before or ActionFact("send_code", (("channel", "email"),))],
        after_actions=[after or ActionFact("send_code", (("channel", "sms"),))],
        conditions=[
            Condition.from_dict({"atoms": atoms or [{"feature": "tag:login", "op": "tag"}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Locked out", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                probe_id=f"locked-{n}",
                old="We've emailed your code to the address on your account, within 2 minutes.",
                new="We've texted your code to the number on your account, within 2 minutes.",
            )
            for n in range(1, 4)
        ],
        others=6,
    )


def test_a_channel_argument_moved_for_everyone_on_a_topic_is_a_channel_switch() -> None:
    assert channel_argument_switch(_facts()) == ("email", "text message")
    # another tool, a second argument moved, or a condition on who: not this class
    assert (
        channel_argument_switch(_facts(after=ActionFact("send_link", (("channel", "sms"),))))
        is None
    )
    moved_two = ActionFact("send_code", (("channel", "sms"), ("to", "primary")))
    assert (
        channel_argument_switch(
            _facts(ActionFact("send_code", (("channel", "email"), ("to", "backup"))), moved_two)
        )
        is None
    )
    premium: list[dict[str, object]] = [
        {"feature": "tag:login", "op": "tag"},
        {"feature": "plan", "op": "=", "value": "premium"},
    ]
    assert channel_argument_switch(_facts(atoms=premium)) is None
    # an argument that names no channel
    assert (
        channel_argument_switch(
            _facts(
                ActionFact("send_code", (("channel", "primary"),)),
                ActionFact("send_code", (("channel", "backup"),)),
            )
        )
        is None
    )


def test_the_first_sending_a_wait_step_and_the_message_named_by_its_channel() -> None:
    facts = _facts()
    assert first_sending("Your first login code is emailed with your welcome pack.", facts)
    assert not first_sending("We'll email your code to you again within 2 minutes.", facts)
    assert old_channel_step(
        "Check your spam folder if it doesn't turn up within 2 minutes.", "email", "text message"
    )
    assert not old_channel_step("We'll email it within 2 minutes.", "email", "text message")
    assert (
        renamed_message("Our team can help if the email takes a while.", "email", "text message")
        == "Our team can help if the text message takes a while."
    )
    assert renamed_message("Check the email address we have.", "email", "text message") is None
    # "the address on your account" in a sentence sending by email is its email address
    assert (
        rewrite_channel(
            "We'll email it to you, to the address on your account.", "email", "text message"
        )
        == "We'll text it to you, to the mobile number on your account."
    )


def test_the_resend_sentences_say_the_new_channel_and_the_first_sending_stays() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("macro", "Login::Resend code", MACRO),
            titled_item("macro", "Login::In branch", BRANCH_MACRO),
            titled_item("article", "Logging in", ARTICLE),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(facts, knowledge)}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["Login::Resend code"])
    assert macro.new_body == (
        "Hi {{ticket.requester.first_name}},\n\nSorry you're locked out! We'll text your code to "
        "you again, to the mobile number on your account, within 2 minutes (2 minutes).\n\n"
        "The code works once.\n\nThanks,\n{{current_user.first_name}}"
    )
    branch = drafter.edit(facts, impacts["Login::In branch"])
    assert branch.new_body == BRANCH_MACRO.replace("emailed", "texted").replace(
        "the email", "the text message"
    )
    # the first sending read as a conflict too: it keeps its channel
    impact = impacts["Logging in"]
    welcome = next(unit for unit in impact.units if "welcome" in unit.text)
    impact.conflicts.insert(
        0, Conflict(impact.units.index(welcome), welcome.text, ("states email",))
    )
    article = drafter.edit(facts, impact)
    assert article.new_body == (
        ARTICLE.replace("we'll email your code", "we'll text your code")
        .replace("the address on your account", "the mobile number on your account")
        .replace("\nCheck your spam folder if it doesn't turn up within 2 minutes.", "")
    )
    assert "is emailed to you straight away with your welcome" in (article.new_body or "")


def test_the_note_quotes_a_resend_sentence_not_the_first_sending() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([titled_item("article", "Logging in", ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    # the first sending read as a conflict too, ahead of the resends
    welcome = next(unit for unit in impact.units if "welcome" in unit.text)
    impact.conflicts.insert(
        0, Conflict(impact.units.index(welcome), welcome.text, ("states email",))
    )
    note = TemplateDrafter().note(facts, [impact], None)
    [update] = [action for action in note.cs_actions if action.startswith("Update")]
    assert "welcome" not in update
    assert "again" in update
