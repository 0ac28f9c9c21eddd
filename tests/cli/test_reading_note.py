"""A large probe input is not seconds of silence: `probes check` and `run` say on stderr that
they are reading it (a small one gets no line)."""

from __future__ import annotations

import pytest

from behaviordiff.cli import console
from tests.conftest import EXAMPLE, CliRunner

SUITE = str(EXAMPLE / "probes" / "core.yaml")
CONFIG = str(EXAMPLE / "behaviordiff.toml")


def test_a_small_suite_is_read_without_a_line(cli: CliRunner) -> None:
    checked = cli("probes", "check", SUITE, "--config", CONFIG)
    assert checked.exit_code == 0, checked.stderr
    assert "Reading" not in checked.stderr
    assert "probes in 1 file\n" in checked.stdout  # one file: no "file(s)"


def test_a_large_suite_says_it_is_being_read(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "LARGE_INPUT", 1)  # the example's suite counts as large
    checked = cli("probes", "check", SUITE, "--config", CONFIG, "--format", "json")
    assert checked.exit_code == 0, checked.stderr
    assert "Reading 1 probe file (" in checked.stderr and "MB)…" in checked.stderr
    V1, V2 = (str(EXAMPLE / "agents" / name) for name in ("support-v1", "support-v2"))
    dry = cli("run", V1, V2, "--config", CONFIG, "--suite", SUITE, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "Reading 1 probe file (" in dry.stderr
