"""Detection at scale: 10,000 probes × 5 samples × 2 versions.

    .venv/bin/python bench/detect_scale.py [--probes 10000] [--samples 5]

Builds the transcripts in memory (short support conversations: a lookup, sometimes an
escalation or a refund, a paraphrased reply; 3% of probes change behavior, 3% change wording),
then times `analyze` alone and reports its wall time, CPU time and the peak resident memory of
the process. The analysis is single-threaded, so it needs one of the two cores.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time

from behaviordiff.transcripts import Transcript, build_transcript

GREETINGS = [
    "Hi {n},",
    "Hello {n},",
    "Hi {n}, thanks for reaching out.",
    "Hello {n}, thanks for getting in touch.",
]
CLOSINGS = [
    "Is there anything else I can help you with?",
    "Let me know if there's anything else I can do for you.",
    "If you need anything else, just let me know.",
]
BODIES = {
    "status": [
        "Your order {o} is on its way and should arrive on {d}.",
        "Good news: order {o} is on schedule for delivery on {d}.",
    ],
    "escalate": [
        "I've passed order {o} to our shipping team, and a member of our team will "
        "contact you within 24 hours.",
        "I've escalated order {o} to our shipping team; a member of our team will "
        "contact you within 24 hours.",
    ],
    "refund": [
        "I've refunded ${a} of your shipping fee for order {o}; it shows up within 5-7 "
        "business days.",
        "I've issued a ${a} shipping refund for order {o}, which appears within 5-7 business days.",
    ],
    "returns": [
        "You can return items within {w} days of delivery at https://acme.example/returns.",
        "Our return window is {w} days from delivery; start at https://acme.example/returns.",
    ],
}
APOLOGY = {False: "We apologize for the inconvenience.", True: "I'm really sorry about that."}


def make_run(probe: int, sample: int, version: int, rng: random.Random) -> Transcript:
    kind = ("status", "escalate", "returns")[probe % 3]
    changed = probe % 33 == 1  # ~3%: escalation becomes a refund
    reworded = probe % 33 == 2  # ~3%: apology wording
    longer_window = probe % 33 == 5 and version == 2  # ~3% promise change
    order = f"A{1000 + probe % 9000}"
    messages: list[dict[str, object]] = [
        {"role": "system", "content": "You are Acme's support agent."},
        {"role": "user", "content": f"Where is my order {order}?"},
    ]
    call_id = f"c{probe}_{sample}_{version}"
    messages.append(
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": "lookup_order", "arguments": f'{{"order_id": "{order}"}}'},
                }
            ],
        }
    )
    messages.append(
        {
            "role": "tool",
            "tool_call_id": call_id,
            "content": '{"status": "in_transit", "delay_hours": 60, "total": 80}',
        }
    )
    body_kind = kind
    if kind == "escalate" or changed:
        if changed and version == 2:
            body_kind = "refund"
            name, args = (
                "issue_refund",
                json.dumps({"order_id": order, "type": "shipping", "amount": 4}),
            )
        else:
            body_kind = "escalate"
            name, args = "escalate_to_human", '{"reason": "late", "priority": "normal"}'
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call_id + "x",
                        "type": "function",
                        "function": {"name": name, "arguments": args},
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": call_id + "x", "content": '{"ok": true}'})
    body = rng.choice(BODIES[body_kind]).format(
        o=order, d="December 2", a="4.00", w=45 if longer_window else 30
    )
    parts = [rng.choice(GREETINGS).format(n="Sam")]
    if reworded:
        parts.append(APOLOGY[version == 2])
    parts += [body, rng.choice(CLOSINGS)]
    messages.append({"role": "assistant", "content": " ".join(parts)})
    return build_transcript(
        f"p{probe:05d}", sample, messages, escalation_tools=("escalate_to_human",), input_count=2
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--probes", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    started = time.perf_counter()
    old = [make_run(p, s, 1, rng) for p in range(args.probes) for s in range(args.samples)]
    new = [make_run(p, s, 2, rng) for p in range(args.probes) for s in range(args.samples)]
    built = time.perf_counter() - started

    from behaviordiff.detect import DetectSettings, analyze

    settings = DetectSettings(escalation_tools=("escalate_to_human",))
    wall, cpu = time.perf_counter(), time.process_time()
    analysis = analyze(old, new, settings=settings)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = analysis.verdict_counts()
    print(
        f"{args.probes} probes × {args.samples} samples × 2 versions "
        f"= {len(old) + len(new)} transcripts (built in {built:.1f} s)"
    )
    print(
        f"analyze: {wall:.1f} s wall, {cpu:.1f} s CPU (single-threaded), "
        f"peak RSS {peak_mb:.0f} MB for the whole process"
    )
    print(f"verdicts: {counts}; {len(analysis.changes)} behavior changes")
    for change in analysis.changes[:5]:
        condition = change.conditions[0].describe() if change.conditions else ""
        print(f"  {change.title}  ({len(change.probe_ids)} probes)  {condition}")
    ok = wall < 60 and peak_mb < 2048
    print("within budget (60 s, 2 GB)" if ok else "OVER BUDGET")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
