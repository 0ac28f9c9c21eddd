"""`transcripts` → `compare` reads a release's runs as `run` read them: the same changes with
the same facets (escalation included), no warning about missing escalation markers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.store import RunRecord, RunStore, RunWriter, Workspace
from behaviordiff.transcripts import ReplayError, behavior_start, build_transcript, iter_replay
from tests.conftest import CliRunner, Demo


def _changes(analysis: dict[str, Any]) -> list[tuple[str, str, list[str], list[str]]]:
    return [
        (change["id"], change["title"], change["facets"], sorted(change["probe_ids"]))
        for change in analysis["changes"]
    ]


@pytest.mark.xdist_group("demo")
def test_the_demo_release_through_transcripts_and_compare(cli: CliRunner, demo: Demo) -> None:
    folder = demo.folder
    exported = cli("transcripts", "--release", "1", "--side", "both", "-o", "tr", cwd=folder)
    assert exported.exit_code == 0, exported.stderr
    compared = cli("compare", "tr/base.jsonl", "tr/head.jsonl", "--format", "json", cwd=folder)
    assert compared.exit_code == 0, compared.stderr
    result = json.loads(compared.stdout)
    assert not any("escalation markers" in warning for warning in result["warnings"])

    with Workspace(demo.workspace, create=False) as store:
        loaded = store.load_analysis(1)
    assert loaded is not None
    stored = loaded.to_dict()
    assert _changes(result) == _changes(stored)
    assert any("escalation" in change["facets"] for change in result["changes"])
    facets = {p["probe_id"]: (p["verdict"], p["facets"]) for p in result["probes"]}
    assert facets == {p["probe_id"]: (p["verdict"], p["facets"]) for p in stored["probes"]}

    text = cli("compare", "tr/base.jsonl", "tr/head.jsonl", cwd=folder)
    assert "no escalation markers" not in text.stderr


def _multi_turn(sample: int, escalate: bool) -> Any:
    """A probe whose input holds an earlier turn with a tool call, then the agent's own."""
    call = {"id": "c0", "type": "function", "function": {"name": "lookup_order", "arguments": "{}"}}
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You help."},
        {"role": "user", "content": "Where is A1?"},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c0", "content": "{}"},
        {"role": "assistant", "content": "It is late."},
        {"role": "user", "content": "Then let me talk to a person."},
    ]
    if escalate:
        handoff = {
            "id": "c1",
            "type": "function",
            "function": {"name": "handoff", "arguments": '{"why": "asked"}'},
        }
        messages += [
            {"role": "assistant", "content": None, "tool_calls": [handoff]},
            {"role": "tool", "tool_call_id": "c1", "content": "{}"},
        ]
    messages.append({"role": "assistant", "content": "Done." if escalate else "Sorry, no."})
    return build_transcript("multi", sample, messages, escalation_tools=["handoff"], input_count=6)


def test_a_multi_turn_input_and_a_handoff_survive_the_export(
    cli: CliRunner, tmp_path: Path
) -> None:
    with Workspace(tmp_path / "workspace") as store:
        release = store.create_release(base_label="v1", head_label="v2")
        writer = RunWriter(store, release.id)
        for sample in range(3):
            writer.add(RunRecord("base", "multi", sample, _multi_turn(sample, True)))
            writer.add(RunRecord("head", "multi", sample, _multi_turn(sample, False)))
        writer.flush()
        RunStore(store).save_plan(release.id, "plan", 6, {})
    assert behavior_start(_multi_turn(0, True)) == 6

    exported = cli("transcripts", "--side", "both", "-o", "tr")
    assert exported.exit_code == 0, exported.stderr
    line = json.loads((tmp_path / "tr" / "base.jsonl").read_text().splitlines()[0])
    assert line["input_count"] == 6 and line["escalated"] is True
    assert line["escalation_reason"] == "tool handoff"
    (base,) = [run for run in iter_replay(tmp_path / "tr" / "base.jsonl") if run.sample == 0]
    assert [call.name for call in base.tool_calls] == ["handoff"]  # not the input's lookup
    assert base.escalated and base.escalation_reason == "tool handoff"
    assert "input_count" not in base.metadata and "escalated" not in base.metadata

    compared = cli("compare", "tr/base.jsonl", "tr/head.jsonl", "--format", "json")
    assert compared.exit_code == 0, compared.stderr
    result = json.loads(compared.stdout)
    assert result["warnings"] == []
    (probe,) = result["probes"]
    assert "escalation" in probe["facets"] and "actions" in probe["facets"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"input_count": 9}, "`input_count` 9, not a number of messages from 0 to 2"),
        ({"input_count": True}, "`input_count` true"),
        ({"escalated": "yes"}, '`escalated` "yes", not true or false'),
    ],
)
def test_recorded_keys_are_checked(tmp_path: Path, extra: dict[str, Any], message: str) -> None:
    record = {
        "probe_id": "p",
        "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}],
        **extra,
    }
    path = tmp_path / "runs.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with pytest.raises(ReplayError) as caught:
        list(iter_replay(path))
    assert message in caught.value.message
    assert str(caught.value.where).endswith("runs.jsonl:1")
