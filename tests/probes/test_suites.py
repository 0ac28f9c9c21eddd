"""Probe suites: YAML and JSONL, defaults, checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.errors import ProbeError
from behaviordiff.probes import load_suite


def test_probe_suite_jsonl_and_duplicates(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.jsonl"
    line = {"id": "a", "messages": [{"role": "user", "content": "hi"}], "tags": ["x"]}
    suite_file.write_text(json.dumps(line) + "\n\n" + json.dumps({**line, "id": "b"}) + "\n")
    suite = load_suite(suite_file)
    assert [probe.id for probe in suite] == ["a", "b"]
    assert suite.summary()["tags"] == {"x": 2}
    suite_file.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n")
    with pytest.raises(ProbeError, match=r"probes.jsonl:2: duplicate probe id 'a'"):
        load_suite(suite_file)
    suite_file.write_text("{not json\n")
    with pytest.raises(ProbeError, match=r"probes.jsonl:1: not valid JSON"):
        load_suite(suite_file)


def test_probe_defaults_merge(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.yaml"
    suite_file.write_text(
        "defaults:\n  variables: {customer_name: Alex, membership: standard}\n  tags: [core]\n"
        "probes:\n  - id: p1\n    variables: {membership: member}\n    tags: [returns]\n"
        "    messages: [{role: user, content: hi}]\n"
    )
    probe = load_suite(suite_file).probes[0]
    assert probe.variables == {"customer_name": "Alex", "membership": "member"}
    assert probe.tags == ["core", "returns"]


def test_conversation_must_end_with_the_customer(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.yaml"
    suite_file.write_text(
        "probes:\n  - id: p1\n"
        "    messages: [{role: user, content: hi}, {role: assistant, content: yo}]\n"
    )
    with pytest.raises(ProbeError, match=r"probe 'p1'.*must end with a user"):
        load_suite(suite_file)


@pytest.mark.parametrize(
    ("probes", "line", "said"),
    [
        (
            "  - id: a\n    messages:\n      - role: user\n        content: hi\n"
            "      - role: assistant\n        content: ok\n      - role: user\n"
            "        content: null\n",
            7,
            "a user message needs `content`",
        ),
        (
            "  - id: a\n    messages: [{role: user, content: hi}]\n    tool_fixtures:\n"
            "      find_slots: [{day: mon}, {day: tue}]\n",
            4,
            "the fixture of tool 'find_slots' is a list",
        ),
        (
            "  - id: a\n    variables: {days_left: 3}\n    messages: [{role: user, content: hi}]\n"
            "  - id: b\n    variables: {days_left: three}\n"
            "    messages: [{role: user, content: hi}]\n",
            4,
            "variable 'days_left' is the text 'three', but a number in probe 'a' (",
        ),
    ],
)
def test_inputs_that_would_fail_or_mislead_a_run_are_refused_at_their_line(
    tmp_path: Path, probes: str, line: int, said: str
) -> None:
    """`content: null` on a user turn (the agent crashes on it at run time), a list where a
    tool's one result goes, a word among a variable's numbers: each is named at its line."""
    suite_file = tmp_path / "probes.yaml"
    suite_file.write_text("probes:\n" + probes)
    with pytest.raises(ProbeError) as caught:
        load_suite(suite_file)
    assert f"probes.yaml:{line + 1}" in str(caught.value), str(caught.value)
    assert said in str(caught.value)
    assert caught.value.hint


def test_an_assistant_turn_that_only_calls_tools_needs_no_content(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.jsonl"
    call = {"id": "c1", "function": {"name": "lookup", "arguments": "{}"}}
    messages = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": "{}"},
    ]
    suite_file.write_text(json.dumps({"id": "a", "messages": messages}) + "\n")
    assert [probe.id for probe in load_suite(suite_file)] == ["a"]


def test_a_yaml_suite_over_its_limit_is_refused_at_once_naming_jsonl(tmp_path: Path) -> None:
    """Trial H1: a 50 MB YAML suite was parsed for minutes with gigabytes of memory and no
    word. Over the YAML limit it is refused before any parsing, naming the file, the size, the
    limit and the fix (JSONL, or smaller YAML files)."""
    from behaviordiff.probes.suite import MAX_YAML_SUITE_BYTES

    path = tmp_path / "big.yaml"
    line = "# " + "x" * 98 + "\n"
    path.write_text(
        "probes:\n  - id: p\n    messages:\n      - {role: user, content: hi}\n"
        + line * (MAX_YAML_SUITE_BYTES // len(line) + 1),
        encoding="utf-8",
    )
    with pytest.raises(ProbeError) as caught:
        load_suite(path)
    error = caught.value
    assert str(path) in str(error.where)
    assert "MB of YAML, over the 10 MB limit for a YAML suite" in error.message
    assert "JSONL" in (error.hint or "") and "[probes] suites" in (error.hint or "")
