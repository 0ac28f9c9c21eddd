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
