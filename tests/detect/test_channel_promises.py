"""The channel a message reaches the customer by is a promise: a pharmacy that now texts when a
prescription is ready, instead of emailing, changed what customers are told, though every
other word of the reply may be the same. The same channel in other words ("we'll email you",
"look out for an email", "it lands in your inbox") is no change. Phone numbers written in
groups, as outside North America, are read as written and compared by their digits."""

from __future__ import annotations

import pytest

from behaviordiff.detect import analyze
from behaviordiff.detect.facts import extract_promises
from behaviordiff.transcripts import Transcript


def _channels(text: str) -> set[str]:
    return {p.value for p in extract_promises(text) if p.kind == "channel"}


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("We'll email you as soon as your prescription is ready.", "email"),
        ("Look out for an email from us when it's ready to collect.", "email"),
        ("A note lands in your inbox once it's ready.", "email"),
        ("Your receipt is e-mailed after every order.", "email"),
        ("You'll get it by e-mail within the hour.", "email"),
        ("We'll text you when it's ready to collect.", "text message"),
        ("You'll receive an SMS when it's ready.", "text message"),
        ("The collection code is sent by text message to your mobile.", "text message"),
        ("Your new card arrives in the post within a week.", "post"),
        ("We'll let you know in the app when it's ready.", "app"),
        ("Our pharmacist will confirm it over the phone.", "phone"),
        ("We send the reminder on WhatsApp the day before.", "WhatsApp"),
        ("We'll send the collection code to your mobile.", "text message"),
        ("The receipt is sent to the email address on your account.", "email"),
        ("An email reminder is sent the day before.", "email"),
        ("You'll receive a letter with the new dates.", "post"),
    ],
)
def test_the_channel_a_message_reaches_the_customer_by_is_read(text: str, channel: str) -> None:
    assert _channels(text) == {channel}


@pytest.mark.parametrize(
    "text",
    [
        "Update the email address on your profile under Settings.",
        "You can reach us by phone on weekdays.",
        "Email your receipts to us and we'll look at them.",
        "Your mobile number is on the account page.",
        "You can pay in the app or at the counter.",
        "We no longer send statements by post.",
        "Please don't share your card number in this chat.",
        "Please send the photos to the email address below.",
        "We'll call you on your mobile when it's ready.",
        # where the customer does something, with a word of sending about something else
        "You can cancel in the app until 8pm the night before your order is delivered.",
        "Change your PIN in the app, and never share it with anyone.",
    ],
)
def test_a_channel_named_otherwise_is_no_promise(text: str) -> None:
    assert _channels(text) == set()


def test_the_channel_in_other_words_is_the_same_promise() -> None:
    emailed = [
        "We'll email you as soon as your prescription is ready.",
        "Look out for an email once your prescription is ready.",
        "Your prescription is ready soon; a note lands in your inbox then.",
    ]
    assert {frozenset(_channels(text)) for text in emailed} == {frozenset({"email"})}


def _run(probe_id: str, sample: int, reply: str) -> Transcript:
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": "Is my prescription ready?"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"topic": probe_id.split("-")[0]}},
    )


EMAILED = [
    "Thanks, I've sent it to the pharmacy. We'll email you as soon as it's ready to collect.",
    "It's with the pharmacy now. Look out for an email once it's ready to collect.",
    "Done, the pharmacy has it. You'll get an email as soon as it's ready to collect.",
]
TEXTED = [
    "Thanks, I've sent it to the pharmacy. We'll text you as soon as it's ready to collect.",
    "It's with the pharmacy now. Look out for a text once it's ready to collect.",
    "Done, the pharmacy has it. You'll get an SMS as soon as it's ready to collect.",
]
HOURS = [
    "We're open from 9am to 6pm on weekdays.",
    "Our doors are open from 9am to 6pm, Monday to Friday.",
    "You'll find us open from 9am to 6pm on weekdays.",
]


def test_a_channel_switch_is_a_behavior_change_and_the_same_channel_reworded_is_not() -> None:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for index in range(6):
        for sample in range(5):
            old.append(_run(f"rx-{index}", sample, EMAILED[(index + sample) % 3]))
            new.append(_run(f"rx-{index}", sample, TEXTED[(index + sample + 1) % 3]))
    for index in range(4):
        for sample in range(5):
            old.append(_run(f"hours-{index}", sample, HOURS[(index + sample) % 3]))
            new.append(_run(f"hours-{index}", sample, HOURS[(index + sample + 1) % 3]))
    analysis = analyze(old, new)
    [change] = analysis.changes
    assert sorted(change.probe_ids) == [f"rx-{index}" for index in range(6)]
    assert change.title == "by email → by text message"
    verdicts = {p.probe_id: p.verdict for p in analysis.probes}
    assert {verdicts[f"hours-{index}"] for index in range(4)} <= {"unchanged", "wording-only"}

    # the old version against itself, worded differently sample by sample: no change
    same = [
        _run(t.probe_id, t.sample, EMAILED[(t.sample + 2) % 3])
        if t.probe_id.startswith("rx")
        else t
        for t in old
    ]
    assert not analyze(old, same).changes


@pytest.mark.parametrize(
    ("text", "written", "digits"),
    [
        ("Call our helpline on 0345 600 7000.", "0345 600 7000", "03456007000"),
        ("Call our helpline on 0345-600-7000.", "0345-600-7000", "03456007000"),
        ("From abroad, ring +61 2 9876 5432.", "+61 2 9876 5432", "61298765432"),
        ("Phone 1300 765 432 for the pharmacist.", "1300 765 432", "1300765432"),
        ("Call us at (555) 123-4567.", "(555) 123-4567", "5551234567"),
    ],
)
def test_phone_numbers_are_read_as_written_and_compared_by_digits(
    text: str, written: str, digits: str
) -> None:
    [phone] = [p for p in extract_promises(text) if p.kind == "phone"]
    assert (phone.value, phone.key) == (written, f"phone:{digits}")


@pytest.mark.parametrize(
    "text",
    [
        "Your order 1300 765 432 ships today.",  # no phone named, no leading 0 or +
        "The scores were 12 14 16 18.",
        "It costs $1 250 000 in total.",
    ],
)
def test_numbers_in_groups_that_are_no_phone_are_not_read_as_one(text: str) -> None:
    assert not [p for p in extract_promises(text) if p.kind == "phone"]
