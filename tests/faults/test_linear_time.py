"""Replies of any size a model can produce analyse in time linear in their length.

The ceilings below are generous bounds on a process, not speed measurements (those are in
bench/): the quadratic readings these tests guard against took minutes on a 300 KB reply.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.similarity import concepts

UNITS = {
    "letters": "abcdefghij",
    "digits": "1234567890",
    "mixed": "refund$5.00order#1234abc-def.ghi+x",
    "values": "5% ",
}
CEILING_SECONDS = 120


def _huge(shape: str, size: int = 300_000) -> str:
    unit = UNITS[shape]
    return (unit * (size // len(unit) + 1))[:size]


def _write_runs(path: Path, first_reply: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for probe in range(3):
            for sample in range(3):
                reply = first_reply if probe == 0 else f"Probe {probe} answer {sample % 2}."
                messages = [
                    {"role": "user", "content": "Where is my order?"},
                    {"role": "assistant", "content": reply},
                ]
                record = {"probe_id": f"p{probe}", "sample": sample, "messages": messages}
                handle.write(json.dumps(record) + "\n")


@pytest.mark.parametrize("shape", ["letters", "mixed", "values"])
def test_compare_reads_a_300_kb_reply_without_spaces(tmp_path: Path, shape: str) -> None:
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    _write_runs(old, "You can return items within 30 days.")
    _write_runs(new, _huge(shape))
    completed = subprocess.run(
        [sys.executable, "-m", "behaviordiff", "compare", str(old), str(new), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=CEILING_SECONDS,
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    verdicts = {probe["probe_id"]: probe["verdict"] for probe in result["probes"]}
    assert verdicts["p0"] != "unchanged"


def test_a_figure_too_long_to_be_an_amount_is_not_a_promise() -> None:
    assert not any(p.kind == "money" for p in extract_promises("$" + "1" * 40))
    assert not any(p.kind == "money" for p in extract_promises("$1" + ",000" * 12))
    assert any(p.value == "$12.50" for p in extract_promises("We refund $12.50 today."))


def test_addresses_are_still_found_after_the_change() -> None:
    affirmed, _ = concepts("Write to help.desk+eu@example.co.uk about the refund.")
    assert "example" not in affirmed and "refund" in affirmed
    letters = _huge("letters", 50_000)
    assert concepts(letters) == ((letters,), ())
