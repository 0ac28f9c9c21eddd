"""A promise now kept by another channel: the KB sentences stating the old channel say the new
one in their own words, a sentence only true of the old channel ("look in your junk folder")
goes, and sentences about the same channel for something else (receipts still emailed) stay.
On a pharmacy that now texts, instead of emailing, when a prescription is ready."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.channels import only_about, rewrite_channel, switched_channel
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD_RULE = (
    "When a prescription is sent to the pharmacy, tell the customer we'll email them once it "
    "is ready to collect."
)
NEW_RULE = OLD_RULE.replace("email them", "text them")
READY_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour prescription is with the pharmacy. We'll "
    "email you once it is ready to collect, usually within 2 days.\n\nIf you can't see our "
    "message, look in your junk folder.\n\nBring photo ID when you collect it.\n\nThanks,\n"
    "{{current_user.first_name}}"
)
RECEIPT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour receipt is emailed to you after every "
    "purchase, so you'll find it in your inbox.\n\nThanks,\n{{current_user.first_name}}"
)
ARTICLE = """# Collecting a prescription

## When is my prescription ready?

Usually within 2 days. We email you a collection note once your prescription is ready to
collect.

## Can someone else collect it?

Yes, with your collection note and their own photo ID.
"""


def _facts(condition: dict[str, object] | None = None) -> ChangeFacts:
    atoms = [{"feature": "tag:prescription", "op": "tag"}]
    if condition:
        atoms.append(condition)
    return ChangeFacts(
        id="C1",
        title="by email → by text message",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=["rx-1", "rx-2", "rx-3"],
        removed_promises=[Promise("channel", "email")],
        added_promises=[Promise("channel", "text message")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[Rule("H1", "sentence_changed", "Prescriptions", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                probe_id=f"rx-{n}",
                old="It's with the pharmacy now. We'll email you once it's ready to collect.",
                new="It's with the pharmacy now. We'll text you once it's ready to collect.",
            )
            for n in range(1, 4)
        ],
        others=6,
    )


def test_a_kb_sentence_says_the_new_channel_in_its_own_words() -> None:
    # the new channel's own verb where it has one, else "sent by …" where the verb stood
    assert rewrite_channel(
        "Your PIN will be emailed to you within 2 days, and the old one stops working.",
        "email",
        "text message",
    ) == ("Your PIN will be texted to you within 2 days, and the old one stops working.")
    assert (
        rewrite_channel("Your PIN will be emailed to you within 2 days.", "email", "post")
        == "Your PIN will be sent to you by post within 2 days."
    )
    assert (
        rewrite_channel("We email the PIN to you within 2 days.", "email", "post")
        == "We send the PIN to you by post within 2 days."
    )
    assert (
        rewrite_channel("We'll email you once it's ready.", "email", "app")
        == "We'll contact you in the app once it's ready."
    )
    assert (
        rewrite_channel("Look out for an email with your PIN.", "email", "text message")
        == "Look out for a text message with your PIN."
    )
    assert (
        rewrite_channel("It comes by SMS within the hour.", "text message", "email")
        == "It comes by email within the hour."
    )
    # where it reaches the customer moves with it
    assert (
        rewrite_channel(
            "The PIN is sent to the email address on your account.", "email", "text message"
        )
        == "The PIN is sent to the mobile number on your account."
    )
    # words for the old channel the rewrite does not know, or one only true of it: no guess
    assert rewrite_channel("We email it; check your spam folder.", "email", "post") is None
    assert rewrite_channel("Email us your photos.", "email", "text message") is None


def test_a_sentence_only_true_of_the_old_channel_is_about_it_alone() -> None:
    assert only_about("If it's not there, check your spam folder.", "email", "text message")
    # it also states a fact, or it is true of the new channel too: it stays
    assert not only_about("Check your spam folder within 2 days.", "email", "text message")
    assert not only_about("If it's not there, check your spam folder.", "email", "email")
    assert not only_about("Bring photo ID when you collect it.", "email", "text message")


def test_a_channel_switch_is_pairs_one_channel_each_side() -> None:
    email, text = Promise("channel", "email"), Promise("channel", "text message")
    assert switched_channel([email], [text]) == ("email", "text message")
    assert switched_channel([email], [Promise("duration", "2 days")]) is None
    assert switched_channel([email, Promise("channel", "post")], [text]) is None


def test_the_macro_and_article_state_the_new_channel_and_the_receipts_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("macro", "Prescriptions::Ready", READY_MACRO),
            titled_item("macro", "Billing::Receipts", RECEIPT_MACRO),
            titled_item("article", "Collecting a prescription", ARTICLE),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(facts, knowledge)}
    assert not impacts["Billing::Receipts"].affected
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["Prescriptions::Ready"])
    assert macro.new_body == (
        "Hi {{ticket.requester.first_name}},\n\nYour prescription is with the pharmacy. We'll "
        "text you once it is ready to collect, usually within 2 days.\n\n"
        "Bring photo ID when you collect it.\n\nThanks,\n{{current_user.first_name}}"
    )
    assert "junk folder" in macro.rationale
    article = drafter.edit(facts, impacts["Collecting a prescription"])
    assert article.new_body == ARTICLE.replace("We email you", "We text you")


def test_a_new_channel_for_some_customers_only_is_added_and_the_old_one_kept() -> None:
    facts = _facts({"feature": "plan", "op": "=", "value": "premium"})
    knowledge = KnowledgeBase([titled_item("macro", "Prescriptions::Ready", READY_MACRO)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == READY_MACRO.replace(
        "within 2 days.", f"within 2 days (by text message for {facts.who()})."
    )
    assert "by email still holds" in edit.rationale


def test_the_old_channel_in_other_words_is_found_in_replies_and_kb() -> None:
    # an airline moving boarding passes from text message to email: the replies say "SMS" and
    # "a text", the KB "we text you" and "an SMS", never "text message"
    facts = ChangeFacts(
        id="C1",
        title="by text message → by email",
        kind="promises",
        facets=["promises"],
        probe_ids=["pass-1", "pass-2"],
        removed_promises=[Promise("channel", "text message")],
        added_promises=[Promise("channel", "email")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:boarding", "op": "tag"}]})],
        excerpts=[
            Excerpt(
                "pass-1",
                "Your boarding pass comes by SMS an hour before boarding.",
                "Your boarding pass comes by email an hour before boarding.",
            ),
            Excerpt(
                "pass-2",
                "Look out for a text with your boarding pass an hour before boarding.",
                "Look out for an email with your boarding pass an hour before boarding.",
            ),
        ],
        others=4,
    )
    macro = "Hi,\n\nWe text you your boarding pass an hour before boarding.\n\nThanks"
    article = "# Boarding\n\nYour boarding pass arrives as an SMS an hour before boarding.\n"
    knowledge = KnowledgeBase(
        [titled_item("macro", "Boarding::Pass", macro), titled_item("article", "Boarding", article)]
    )
    edits = {
        impact.item.title: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert edits == {
        "Boarding::Pass": macro.replace("We text you", "We email you"),
        "Boarding": article.replace("as an SMS", "by email"),
    }
