"""A call to the customer is the phone channel of a promise: a garden centre whose assistant
now calls, instead of emailing, when a delivery slot is free (and one that now emails instead
of ringing). The KB sentence stating the old channel says the new one in its own words; a call
the customer makes ("call us") is no promise of ours."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.channels import (
    only_about,
    rewrite_channel,
    stated_channels,
    switched_channel,
)
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

CALL = Promise("callback", "a call to the customer")


def test_a_call_to_the_customer_is_the_phone_channel() -> None:
    assert stated_channels("We'll call you within 2 days.") == {"phone"}
    assert stated_channels("We will ring you back once it's booked.") == {"phone"}
    assert stated_channels("Expect a call back from the yard within 2 days.") == {"phone"}
    assert stated_channels("Call us on 0800 555 0101 if it's urgent.") == set()
    assert switched_channel([Promise("channel", "email")], [CALL]) == ("email", "phone")
    assert switched_channel([CALL], [Promise("channel", "post")]) == ("phone", "post")
    assert switched_channel([CALL, Promise("channel", "email")], [CALL]) is None


def test_a_call_is_rewritten_as_the_new_channel_in_its_own_words() -> None:
    assert (
        rewrite_channel("We'll ring you back within 2 days.", "phone", "email")
        == "We'll email you within 2 days."
    )
    assert (
        rewrite_channel("The yard calls you the day before.", "phone", "text message")
        == "The yard texts you the day before."
    )
    assert (
        rewrite_channel("Expect a call back within 2 days.", "phone", "post")
        == "Expect a letter within 2 days."
    )
    assert (
        rewrite_channel("We'll give you a ring once it's booked.", "phone", "email")
        == "We'll send you an email once it's booked."
    )
    # a call on a number the rewrite would keep: no guess
    assert rewrite_channel("We'll call you on your mobile.", "phone", "email") is None


def _facts(removed: Promise, added: Promise, old: str, new: str) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="delivery slot",
        kind="promises",
        facets=["promises"],
        probe_ids=["slot-1", "slot-2"],
        removed_promises=[removed],
        added_promises=[added],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:delivery", "op": "tag"}]})],
        excerpts=[Excerpt(f"slot-{n}", old, new) for n in (1, 2)],
        others=4,
    )


def _kb(body: str) -> KnowledgeBase:
    other = "Hi,\n\nOur opening hours are 9 to 5, every day.\n\nThanks"
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Delivery::Slot", body, "text", "kb", "a"),
            KnowledgeItem("macro", "2", "Shop::Hours", other, "text", "kb", "b"),
        ]
    )


def test_an_email_promise_now_kept_by_a_call_is_edited() -> None:
    facts = _facts(
        Promise("channel", "email"),
        CALL,
        "We'll email you once a delivery slot is free.",
        "We'll call you once a delivery slot is free.",
    )
    body = "Hi,\n\nWe'll email you once a delivery slot is free.\n\nThanks"
    [impact] = [i for i in rank_items(facts, _kb(body)) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("email you", "contact you by phone")
    assert "by phone instead of by email" in edit.rationale


def test_a_call_back_now_kept_by_email_is_edited() -> None:
    facts = _facts(
        CALL,
        Promise("channel", "email"),
        "We'll ring you back once a delivery slot is free.",
        "We'll email you once a delivery slot is free.",
    )
    body = "Hi,\n\nExpect a call back once a delivery slot is free.\n\nThanks"
    [impact] = [i for i in rank_items(facts, _kb(body)) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("a call back", "an email")


def test_a_call_on_the_customers_number_becomes_the_new_channel_at_its_address() -> None:
    assert (
        rewrite_channel(
            "We'll call you back within 2 days on the phone number on your account.",
            "phone",
            "email",
        )
        == "We'll email you within 2 days at the email address on your account."
    )
    # a sentence only true of a call: it goes with the call
    assert only_about("Keep your phone nearby so you can answer.", "phone", "email")
    assert only_about("Please have your phone to hand.", "phone", "email")
    assert not only_about("Keep your phone nearby so you can answer.", "email", "phone")
