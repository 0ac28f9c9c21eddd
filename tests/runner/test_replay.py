"""The replay adapter: recorded transcripts are compared without calling anything."""

from __future__ import annotations

import json
from pathlib import Path

from tests.runner_project import by_probe, probe, run, transcripts


def recording(path: Path, runs: list[tuple[str, int | None, str]]) -> None:
    lines = []
    for probe_id, sample, reply in runs:
        record: dict[str, object] = {
            "probe_id": probe_id,
            "messages": [
                {"role": "system", "content": "recorded system prompt"},
                {"role": "user", "content": "where is A1?"},
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "r1",
                            "type": "function",
                            "function": {"name": "lookup_order", "arguments": '{"order_id": "A1"}'},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "r1", "content": '{"status": "late"}'},
                {"role": "assistant", "content": reply},
            ],
            "ticket": "ZD-1",
        }
        if sample is not None:
            record["sample"] = sample
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n")


def test_replay_reads_recordings_and_reports_missing_runs(tmp_path: Path) -> None:
    extra = "replay:\n  path: recorded.jsonl\n"
    for version in ("v1", "v2"):
        (tmp_path / version).mkdir(parents=True)
        recording(
            tmp_path / version / "recorded.jsonl",
            [
                ("a", None, f"{version} reply 0"),
                ("a", None, f"{version} reply 1"),
                ("b", 0, "a human will follow up"),
            ],
        )
    probes = [probe("a", "where is A1?"), probe("b", "help")]
    outcome = run(tmp_path, adapter="replay", extra=extra, probes=probes, samples=2)
    stored = transcripts(tmp_path, outcome.release_id)
    replies = sorted(t.final_reply for t in by_probe(stored, "a"))
    assert replies == ["v1 reply 0", "v1 reply 1", "v2 reply 0", "v2 reply 1"]
    a0 = by_probe(stored, "a")[0]
    assert a0.tool_calls[0].arguments == {"order_id": "A1"}
    assert a0.tool_calls[0].result == '{"status": "late"}'
    assert a0.metadata["ticket"] == "ZD-1" and a0.metadata["adapter"] == "replay"
    b = by_probe(stored, "b")
    assert sorted(t.error is None for t in b) == [False, False, True, True]
    assert all(t.escalated for t in b if t.error is None)
    missing = [t.error for t in b if t.error]
    assert all("no recorded run for probe 'b' sample 1" in (error or "") for error in missing)
    assert outcome.estimate.requests == 0
    assert outcome.progress is not None and outcome.progress.requests == 0
