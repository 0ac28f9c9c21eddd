"""Tool arguments nested deeper than Python's JSON reader goes are not read: the call counts
as not made, and the user is told why (not silently, not as a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

from behaviordiff.detect.inputs import input_warnings
from behaviordiff.probes.model import Probe
from behaviordiff.runner.adapters import answer_tool_call
from behaviordiff.transcripts import build_transcript
from tests.conftest import CliRunner

DEEP = "[" * 5000 + "1" + "]" * 5000
"""Arguments 5,000 levels deep: past any recursion limit Python starts with."""
USER = {"role": "user", "content": "where is my order?"}


def _messages(arguments: str) -> list[dict[str, object]]:
    call = {"id": "c1", "function": {"name": "lookup_order", "arguments": arguments}}
    return [
        USER,
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "assistant", "content": "It is on its way."},
    ]


def test_a_too_deep_call_is_marked_on_its_run() -> None:
    run = build_transcript("p1", 0, _messages(DEEP))
    assert run.tool_calls[0].arguments is None
    assert run.metadata["arguments_too_deep"] == ["lookup_order"]
    shallow = build_transcript("p1", 0, _messages('{"id": 7}'))
    assert "arguments_too_deep" not in shallow.metadata
    # arguments that are merely not JSON are another matter, already warned about as such
    assert "arguments_too_deep" not in build_transcript("p1", 0, _messages("{id")).metadata


def test_compare_says_a_call_went_unread_for_nesting(cli: CliRunner, tmp_path: Path) -> None:
    for name, arguments in (("old.jsonl", '{"id": 7}'), ("new.jsonl", DEEP)):
        lines = [
            {"probe_id": probe, "sample": sample, "messages": _messages(arguments)}
            for probe in ("p1", "p2")
            for sample in range(3)
        ]
        (tmp_path / name).write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = cli("compare", "old.jsonl", "new.jsonl", "--format", "json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    said = [w for w in json.loads(result.stdout)["warnings"] if "too deeply" in w]
    assert len(said) == 1, said
    assert "6 tool call(s) of new.jsonl (lookup_order; probe(s) p1, p2)" in said[0]
    assert "count as calls not made" in said[0]
    # the same calls are not also called "not valid JSON": they are JSON, nested too deeply
    assert not [w for w in json.loads(result.stdout)["warnings"] if "not valid JSON" in w]


def test_only_the_calls_not_json_are_called_not_json() -> None:
    """One run with a too-deep call and a garbled call of the same tool: the detector's
    warning counts the garbled one alone."""
    call = {"role": "assistant", "content": None}
    messages = [
        USER,
        {**call, "tool_calls": [{"id": "c1", "function": {"name": "t", "arguments": DEEP}}]},
        {**call, "tool_calls": [{"id": "c2", "function": {"name": "t", "arguments": "{id"}}]},
        {"role": "assistant", "content": "done"},
    ]
    run = build_transcript("p1", 0, messages)
    assert [c.arguments for c in run.tool_calls] == [None, None]
    (warning,) = input_warnings([], [run])
    assert warning.count == 1 and "not valid JSON" in warning.message
    assert input_warnings([], [build_transcript("p1", 0, _messages(DEEP))]) == []


def test_the_agent_is_answered_that_its_arguments_nest_too_deeply() -> None:
    probe = Probe.model_validate(
        {"id": "p1", "messages": [USER], "tool_fixtures": {"lookup_order": {"status": "late"}}}
    )
    call = {"id": "c1", "function": {"name": "lookup_order", "arguments": DEEP}}
    content, error = answer_tool_call(call, probe, {"lookup_order"}, set())
    assert error is not None and "nest too deeply" in error
    assert json.loads(content) == {"error": error}
