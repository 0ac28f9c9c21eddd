"""A/A: two independent sample sets of the same version never flag more than 5% of probes."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from behaviordiff.detect import DetectSettings, analyze
from behaviordiff.detect.inputs import load_transcripts
from behaviordiff.transcripts import Transcript, build_transcript
from tests.conftest import FIXTURES

EXAMPLE_MARKERS = {
    "escalation_tools": ("escalate_to_human",),
    "escalation_phrases": ("a member of our team will", "connect you with a specialist"),
}
REPLIES = {
    "escalate": [
        "I've passed this to our team; a member of our team will contact you within 24 hours.",
        "A member of our team will contact you within 24 hours about this.",
    ],
    "refund": [
        "I've refunded ${amount} to your card; it shows up within 5-7 business days.",
        "You'll see the ${amount} refund on your card within 5-7 business days.",
    ],
    "answer": [
        "You can return items within 30 days of delivery.",
        "Our return window is 30 days from delivery.",
        "Items can go back within 30 days after they arrive.",
    ],
    "refuse": ["I'm not able to share discount codes.", "I can't create discount codes, sorry."],
}


def noisy_probe(rng: random.Random) -> dict[str, Any]:
    """A probe whose agent is genuinely stochastic: each behavior has its own probability."""
    weights = [rng.random() ** 3 for _ in REPLIES]
    return {
        "weights": weights,
        "amount": rng.choice(["4.00", "12.50", "30.00"]),
        "extra_lookup": rng.random() * 0.5,
        "user_turns": rng.randint(1, 3),
    }


def noisy_run(probe_id: str, sample: int, probe: dict[str, Any], rng: random.Random) -> Transcript:
    kind = rng.choices(list(REPLIES), weights=probe["weights"])[0]
    messages: list[dict[str, Any]] = [{"role": "system", "content": "Agent policy."}]
    for turn in range(probe["user_turns"]):
        messages.append({"role": "user", "content": rng.choice(["hi", "hello", "order A1042?"])})
        if turn < probe["user_turns"] - 1:
            messages.append({"role": "assistant", "content": "Could you tell me more?"})
    calls = [("lookup_order", {"order_id": "A1042"})]
    if rng.random() < probe["extra_lookup"]:
        calls.append(("lookup_customer", {"email": "x@example.com"}))
    if kind == "escalate":
        calls.append(("escalate_to_human", {"priority": rng.choice(["normal", "normal", "high"])}))
    if kind == "refund":
        calls.append(("issue_refund", {"type": "shipping", "amount": float(probe["amount"])}))
    for index, (name, arguments) in enumerate(calls):
        call_id = f"c{sample}_{index}"
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call_id,
                        "type": "function",
                        "function": {"name": name, "arguments": json.dumps(arguments)},
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": call_id, "content": '{"ok": true}'})
    reply = rng.choice(REPLIES[kind]).format(amount=probe["amount"])
    messages.append(
        {"role": "assistant", "content": rng.choice(["Hi!", "Hello,", ""]) + " " + reply}
    )
    return build_transcript(probe_id, sample, messages, escalation_tools=("escalate_to_human",))


def sample_set(probes: dict[str, dict[str, Any]], samples: int, seed: int) -> list[Transcript]:
    rng = random.Random(seed)
    return [noisy_run(pid, s, probe, rng) for pid, probe in probes.items() for s in range(samples)]


@pytest.mark.parametrize(("samples", "seed"), [(3, 1), (3, 2), (5, 3), (1, 4)])
def test_aa_on_a_noisy_agent_stays_under_five_percent(samples: int, seed: int) -> None:
    rng = random.Random(seed)
    probes = {f"p{index:03d}": noisy_probe(rng) for index in range(120)}
    first = sample_set(probes, samples, seed * 1000 + 1)
    second = sample_set(probes, samples, seed * 1000 + 2)
    analysis = analyze(
        first, second, settings=DetectSettings(escalation_tools=("escalate_to_human",))
    )
    counts = analysis.verdict_counts()
    assert counts["behavior-changed"] <= 0.05 * len(analysis.probes), counts


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_aa_on_the_example(version: str) -> None:
    folder = FIXTURES / "detect" / "example" / "aa"
    first = load_transcripts(folder / f"{version}a.s3.jsonl", **EXAMPLE_MARKERS)
    second = load_transcripts(folder / f"{version}b.s3.jsonl", **EXAMPLE_MARKERS)
    analysis = analyze(
        first,
        second,
        settings=DetectSettings(
            escalation_tools=EXAMPLE_MARKERS["escalation_tools"],
            escalation_phrases=EXAMPLE_MARKERS["escalation_phrases"],
        ),
    )
    counts = analysis.verdict_counts()
    assert counts["behavior-changed"] <= 0.05 * len(analysis.probes), counts
    assert counts["behavior-changed"] == 0


def test_aa_on_the_recorded_agent() -> None:
    folder = FIXTURES / "detect" / "agents"
    analysis = analyze(
        load_transcripts(folder / "aa-v1.old.jsonl"), load_transcripts(folder / "aa-v1.new.jsonl")
    )
    assert analysis.verdict_counts()["behavior-changed"] == 0


def test_coin_flip_probes_do_not_raise_false_alarms() -> None:
    """A/A with 5 of 50 probes choosing between two tools at random: at 3 samples, a pure
    flip of such a probe happens by chance in 1 of 32 draws. Measured against the suite's
    mix of quiet and noisy probes and controlled across probes, it is not a change."""
    import random

    from behaviordiff.detect.analyze import analyze
    from behaviordiff.transcripts import build_transcript

    def run(probe_id: str, sample: int, tool: str) -> Transcript:
        messages = [
            {"role": "user", "content": "Where is my order?"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": tool, "arguments": "{}"}}
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "{}"},
            {"role": "assistant", "content": "Your order is on its way and arrives soon."},
        ]
        return build_transcript(probe_id, sample, messages, input_count=1)

    rng = random.Random(11)
    releases_with_false_alarms = 0
    for _ in range(40):
        old: list[Transcript] = []
        new: list[Transcript] = []
        for probe in range(50):
            for side in (old, new):
                for sample in range(3):
                    tool = (
                        rng.choice(["lookup_order", "escalate_to_human"])
                        if probe < 5
                        else "lookup_order"
                    )
                    side.append(run(f"p{probe}", sample, tool))
        analysis = analyze(old, new)
        if any(v.verdict == "behavior-changed" for v in analysis.probes):
            releases_with_false_alarms += 1
    assert releases_with_false_alarms <= 2  # without the controls: about 6 of 40


def test_replies_that_vary_by_nature_are_not_a_meaning_change() -> None:
    """A/A with 5 of 50 probes answering with one of five unrelated replies at random: their
    own samples already differ almost as much as texts can, so old-new pairs that differ as
    much are not a change. (Seeded: 8 false probes before the margin, 2 after.)"""
    from behaviordiff.detect.analyze import analyze

    pool = [
        "Your parcel left our warehouse yesterday and tracking will update tonight.",
        "I checked the order: it is delayed at the courier, we apologise for the wait.",
        "Thanks for reaching out! Delivery is scheduled for Friday according to the carrier.",
        "Sorry about this. The shipment is in transit; you can follow it with the tracking "
        "link in your email.",
        "Let me look into that for you. The package should arrive within the next few "
        "business days.",
    ]
    rng = random.Random(2)
    false_changes = 0
    for _ in range(100):
        old: list[Transcript] = []
        new: list[Transcript] = []
        for probe in range(50):
            for side in (old, new):
                for sample in range(3):
                    text = (
                        rng.choice(pool)
                        if probe < 5
                        else f"Your order {probe} is on its way and should arrive soon."
                    )
                    messages = [
                        {"role": "user", "content": "where is my order"},
                        {"role": "assistant", "content": text},
                    ]
                    side.append(build_transcript(f"p{probe}", sample, messages, input_count=1))
        analysis = analyze(old, new)
        false_changes += sum(v.verdict == "behavior-changed" for v in analysis.probes)
    assert false_changes <= 3
