"""A limit a reply states on a count is a promise: a cinema that now says "up to 6 seats per
booking" instead of "up to 8" tells every party over the limit another rule, though the refusal
reads the same. A number the customer said first, echoed back, tells no limit."""

from __future__ import annotations

from behaviordiff.detect import analyze
from behaviordiff.detect.countlimits import count_limits, said_counts
from behaviordiff.detect.facts import Promise
from behaviordiff.detect.settings import DetectSettings
from behaviordiff.detect.signature import extract_signature
from behaviordiff.transcripts import Transcript


def _limit(count: int) -> Promise:
    return Promise("limit", f"up to {count}")


def test_a_stated_limit_on_a_count_is_read() -> None:
    assert count_limits("You can book up to 8 seats per booking.") == {_limit(8)}
    assert count_limits("The limit is eight seats in one booking.") == {_limit(8)}
    assert count_limits("Each order takes a maximum of 3 gift cards.") == {_limit(3)}
    assert count_limits("No more than 4 guests can share a box.") == {_limit(4)}


def test_amounts_times_and_distances_are_no_count_limit() -> None:
    assert count_limits("Refunds are possible up to 48 hours before the show.") == frozenset()
    assert count_limits("Save up to 30% on matinees, up to £12 a seat.") == frozenset()
    assert count_limits("We deliver snacks up to 5 miles away, up to 2kg each.") == frozenset()
    assert count_limits("Doors are open up to 9pm, and tickets sell up to 14 March.") == frozenset()


def test_seconds_nights_weights_and_currency_codes_are_no_count_limit() -> None:
    assert count_limits("The trailer plays for up to 30 seconds before the film.") == frozenset()
    assert count_limits("Festival passes cover up to 7 nights of screenings.") == frozenset()
    assert count_limits("Gift cards hold up to 500 USD, or up to 400 GBP.") == frozenset()
    assert count_limits("Prop hire: up to 10 st of kit, up to 12 oz of glitter.") == frozenset()
    assert count_limits("Bring up to 3 friends, up to 7 nights a week.") == {_limit(3)}


def test_the_customers_own_number_echoed_back_is_no_limit() -> None:
    said = said_counts(["Can I book up to 11 seats for my class?"])
    assert count_limits("I can't book up to 11 seats in one go.", said) == frozenset()
    assert count_limits("One booking holds up to 8 seats, not 11.", said) == {_limit(8)}


def _run(probe_id: str, sample: int, party: int, limit: int) -> Transcript:
    openers = ["I'm sorry", "Unfortunately", "I'm afraid"]
    told = [
        f"one booking can hold up to {limit} seats, so I can't seat {party} together online.",
        f"our online booking takes up to {limit} seats per booking, and {party} is more.",
        f"the limit is {limit} seats per booking, so {party} won't fit in one.",
    ]
    reply = f"{openers[sample % 3]}, {told[(sample + party) % 3]} Please call the box office."
    booked = f"Done: {party} seats are booked for Friday."
    text = reply if party > limit else booked
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": f"Please book {party} seats for Friday's film."},
            {"role": "assistant", "content": text},
        ],
        final_reply=text,
        metadata={"variables": {"party_size": party}},
    )


def test_the_customer_number_in_a_signature_is_left_out() -> None:
    signature = extract_signature(_run("p", 0, 11, 11), DetectSettings(), probe_messages=1)
    assert not any(promise.kind == "limit" for promise in signature.promises)
    signature = extract_signature(_run("p", 0, 11, 8), DetectSettings(), probe_messages=1)
    assert _limit(8) in signature.promises


def test_a_moved_limit_told_to_parties_over_both_is_a_change() -> None:
    parties = {f"party-{size}": size for size in [1, 2, 2, 3, 4, 5, 9, 12]}
    old: list[Transcript] = []
    new: list[Transcript] = []
    for probe_id, size in parties.items():
        for sample in range(3):
            old.append(_run(probe_id, sample, size, 8))
            new.append(_run(probe_id, sample, size, 6))
    analysis = analyze(old, new)
    changed = sorted(v.probe_id for v in analysis.probes if v.verdict == "behavior-changed")
    assert changed == ["party-12", "party-9"]
    [change] = analysis.changes
    assert (change.before, change.after) == (["up to 8"], ["up to 6"])


def test_a_limit_told_while_the_request_is_handed_over_is_no_promise() -> None:
    reply = "One booking holds up to 8 seats, so I've passed your 11 to our groups team."
    handed = Transcript(
        probe_id="p",
        sample=0,
        messages=[
            {"role": "user", "content": "Please book 11 seats for Friday's film."},
            {
                "role": "assistant",
                "content": reply,
                "tool_calls": [
                    {"function": {"name": "transfer_to_groups", "arguments": '{"seats": 11}'}}
                ],
            },
        ],
        final_reply=reply,
    )
    signature = extract_signature(handed, DetectSettings(), probe_messages=1)
    assert not any(promise.kind == "limit" for promise in signature.promises)
