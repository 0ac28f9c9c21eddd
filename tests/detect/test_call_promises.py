"""A promised call back and a time of day are promises: dropping "our engineer will call you
the day before, by 6pm" is a behavior change, though the rest of the reply reads the same."""

from __future__ import annotations

from behaviordiff.detect import analyze
from behaviordiff.detect.facts import Promise
from behaviordiff.detect.signature import call_promises
from behaviordiff.transcripts import Transcript

CALL = Promise("callback", "a call to the customer")


def test_a_call_back_and_a_time_of_day_are_read() -> None:
    assert call_promises("Our engineer will call you the day before, by 6pm.") == {
        CALL,
        Promise("time", "6pm"),
    }
    assert call_promises("You'll get a call from the clinic before 9.30am.") == {
        CALL,
        Promise("time", "9.30am"),
    }
    assert call_promises("The inspector calls you at 17:15 to confirm.") == {
        CALL,
        Promise("time", "17:15"),
    }
    assert call_promises("We'll ring you back at noon.") == {CALL, Promise("time", "noon")}


def test_the_customer_calling_us_is_no_promise() -> None:
    assert call_promises("Please call our bookings team on 0800 555 0100.") == frozenset()
    assert call_promises("You can phone us any day; it takes 5 minutes.") == frozenset()


OPENERS = ["Hi", "Hello", "Hey"]
CLOSERS = ["Anything else?", "Let me know if I can help further.", "Happy to help more."]
CALLS = [
    "Our engineer will call you the day before, by 6pm, to confirm.",
    "You'll get a call from the engineer the day before, by 6pm.",
    "The day before, our engineer calls you by 6pm to confirm the time.",
]


def _run(probe_id: str, sample: int, size: int, promise: bool) -> Transcript:
    booked = f"{OPENERS[sample % 3]}, your visit for the {size}-room flat is booked."
    middle = f" {CALLS[(sample + size) % 3]}" if promise else ""
    reply = f"{booked}{middle} {CLOSERS[(sample + size) % 3]}"
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": f"Please book a visit for my {size}-room flat."},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"rooms": size}},
    )


def test_a_removed_call_back_promise_is_a_change_for_the_probes_that_had_it() -> None:
    old: list[Transcript] = []
    new: list[Transcript] = []
    sizes = {f"v{index}": size for index, size in enumerate([1, 2, 2, 1, 3, 4, 3, 5, 6, 4])}
    for probe_id, size in sizes.items():
        for sample in range(2):
            old.append(_run(probe_id, sample, size, size >= 3))
            new.append(_run(probe_id, sample, size, False))
    analysis = analyze(old, new)
    changed = sorted(v.probe_id for v in analysis.probes if v.verdict == "behavior-changed")
    assert changed == sorted(p for p, size in sizes.items() if size >= 3)
    [change] = analysis.changes
    assert change.conditions[0].text == "rooms > 2"
