"""Tool arguments that echo the probe's input do not split a change; calls to tools a version
does not declare are warned about."""

from __future__ import annotations

from behaviordiff.detect import analyze
from behaviordiff.detect.model import Analysis
from behaviordiff.transcripts import Transcript

ITEMS = ["blue kettle", "garden chair", "desk lamp", "yoga mat", "rain jacket", "coffee grinder"]


def _run(probe_id: str, sample: int, item: str, tool: str, reply: str) -> Transcript:
    message = f"My {item} arrived broken, can you help?"
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": message},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "c1",
                        "type": "function",
                        "function": {
                            "name": tool,
                            "arguments": f'{{"item": "{item}", "kind": "damaged"}}',
                        },
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "ok"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"item": item, "damaged": True}},
    )


def _runs(tool_old: str, tool_new: str) -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for index, item in enumerate(ITEMS):
        for sample in range(3):
            old.append(_run(f"p{index}", sample, item, tool_old, "A specialist will call you."))
            new.append(_run(f"p{index}", sample, item, tool_new, "I've sent a replacement."))
    for index in range(8):
        for sample in range(3):
            for runs in (old, new):
                runs.append(
                    Transcript(
                        probe_id=f"q{index}",
                        sample=sample,
                        messages=[
                            {"role": "user", "content": "Where is my parcel?"},
                            {"role": "assistant", "content": "It arrives tomorrow."},
                        ],
                        final_reply="It arrives tomorrow.",
                        metadata={"variables": {"item": "parcel", "damaged": False}},
                    )
                )
    return old, new


def test_an_argument_that_repeats_the_conversation_does_not_split_the_change() -> None:
    analysis = analyze(*_runs("escalate_claim", "send_replacement"))
    assert len(analysis.changes) == 1
    [change] = analysis.changes
    assert sorted(change.probe_ids) == [f"p{index}" for index in range(len(ITEMS))]
    # the kind of claim is behavior and stays; the item name echoes the customer
    assert change.before == ["escalate_claim(kind=damaged)"]
    assert change.after == ["send_replacement(kind=damaged)"]
    assert change.conditions[0].text == "damaged = true"


def test_the_analysis_counts_the_tools_each_side_called() -> None:
    analysis = analyze(*_runs("escalate_claim", "send_replacement"))
    assert analysis.tools_called == {
        "old": {"escalate_claim": 18},
        "new": {"send_replacement": 18},
    }
    assert analysis.to_dict()["tools_called"] == analysis.tools_called


def test_calls_to_tools_a_version_does_not_declare_are_warned_about() -> None:
    from behaviordiff.agent.source import FolderSource
    from behaviordiff.agent.version import load_version
    from behaviordiff.pipeline import undeclared_tool_warnings
    from tests.example_data import EXAMPLE

    versions = []
    for name in ("support-v1", "support-v2"):
        folder = EXAMPLE / "agents" / name
        versions.append(load_version(FolderSource(folder).read_all(), name, folder=folder))
    analysis = Analysis(probes=[], changes=[], noise=None)  # type: ignore[arg-type]
    analysis.tools_called = {
        "old": {"escalate_to_human": 4, "issue_refund": 2},
        "new": {"issue_refund": 3, "apply_coupon": 1},
    }
    warnings = undeclared_tool_warnings(analysis, versions[0], versions[1])
    assert len(warnings) == 2
    assert warnings[0].startswith("support-v1 called 'issue_refund' (2 call(s)), a tool its")
    assert warnings[1].startswith("support-v2 called 'apply_coupon' (1 call(s))")
    assert "add it under `tools`" in warnings[1]
