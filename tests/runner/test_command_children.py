"""A command agent that starts a child in the background and leaves it running (holding its
stdout): the run ends when the agent has answered and exited, not at the timeout, no child
outlives behaviordiff, and no "Event loop is closed" noise is printed; with `persistent: true`
the same when the process is let go."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

import pytest

from tests.runner.test_command import command_extra
from tests.runner.test_command_persistent import persistent_extra
from tests.runner_project import probe, run

ONE_SHOT = """\
import json, subprocess, sys
from pathlib import Path
request = json.load(sys.stdin)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
with (Path(sys.argv[1]) / "children.txt").open("a") as handle:
    handle.write(f"{child.pid}\\n")
messages = request["probe"]["messages"] + [{"role": "assistant", "content": "ok"}]
print(json.dumps({"messages": messages}), flush=True)
"""

PERSISTENT = """\
import json, subprocess, sys
from pathlib import Path
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
with (Path(sys.argv[1]) / "children.txt").open("a") as handle:
    handle.write(f"{child.pid}\\n")
for line in sys.stdin:
    messages = json.loads(line)["probe"]["messages"] + [{"role": "assistant", "content": "ok"}]
    print(json.dumps({"messages": messages}), flush=True)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers: read its state
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.parametrize("persistent", [False, True])
def test_children_left_running_end_with_the_run(
    tmp_path: Path, persistent: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda hook: unraisable.append(repr(hook)))
    (tmp_path / "agent.py").write_text(PERSISTENT if persistent else ONE_SHOT)
    extra = (persistent_extra if persistent else command_extra)("agent.py", timeout=20)
    started = time.monotonic()
    outcome = run(
        tmp_path, concurrency=1, adapter="command", extra=extra, probes=[probe("a", "hello")]
    )
    took = time.monotonic() - started
    assert outcome.counts == {"ok": 2}, outcome.counts  # answered, not "timed out"
    assert took < 15, took  # the 20 s timeout was not what ended them
    gc.collect()
    assert unraisable == []
    children = [int(pid) for pid in (tmp_path / "children.txt").read_text().split()]
    assert children
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)]


CLOSES_AND_STAYS = """\
import json, os, sys, time
from pathlib import Path
request = json.load(sys.stdin)
with (Path(sys.argv[1]) / "children.txt").open("a") as handle:
    handle.write(f"{os.getpid()}\\n")
messages = request["probe"]["messages"] + [{"role": "assistant", "content": "ok"}]
print(json.dumps({"messages": messages}), flush=True)
sys.stdout.close()
os.close(1)
time.sleep(300)  # cleaning up, say: the answer is whole, nothing more can come
"""


def test_a_one_shot_agent_that_closes_stdout_and_runs_on_is_answered(tmp_path: Path) -> None:
    (tmp_path / "agent.py").write_text(CLOSES_AND_STAYS)
    outcome = run(
        tmp_path,
        concurrency=1,
        adapter="command",
        extra=command_extra("agent.py", timeout=60),
        probes=[probe("a", "hello")],
    )
    assert outcome.counts == {"ok": 2}, outcome.counts  # answered, not "timed out"
    agents = [int(pid) for pid in (tmp_path / "children.txt").read_text().split()]
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in agents) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in agents if _alive(pid)]  # stopped, not left running
