"""First-use fixes to `gate`: fixes that are commands to paste, and `--github` outside
GitHub Actions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.conftest import Invoke, Release, approve_all


def test_gate_fixes_are_commands_to_paste(invoke: Invoke, drafted: Release) -> None:
    canary = invoke("gate", "--stage", "canary").stdout
    assert "2 things missing" in canary
    assert "`behaviordiff review approve C1 --release " in canary
    approve_all(drafted[0], drafted[1])
    assert invoke("ack", "--all", "--by", "Sam").exit_code == 0
    assert invoke("ack", "done", "C1.1", "C1.2", "C2.1", "--by", "Sam").exit_code == 0
    full = invoke("gate", "--stage", "full")
    assert full.exit_code == 1 and "1 thing missing" in full.stdout
    assert "..." not in full.stdout
    assert f"`behaviordiff export --release {drafted[1]} --to PLATFORM -o FILE`" in full.stdout
    assert "(the helpdesk its article came from: zendesk, freshdesk, intercom or markdown)" in (
        full.stdout
    )


def test_gate_github_without_a_summary_file_says_so(
    invoke: Invoke, drafted: Release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = invoke("gate", "--stage", "shadow", "--github")
    assert result.exit_code == 0
    assert "GITHUB_STEP_SUMMARY is not set" in result.stderr
    summary = tmp_path / "summary.md"
    result = invoke(
        "gate", "--stage", "shadow", "--github", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert "GITHUB_STEP_SUMMARY" not in result.stderr
    assert "may proceed to shadow" in summary.read_text(encoding="utf-8")
