"""A reply that answers a yes/no question the other way is a changed answer, even where the
rest of the reply reads alike and its one new promise is too common to decide alone: a library
that now asks readers under 16 for a parent's consent before lending e-books answers "Do I
need anything to borrow e-books?" with "No, ..." before and "Yes: ..." after. That reply-only
change is the new lending rule seen where no loan is made, when its first cause is the config
hunk that adds the tool the loans now call."""

from __future__ import annotations

from behaviordiff.detect.analyze import analyze, first_cause_names_action
from behaviordiff.detect.answers import answer_flipped, yes_no
from behaviordiff.detect.model import Attribution
from behaviordiff.transcripts import Transcript

NO = "Hello Amir, thanks for asking.\n\nNo, you can borrow e-books straight away."
NO_PHRASE = "Hi Amir!\n\nNo consent needed! Borrow whatever you like."
YES = "Hello Amir,\n\nYes: as you're under 16, a parent signs a consent form in the app first."


def test_the_answer_is_read_from_a_bare_yes_or_no_near_the_start() -> None:
    assert yes_no(NO) == "no"
    assert yes_no(YES) == "yes"
    assert yes_no("Yes - it's free.") == "yes"
    # phrases are not answers
    assert yes_no(NO_PHRASE) is None
    assert yes_no("No problem! Here is the link.") is None
    assert yes_no("No-one needs a card.") is None
    assert yes_no("Yes please, send it.") is None
    # only the head of a long reply is read
    assert yes_no("Hello. " + "Words here. " * 60 + "Yes, sure.") is None


def test_every_reply_of_one_version_answering_one_way_is_a_flip() -> None:
    assert answer_flipped([NO, NO, NO_PHRASE], [YES, YES, YES])
    assert answer_flipped([YES, YES], [NO, NO])
    # the other version never answers the other way, or sometimes answers the same way
    assert not answer_flipped([NO_PHRASE, NO_PHRASE], [YES, YES])
    assert not answer_flipped([NO, YES, NO], [YES, YES, NO])
    assert not answer_flipped([NO, NO], [NO, NO])
    assert not answer_flipped([], [YES])


def _scored(
    hunk: str, score: float, reason: str, kind: str = "sentence_changed", key: str | None = None
) -> Attribution:
    file = "agent.yaml" if kind == "tool_added" else "system.md"
    return Attribution(hunk, score, (reason,), "", kind, file, key=key)


def test_a_reply_first_caused_by_the_tool_the_primary_now_calls_shares_its_cause() -> None:
    primary = [
        _scored("H1", 9.0, "names tool lend_ebook"),
        _scored("H2", 6.0, "names tool lend_ebook, request_consent"),
    ]
    added = _scored("H5", 3.0, "shares terms: consent, app", "tool_added", "request_consent")
    assert first_cause_names_action(primary, [added], ["request_consent"])
    # a tool added that the primary does not now call, or not the reply's first cause
    assert not first_cause_names_action(primary, [added], ["send_reminder"])
    assert not first_cause_names_action(
        primary, [_scored("H9", 4.0, "shares terms: app"), added], ["request_consent"]
    )


ASKED = "Do I need anything to borrow e-books?"
OLD_ANSWERS = [NO, NO, NO_PHRASE]
NEW_ANSWER = (
    "Hello Amir,\n\nYes: as you're under 16, a parent signs a consent form first. "
    "You'll get the form in the app."
)
OTHERS = [
    ("hours", "When are you open?", ["We open at nine.", "You'll get today's times in the app."]),
    (
        "fines",
        "Are there late fines?",
        ["There are no late fines.", "You'll get a reminder in the app."],
    ),
    ("cards", "How do I get a card?", ["Bring proof of address.", "You'll get a card in the app."]),
    ("wifi", "Is there wifi?", ["There is free wifi.", "You'll get the wifi code in the app."]),
]


def _transcript(probe_id: str, sample: int, message: str, reply: str) -> Transcript:
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[{"role": "user", "content": message}, {"role": "assistant", "content": reply}],
        final_reply=reply,
        metadata={"tags": ["ebooks"], "variables": {"reader_age": 14}},
    )


def test_a_flipped_answer_decides_a_promise_too_common_to_decide_alone() -> None:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        old.append(_transcript("consent-q", sample, ASKED, OLD_ANSWERS[sample]))
        new.append(_transcript("consent-q", sample, ASKED, NEW_ANSWER))
        for probe_id, message, replies in OTHERS:
            old.append(_transcript(probe_id, sample, message, replies[sample % 2]))
            new.append(_transcript(probe_id, sample, message, replies[(sample + 1) % 2]))
    analysis = analyze(old, new)
    [verdict] = [v for v in analysis.probes if v.probe_id == "consent-q"]
    assert verdict.verdict == "behavior-changed"
    assert verdict.results["promises"].detail["corroborated"]
