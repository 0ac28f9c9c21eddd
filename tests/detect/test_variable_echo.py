"""A tool argument that copies one of the probe's variables (an enum passed through) is input,
not behavior: it does not split one change by that variable's values."""

from __future__ import annotations

import json

from behaviordiff.detect import analyze
from behaviordiff.transcripts import Transcript

LEVELS = {"low": 4, "medium": 4, "high": 4}


def _run(
    probe_id: str, sample: int, level: str, calls: list[tuple[str, dict[str, str]]]
) -> Transcript:
    reply = "Done, thanks for letting us know." if calls else "Please confirm your postcode first."
    messages: list[dict[str, object]] = [{"role": "user", "content": "The boiler is making noise."}]
    for index, (name, arguments) in enumerate(calls):
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": f"c{index}",
                        "type": "function",
                        "function": {"name": name, "arguments": json.dumps(arguments)},
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": f"c{index}", "content": "ok"})
    messages.append({"role": "assistant", "content": reply})
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=messages,
        final_reply=reply,
        metadata={"variables": {"priority": level, "site": f"S-{probe_id}"}},
    )


def _runs() -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for level, count in LEVELS.items():
        for index in range(count):
            probe_id = f"{level}-{index}"
            ticket = [("open_ticket", {"priority": level, "note": "boiler"})]
            for sample in range(3):
                old.append(_run(probe_id, sample, level, ticket))
                # the new version checks identity first, except for high priority
                new.append(_run(probe_id, sample, level, ticket if level == "high" else []))
    return old, new


def test_an_argument_copying_a_probe_variable_does_not_split_the_change() -> None:
    analysis = analyze(*_runs())
    assert len(analysis.changes) == 1
    [change] = analysis.changes
    assert sorted(change.probe_ids) == sorted(
        f"{level}-{i}" for level in ("low", "medium") for i in range(4)
    )
    # the priority argument is gone from the call's identity
    assert change.before == ["open_ticket"]
    assert change.conditions[0].text == "priority in {low, medium}"
