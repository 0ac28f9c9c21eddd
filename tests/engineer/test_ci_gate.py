"""--fail-on-change and --fail-on-inconclusive say which probes and changes caused exit 1."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES
from tests.engineer.conftest import Invoke

RECORDINGS = FIXTURES / "detect" / "example"
MARKERS = ("--escalation-tool", "escalate_to_human")


def _first_samples(source: Path, target: Path) -> Path:
    """One sample per probe: too few to decide the probes that changed."""
    lines = [
        line for line in source.read_text().splitlines() if json.loads(line).get("sample", 0) == 0
    ]
    target.write_text("\n".join(lines) + "\n")
    return target


def test_fail_on_change_names_the_changes_and_their_probes(invoke: Invoke) -> None:
    args = ("compare", str(RECORDINGS / "v1.s3.jsonl"), str(RECORDINGS / "v2.s3.jsonl"), *MARKERS)
    failed = invoke(*args, "--fail-on-change")
    assert failed.exit_code == 1
    said = failed.stderr
    assert (
        "exit 1 (--fail-on-change): 11 probe(s) changed behavior, in 2 behavior change(s):" in said
    )
    assert "  C1 " in said and "delay-120-72h" in said and "(6)" in said
    assert "  C2 " in said and "return-member-38d" in said and "(5)" in said

    as_json = invoke(*args, "--fail-on-change", "--format", "json")
    assert as_json.exit_code == 1
    gate = json.loads(as_json.stdout)["gate"]
    assert gate["exit_code"] == 1 and [c["id"] for c in gate["changes"]] == ["C1", "C2"]
    assert len(gate["behavior_changed"]) == 11 and gate["inconclusive"] == []
    assert "exit 1 (--fail-on-change)" in as_json.stderr

    passed = invoke(*args, "--fail-on-inconclusive", "--format", "json")
    assert passed.exit_code == 0 and json.loads(passed.stdout)["gate"] is None
    assert "exit 1" not in passed.stderr


def test_fail_on_inconclusive_names_the_undecided_probes(invoke: Invoke, tmp_path: Path) -> None:
    old = _first_samples(RECORDINGS / "v1.s3.jsonl", tmp_path / "v1.jsonl")
    new = _first_samples(RECORDINGS / "v2.s3.jsonl", tmp_path / "v2.jsonl")
    failed = invoke("compare", str(old), str(new), *MARKERS, "--fail-on-inconclusive")
    assert failed.exit_code == 1
    assert "exit 1 (--fail-on-inconclusive):" in failed.stderr
    assert "delay-120-72h (actions" in failed.stderr
    assert "more sample(s) per version would decide it" in failed.stderr

    as_json = invoke(
        "compare", str(old), str(new), *MARKERS, "--fail-on-inconclusive", "--format", "json"
    )
    gate = json.loads(as_json.stdout)["gate"]
    undecided = {probe["probe_id"] for probe in gate["inconclusive"]}
    assert "delay-120-72h" in undecided and gate["behavior_changed"] == []
