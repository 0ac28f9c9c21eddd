"""SIGTERM during `behaviordiff run` cancels the runs' main task, as Ctrl-C does inside
`asyncio.run`, instead of raising KeyboardInterrupt wherever the event loop is. Raised inside
asyncio's own code, KeyboardInterrupt left a command agent's pipes half connected; its
transport then never reported the agent's end, and `asyncio.run`, waiting for it while it
shut down, never returned: the process hung after SIGTERM (trial: tests/cli/test_sigterm.py
timed out after 60 s, the process still in epoll_wait)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from behaviordiff.interrupts import terminate_as_interrupt

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def default_sigterm() -> Iterator[None]:
    """SIGTERM's default disposition, as `behaviordiff` starts with (a test runner may have
    its own handler); the one before comes back."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.usefixtures("default_sigterm")
def test_sigterm_cancels_the_work_at_its_await_then_raises_keyboard_interrupt() -> None:
    from behaviordiff.interrupts import terminate_cancels

    seen: list[str] = []

    async def work() -> None:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            seen.append("went on")  # not cut where the signal came
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            seen.append("cancelled")
            await asyncio.sleep(0)  # cleaning up may await
            seen.append("cleaned up")
            raise

    with pytest.raises(KeyboardInterrupt), terminate_as_interrupt():
        asyncio.run(terminate_cancels(work()))
    assert seen == ["went on", "cancelled", "cleaned up"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


SIGTERM_WHILE_CONNECTING = """\
import os, signal, sys
from asyncio import unix_events
from pathlib import Path

from behaviordiff.errors import Interrupted
from behaviordiff.interrupts import terminate_as_interrupt
from tests.cli.test_sigterm import SLOW_AGENT
from tests.runner_project import probe, run

root = Path(sys.argv[1])
(root / "pids").mkdir(parents=True)
os.environ.update(PID_DIR=str(root / "pids"), AGENT_DELAY="0")
(root / "agent.py").write_text(SLOW_AGENT)
connect = unix_events._UnixReadPipeTransport.__init__
connected = []

def connecting(self, *args, **kwargs):
    connected.append(1)
    if len(connected) == 9:  # the 5th agent's stdout: SIGTERM inside asyncio's own code
        os.kill(os.getpid(), signal.SIGTERM)
    connect(self, *args, **kwargs)

unix_events._UnixReadPipeTransport.__init__ = connecting
signal.signal(signal.SIGTERM, signal.SIG_DFL)
try:
    with terminate_as_interrupt():
        probes = [probe(f"p{i}", f"hello {i}") for i in range(12)]
        extra = 'command:\\n  argv: ["{python}", "{project_root}/agent.py"]\\n'
        run(root, probes=probes, concurrency=2, adapter="command", extra=extra)
except Interrupted as stop:
    print(stop)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="unix pipe transports")
def test_sigterm_while_an_agents_pipes_connect_stops_the_run(tmp_path: Path) -> None:
    script = tmp_path / "sigterm_while_connecting.py"
    script.write_text(SIGTERM_WHILE_CONNECTING)
    path = os.pathsep.join([str(REPO), str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
    # the timeout only ends a hang (the failure); a run that stops takes a second or two
    finished = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "project")],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    stopped = re.search(r"Stopped; (\d+) of 24 runs", finished.stdout)
    assert stopped, finished.stdout + finished.stderr
    # 3 runs had ended when the 5th agent started; the 4th was in flight
    assert 3 <= int(stopped.group(1)) <= 4
