"""The path the demo's closing lines show, through the CLI on the demo itself: review, ack,
changelog in three formats, the report in a real browser, and the gate to 100%."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from typer.testing import CliRunner, Result

from behaviordiff.cli.app import app
from behaviordiff.publish.changelog import load_schema
from tests.conftest import Demo
from tests.publish.test_report import _browser, _chromium


@pytest.mark.xdist_group("demo")
def test_demo_approve_all_ack_all_publish_and_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: Demo
) -> None:
    """From the demo's folder and workspace as `behaviordiff demo` left them (the commands
    its "Next" lines name are checked in tests/cli/test_example.py)."""
    runner = CliRunner()
    folder = demo.folder
    monkeypatch.setenv("BEHAVIORDIFF_ACTOR", "wendy-writer")
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Result:
        result = runner.invoke(app, [*args], catch_exceptions=False)
        return result

    monkeypatch.chdir(folder)

    assert run("gate", "--stage", "shadow").exit_code == 0
    assert run("gate", "--stage", "canary").exit_code == 1
    assert run("review", "approve", "--all").exit_code == 0
    assert run("gate", "--stage", "canary").exit_code == 0
    blocked = run("gate", "--stage", "full", "--format", "json")
    assert blocked.exit_code == 1 and json.loads(blocked.stdout)["roles"] == ["cs"]
    assert run("ack", "--all", "--by", "Sam (CS)").exit_code == 0
    assert run("ack", "done", "--all", "--by", "Sam (CS)").exit_code == 0

    data = json.loads(run("changelog", "--format", "json").stdout)
    jsonschema.validate(data, load_schema())
    assert [change["handle"] for change in data["releases"][0]["changes"]] == ["C1", "C2"]
    assert all(change["acknowledged"] for change in data["releases"][0]["changes"])
    feed = feedparser.parse(run("changelog", "--format", "atom").stdout)
    assert not feed.bozo and len(feed.entries) == 2
    assert "## Release #1" in run("changelog").stdout

    assert run("report", "-o", "report.html").exit_code == 0
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "delay-120-72h" in html and '<mark class="add">' in html
    browser = _browser()
    if browser is not None:
        dom = _chromium(
            browser, tmp_path / "profile", "--dump-dom", (folder / "report.html").as_uri()
        )
        assert dom.returncode == 0
        assert [line for line in dom.stderr.splitlines() if ":CONSOLE" in line] == []
        assert 'data-report-ready="yes"' in dom.stdout

    final = run("gate", "--stage", "full")
    assert final.exit_code == 0 and "may proceed to 100%" in final.stdout
