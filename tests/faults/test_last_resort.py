"""An unexpected exception is one paragraph and a report file, with its own exit code; under
pytest (or BEHAVIORDIFF_TRACEBACK=1) it still propagates with its traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.cli import app as app_module
from behaviordiff.crash import INTERNAL_ERROR_EXIT
from tests.faults.conftest import InProcessCli


def _explode(**_: Any) -> None:
    raise KeyError("the-unexpected-key")


@pytest.fixture
def crashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(app_module, "app_for", lambda argv: _explode)  # the app `main` runs
    monkeypatch.delenv("BEHAVIORDIFF_TRACEBACK", raising=False)
    monkeypatch.setenv("BEHAVIORDIFF_CRASH_DIR", str(tmp_path / "crashes"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-crash-report-secret-1234")
    return tmp_path / "crashes"


def _as_a_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest sets PYTEST_CURRENT_TEST again for each phase: clear it in the test itself."""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)


def test_an_unexpected_error_is_a_paragraph_and_a_report(
    crashing: Path, bd: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_a_user(monkeypatch)
    result = bd("probes", "check")
    assert result.exit_code == INTERNAL_ERROR_EXIT != 2
    assert "Traceback" not in result.stderr
    assert "KeyError: 'the-unexpected-key'" in result.stderr
    reports = list(crashing.glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in result.stderr
    report = reports[0].read_text(encoding="utf-8")
    assert "Traceback" in report and "the-unexpected-key" in report
    assert "command: behaviordiff probes check" in report


def test_the_report_and_json_error_name_no_secret(
    crashing: Path, bd: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_a_user(monkeypatch)
    result = bd("probes", "check", "--format", "json")
    error = json.loads(result.stderr)
    assert error["error"] == "InternalError" and error["report"]
    assert "sk-crash" not in Path(error["report"]).read_text(encoding="utf-8")


def test_under_pytest_the_traceback_propagates(
    crashing: Path, bd: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_a_user(monkeypatch)
    monkeypatch.setenv("BEHAVIORDIFF_TRACEBACK", "1")
    with pytest.raises(KeyError, match="the-unexpected-key"):
        bd("probes", "check")
