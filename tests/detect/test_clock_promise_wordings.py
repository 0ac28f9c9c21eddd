"""The same hours in two wordings give the same time promises: "We're open 6am to 10pm" and
"Our doors are open from 6am until 10pm" state one window, read alike (no promise: a window is
the setting a reply restates), whatever joins its ends; a time on its own counts whether or
not "at", "by" or "until" stands before it, and whichever clock writes it."""

from __future__ import annotations

import pytest

from behaviordiff.detect import analyze
from behaviordiff.detect.signature import call_promises
from behaviordiff.transcripts import Transcript


def _times(text: str) -> set[str]:
    return {promise.key for promise in call_promises(text) if promise.kind == "time"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("We're open 6am to 10pm every day.", "Our doors are open from 6am until 10pm."),
        ("The clinic runs 9am-5pm on weekdays.", "The clinic runs from 9am to 5pm on weekdays."),
        ("Lines are staffed 9am–5pm.", "Lines are staffed between 9am and 5pm."),
        ("Returns desk: 9:00 to 17:00.", "The returns desk is open from 9am until 5pm."),
        ("Deliveries arrive 8.30am-noon.", "Deliveries arrive from 8:30am till 12pm."),
    ],
)
def test_a_window_in_two_wordings_gives_the_same_promises(first: str, second: str) -> None:
    assert _times(first) == _times(second) == set()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The pool closes 10pm sharp.", "The pool is open until 10pm."),
        ("Check-in opens at noon.", "Check-in opens 12pm."),
        ("Your engineer calls by 6pm.", "Your engineer calls by 18:00."),
        ("We ring you back at 9.30am.", "We ring you back 09:30."),
        ("The last ferry leaves at ten at night.", "The last ferry leaves 10pm."),
    ],
)
def test_the_same_time_in_two_wordings_is_the_same_promise(first: str, second: str) -> None:
    assert _times(first)
    assert _times(first) == _times(second)


def test_a_time_keeps_the_form_the_reply_wrote() -> None:
    values = {promise.value for promise in call_promises("Call at 6 a.m. or by 17:30 daily.")}
    assert values == {"6am", "17:30"}


def test_a_window_beside_a_time_of_its_own_keeps_that_time() -> None:
    assert _times("Come in between 9am and 5pm; your slot is at 11am.") == {"time:11am"}
    assert _times("We are open 9:30am to 4:30pm and will call you by 2pm.") == {"time:2pm"}


@pytest.mark.parametrize(
    "text",
    [
        "We're open 7 days a week.",
        "Between 9 and 5 most days.",  # no clock says these are times of day
        "Your plan costs $10.30 a month.",
        "Allow 2 to 3 days for delivery.",
    ],
)
def test_numbers_that_are_no_time_of_day_are_no_time_promise(text: str) -> None:
    assert _times(text) == set()


OLD_HOURS = ["We're open 6am to 10pm every day.", "Hi! We are open 6am-10pm daily."]
NEW_HOURS = [
    "Our doors are open from 6am until 10pm, seven days a week.",
    "We open at 6am and close at 10pm every day.",
]


def _run(probe_id: str, sample: int, reply: str, kind: int) -> Transcript:
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": f"Question {probe_id}"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"kind": kind}},
    )


def test_hours_said_in_other_words_are_no_promise_change() -> None:
    """An invented library-desk agent: the prompt change touched loans; the opening-hours
    probe, answered in new words, must not come out changed or inconclusive."""
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        old.append(_run("opening", sample, OLD_HOURS[sample % 2], 0))
        new.append(_run("opening", sample, NEW_HOURS[sample % 2], 0))
        for index in range(3):
            loans = f"You can borrow up to {index + 4} books at a time."
            old.append(_run(f"loan-{index}", sample, loans, index + 1))
            new.append(_run(f"loan-{index}", sample, loans, index + 1))
    analysis = analyze(old, new)
    [opening] = [probe for probe in analysis.probes if probe.probe_id == "opening"]
    assert opening.verdict in ("unchanged", "wording-only")
    assert opening.results["promises"].status == "same"


def test_an_hour_read_from_its_clause_counts_only_where_its_words_alone_say_it() -> None:
    """An hour with no part of the day is read from its clause: "six o'clock every morning"
    is 6am there, but "six o'clock" alone reads as 6pm (a working day's guess). A promise
    compares by its words, so such an hour counts only where they alone give its time."""
    assert _times("We open at seven o'clock every morning.") == {"time:7am"}
    assert _times("The last tour leaves at six o'clock every morning.") == set()
    assert _times("Call back at ten at night.") == _times("Call back at 10pm.")
