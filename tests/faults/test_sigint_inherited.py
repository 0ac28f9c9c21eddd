"""Ctrl-C reaches the processes tests start, however the suite was launched: a suite started
in the background by a script (`pytest ... &`) inherits SIGINT ignored, and before
tests/conftest.py put the default back, every child a test started ignored Ctrl-C too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT

INNER = "BEHAVIORDIFF_TEST_SIGINT_INNER"


def _ignores_sigint(pid: str) -> bool:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        mask = next(line for line in status if line.startswith("SigIgn:")).split()[1]
    return bool(int(mask, 16) & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(not os.environ.get(INNER), reason="run by the test below, in a pytest")
def test_a_child_process_gets_ctrl_c() -> None:
    assert not _ignores_sigint("self")
    probe = subprocess.run(
        [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "<built-in function default_int_handler>", probe.stdout


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc (Linux)")
def test_a_suite_started_with_sigint_ignored_gives_its_children_ctrl_c() -> None:
    node = f"{__file__}::test_a_child_process_gets_ctrl_c"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            node,
        ],
        cwd=ROOT,
        env={**os.environ, INNER: "1"},
        capture_output=True,
        text=True,
        # as `pytest ... &` in a script: the shell starts it with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
