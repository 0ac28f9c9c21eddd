# ruff: noqa: E501  (reply texts are data: keep them whole so the fixtures rebuild identically)
"""Synthetic recordings of a bigger agent, with known behavior changes (for detect_quality).

An airline support agent ("Skyway") recorded in the replay format the way real agents look:
the system prompt inside `messages`, multi-turn conversations whose user turns differ between
samples, dozens of tool calls (flight searches with varying dates, policy lookups, notes), long
tool outputs, paraphrased replies. Version 2 changes three things, so the labels are known:

* gold-tier cancellations of non-refundable fares: `issue_voucher(type=credit)` becomes
  `refund_booking(type=full)` (an action change);
* delays over 180 minutes: the voucher grows from $50 to $100 (an action argument and promise
  change);
* baggage claims on international trips: "reviewed within 21 days" becomes "within 30 days"
  (a promise change).

Everything else (rebooking, seat questions, other cancellations and delays) is unchanged.
Deterministic: seeded by probe, sample and version.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

SYSTEM = (
    "# Skyway Airlines virtual agent\n\nYou help Skyway customers with bookings, changes, "
    "cancellations, delays and baggage. Always fetch the booking with get_booking before acting. "
    "Use get_policy to quote policy. Search alternatives with search_flights. Log every case "
    "with add_note. Cancellations: refundable fares get refund_booking(type=full); "
    "non-refundable fares get issue_voucher(type=credit) for the fare value{gold}. Delays: over "
    "180 minutes, issue_voucher(type=delay) of {delay_amount}. Baggage: file_baggage_claim; "
    "claims are reviewed within {claim_days} days{intl}. Hand off to a human with "
    "transfer_to_agent when the customer asks or threatens legal action. Never promise "
    "upgrades. Tone: professional and brief.\n"
)
POLICY_TEXT = (
    "Skyway customer commitment (excerpt). Section 4.2: Passengers are entitled to assistance "
    "when a flight is delayed, including meals and refreshments in reasonable relation to the "
    "waiting time, and accommodation where an overnight stay becomes necessary. Section 5.1: "
    "Non-refundable fares may be exchanged subject to fare difference. Section 6.3: Checked "
    "baggage liability is limited to $1,500 per passenger on domestic itineraries. Claims must be "
    "filed within 7 days of arrival with the property irregularity report number. Section 7: "
    "Loyalty members at gold tier receive priority handling on all service requests. "
)
CITIES = ["JFK", "LAX", "ORD", "SEA", "BOS", "MIA", "DEN", "ATL", "LHR", "CDG", "FRA", "NRT"]
NAMES = ["Ana", "Ben", "Chloe", "Dev", "Eli", "Fatima", "Gus", "Hiro", "Ines", "Jon", "Kai", "Lena"]


def _pick(rng: random.Random, options: list[str]) -> str:
    return options[0] if rng.random() < 0.35 else rng.choice(options)


def _call(
    out: list[dict[str, Any]], rng: random.Random, name: str, args: dict[str, Any], result: Any
) -> None:
    call_id = f"call_{rng.getrandbits(48):012x}"
    out.append(
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(args)},
                }
            ],
        }
    )
    out.append({"role": "tool", "tool_call_id": call_id, "content": json.dumps(result)})


def probes() -> list[dict[str, Any]]:
    """24 probes: 6 per scenario, variables chosen so each change has a clean condition."""
    rng = random.Random(20261121)
    made: list[dict[str, Any]] = []
    tiers = ["gold", "silver", "basic"]
    for index in range(6):
        made.append(
            {
                "id": f"cancel-{index}",
                "scenario": "cancel",
                "variables": {
                    "tier": tiers[index % 3],
                    "refundable": index in (4, 5) and index % 3 != 0,
                    "fare": float(rng.choice([189, 240, 310, 455, 520])),
                },
            }
        )
    for index, delay in enumerate([45, 120, 150, 200, 260, 400]):
        made.append(
            {
                "id": f"delay-{delay}m",
                "scenario": "delay",
                "variables": {"tier": tiers[index % 3], "delay_minutes": delay},
            }
        )
    for index in range(6):
        made.append(
            {
                "id": f"baggage-{index}",
                "scenario": "baggage",
                "variables": {"tier": tiers[index % 3], "international": index % 2 == 0},
            }
        )
    for index in range(6):
        made.append(
            {
                "id": f"rebook-{index}",
                "scenario": "rebook",
                "variables": {"tier": tiers[index % 3], "nights": index + 1},
            }
        )
    # make the gold non-refundable cancellations unambiguous
    for probe in made:
        if probe["scenario"] == "cancel" and probe["variables"]["tier"] == "gold":
            probe["variables"]["refundable"] = False
    return made


def labels(probe_list: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for probe in probe_list:
        v = probe["variables"]
        if probe["scenario"] == "cancel" and v["tier"] == "gold" and not v["refundable"]:
            result[probe["id"]] = {"verdict": "behavior-changed", "facets": ["actions"]}
        elif probe["scenario"] == "delay" and v["delay_minutes"] > 180:
            result[probe["id"]] = {"verdict": "behavior-changed", "facets": ["actions", "promises"]}
        elif probe["scenario"] == "baggage" and v["international"]:
            result[probe["id"]] = {"verdict": "behavior-changed", "facets": ["promises"]}
        else:
            result[probe["id"]] = {"verdict": "unchanged", "facets": []}
    return result


def run(probe: dict[str, Any], sample: int, version: int, seed: str) -> dict[str, Any]:
    rng = random.Random(f"{probe['id']}|{sample}|{seed}")
    v = probe["variables"]
    name = NAMES[sum(map(ord, probe["id"])) % len(NAMES)]
    ref = f"SK{sum(map(ord, probe['id'])) * 7 % 9000 + 1000}"
    origin, dest = CITIES[len(probe["id"]) % 8], CITIES[8 + len(probe["id"]) % 4]
    system = SYSTEM.format(
        gold=" (gold tier: refund_booking(type=full) instead)" if version == 2 else "",
        delay_amount="$100" if version == 2 else "$50",
        claim_days="21",
        intl=" (30 days for international trips)" if version == 2 else "",
    )
    out: list[dict[str, Any]] = [{"role": "system", "content": system}]
    openers = {
        "cancel": [
            "I need to cancel my trip, booking {ref}.",
            "Please cancel booking {ref}, plans changed.",
            "hi, can't travel anymore. ref {ref}. cancel it?",
        ],
        "delay": [
            "My flight on booking {ref} was delayed {d} minutes. What do I get?",
            "Flight delayed by {d} min (booking {ref}). Any compensation?",
            "We sat at the gate for {d} minutes, ref {ref}. This is not ok.",
        ],
        "baggage": [
            "My suitcase didn't arrive. Booking {ref}.",
            "Lost luggage on {ref}, what now?",
            "Bag missing after landing, booking {ref}.",
        ],
        "rebook": [
            "Can I move booking {ref} to a later date?",
            "I want to rebook {ref} for next week.",
            "Need to change the dates on {ref}.",
        ],
    }[probe["scenario"]]
    first = rng.choice(openers).format(ref=ref, d=v.get("delay_minutes", 0))
    out.append({"role": "user", "content": first})
    out.append(
        {
            "role": "assistant",
            "content": _pick(
                rng,
                [
                    "Let me pull up your booking.",
                    "One moment while I check your booking.",
                    "Sure, I'll look into it.",
                ],
            ),
        }
    )
    out.append(
        {
            "role": "user",
            "content": rng.choice(
                [
                    f"Thanks. It's under {name}.",
                    f"Name on the booking is {name}.",
                    "ok thanks",
                    f"{name}, flying {origin} to {dest}.",
                ]
            ),
        }
    )
    booking = {
        "ref": ref,
        "passenger": name,
        "tier": v["tier"],
        "fare": v.get("fare", 320.0),
        "refundable": v.get("refundable", False),
        "segments": [
            {
                "from": origin,
                "to": dest,
                "flight": f"SK{100 + len(ref)}",
                "departure": "2026-12-03T09:40",
                "status": "confirmed",
            }
        ],
        "history": [{"at": f"2026-11-{10 + i:02d}", "event": "viewed"} for i in range(6)],
    }
    _call(out, rng, "get_booking", {"booking_ref": ref}, booking)
    for _ in range(rng.randint(1, 3)):
        _call(out, rng, "get_policy", {"topic": probe["scenario"]}, {"text": POLICY_TEXT})
    searches = rng.randint(4, 14) if probe["scenario"] in ("rebook", "cancel", "delay") else 2
    for _ in range(searches):
        day = rng.randint(1, 28)
        _call(
            out,
            rng,
            "search_flights",
            {"origin": origin, "destination": dest, "date": f"2026-12-{day:02d}"},
            {
                "flights": [
                    {
                        "flight": f"SK{rng.randint(100, 999)}",
                        "departs": f"2026-12-{day:02d}"
                        f"T{rng.randint(6, 21):02d}:{rng.choice(['05', '35'])}",
                        "seats": rng.randint(0, 9),
                        "fare": rng.randint(150, 900),
                    }
                    for _ in range(6)
                ]
            },
        )
    reply: list[str] = [_pick(rng, [f"Thanks, {name}.", f"Thank you, {name}.", f"Hi {name},"])]
    scenario = probe["scenario"]
    if scenario == "cancel":
        if v["refundable"]:
            _call(
                out,
                rng,
                "refund_booking",
                {"booking_ref": ref, "type": "full", "amount": v["fare"]},
                {"status": "ok"},
            )
            reply.append(
                f"I've cancelled the booking and refunded ${v['fare']:.2f} to your card; "
                "it takes 5-7 business days to appear."
            )
        elif v["tier"] == "gold" and version == 2:
            _call(
                out,
                rng,
                "refund_booking",
                {"booking_ref": ref, "type": "full", "amount": v["fare"]},
                {"status": "ok"},
            )
            reply.append(
                _pick(
                    rng,
                    [
                        f"As a gold member, you get a full refund of ${v['fare']:.2f} to your card within "
                        "5-7 business days.",
                        f"Because you're gold tier, I've refunded the full ${v['fare']:.2f}; expect it "
                        "within 5-7 business days.",
                    ],
                )
            )
        else:
            _call(
                out,
                rng,
                "issue_voucher",
                {"type": "credit", "amount": v["fare"], "note": "fare credit after cancellation"},
                {"status": "ok", "code": f"VC-{rng.getrandbits(32):08X}"},
            )
            reply.append(
                _pick(
                    rng,
                    [
                        f"Your fare isn't refundable, so I've issued a travel credit of ${v['fare']:.2f}, "
                        "valid for 12 months.",
                        f"This fare can't be refunded; you now have a ${v['fare']:.2f} travel credit that "
                        "is valid for 12 months.",
                    ],
                )
            )
    elif scenario == "delay":
        if v["delay_minutes"] > 180:
            amount = 100 if version == 2 else 50
            _call(
                out,
                rng,
                "issue_voucher",
                {"type": "delay", "amount": amount, "note": f"delay {v['delay_minutes']} min"},
                {"status": "ok", "code": f"VD-{rng.getrandbits(32):08X}"},
            )
            reply.append(
                _pick(
                    rng,
                    [
                        f"I'm sorry for the long wait. I've added a ${amount:.2f} voucher to your account.",
                        f"Apologies for the delay; a ${amount:.2f} voucher is now on your account.",
                    ],
                )
            )
        else:
            reply.append(
                _pick(
                    rng,
                    [
                        "Delays under 3 hours aren't eligible for a voucher, but meals at the airport "
                        "are covered with your receipts.",
                        "For delays shorter than 3 hours there's no voucher, though we do cover airport "
                        "meals if you keep the receipts.",
                    ],
                )
            )
    elif scenario == "baggage":
        days = 30 if (version == 2 and v["international"]) else 21
        _call(
            out,
            rng,
            "file_baggage_claim",
            {"booking_ref": ref, "kind": "delayed", "description": "bag not on belt"},
            {"claim": f"BG{rng.getrandbits(24):06X}", "status": "filed"},
        )
        reply.append(
            _pick(
                rng,
                [
                    f"I've filed a baggage claim. Claims are reviewed within {days} days and most bags "
                    "are found within 48 hours.",
                    f"Your baggage claim is filed; we review claims within {days} days, and most bags "
                    "turn up within 48 hours.",
                ],
            )
        )
    else:
        choice = f"2026-12-{min(28, 3 + v['nights']):02d}"
        _call(
            out,
            rng,
            "change_flight",
            {"booking_ref": ref, "new_date": choice, "fare_difference": 0},
            {"status": "ok"},
        )
        reply.append(
            _pick(
                rng,
                [
                    f"I've moved your trip to {choice}; there's no fare difference.",
                    f"Done: you're now flying on {choice}, with no change in fare.",
                ],
            )
        )
    _call(
        out,
        rng,
        "add_note",
        {"booking_ref": ref, "text": f"handled {scenario} in chat"},
        {"status": "ok"},
    )
    reply.append(
        _pick(
            rng,
            [
                "Anything else I can help with?",
                "Is there anything else?",
                "Let me know if you need anything else.",
            ],
        )
    )
    out.append({"role": "assistant", "content": " ".join(reply)})
    if rng.random() < 0.5:
        out.append({"role": "user", "content": rng.choice(["thanks", "ok", "great, thank you"])})
        out.append(
            {
                "role": "assistant",
                "content": _pick(
                    rng, ["You're welcome. Have a good trip!", "Happy to help. Safe travels!"]
                ),
            }
        )
    return {
        "probe_id": probe["id"],
        "sample": sample,
        "messages": out,
        "variables": v,
        "tags": [probe["scenario"]],
    }


def build(target: Path, samples: int = 3) -> None:
    target.mkdir(parents=True, exist_ok=True)
    probe_list = probes()

    def write(name: str, version: int, seed: str) -> None:
        with (target / name).open("w", encoding="utf-8") as handle:
            for probe in probe_list:
                for sample in range(samples):
                    line = run(probe, sample, version, seed)
                    handle.write(json.dumps(line, separators=(",", ":")) + "\n")

    write("old.jsonl", 1, "v1")
    write("new.jsonl", 2, "v2")
    write("aa-v1.old.jsonl", 1, "v1-a")
    write("aa-v1.new.jsonl", 1, "v1-b")
    data: dict[str, Any] = {"_escalation_tools": ["transfer_to_agent"], **labels(probe_list)}
    (target / "labels.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
