"""Every value read from YAML is one JSON can carry, as a probe's variables and fixtures go to
a command agent as JSON and into a run's key. trial23: an unquoted date (`renewal: 2026-03-01`)
passed `probes check` and the dry run, then failed every run of its probe with "internal error:
TypeError: Object of type date is not JSON serializable"; `!!binary` and `!!set` the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.errors import BehaviordiffError, ProbeError
from behaviordiff.probes import load_suite
from behaviordiff.yamlio import parse_yaml

SUITE = """\
suite: greenhouse
probes:
  - id: renewal-due
    variables: {{plot: 14, {value}}}
    messages:
      - {{role: user, content: "When is my allotment renewal due?"}}
"""


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("renewal: 2026-03-01", "2026-03-01"),
        ("visit: 2026-03-01 09:30:00", "2026-03-01 09:30:00"),
        ("stamp: 2026-03-01T09:30:00Z", "2026-03-01T09:30:00Z"),
        ("typo: 2026-13-45", "2026-13-45"),
    ],
)
def test_a_date_or_time_is_read_as_the_text_written(
    tmp_path: Path, written: str, read: str
) -> None:
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE.format(value=written))
    probe = load_suite(path).probes[0]
    key = written.split(":")[0]
    assert probe.variables[key] == read
    json.dumps(probe.model_dump(mode="python"))  # what a command agent is sent


@pytest.mark.parametrize(
    ("written", "tag"),
    [("seeds: !!binary aGVsbG8=", "!!binary"), ("beds: !!set {north: null}", "!!set")],
)
def test_a_value_json_cannot_carry_is_refused_at_its_line(
    tmp_path: Path, written: str, tag: str
) -> None:
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE.format(value=written))
    with pytest.raises(ProbeError) as caught:
        load_suite(path)
    assert (caught.value.where or "").startswith(f"{path}:4:")
    assert tag in caught.value.message
    assert "quote" in (caught.value.hint or "")


def test_other_yaml_keeps_its_plain_values() -> None:
    data, _ = parse_yaml("n: 3\nx: 1.5\nok: true\nname: Kew\nnone: null\n", "f.yaml")
    assert data == {"n": 3, "x": 1.5, "ok": True, "name": "Kew", "none": None}
    with pytest.raises(BehaviordiffError):
        parse_yaml("a: !!python/object:os.system {}\n", "f.yaml")
