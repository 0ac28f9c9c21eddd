"""A run stopped by SIGTERM (a CI job cancelled or timed out, `timeout 10m behaviordiff run`,
`docker stop`) ends as Ctrl-C does: the runs already answered are stored, it exits 130 with
the same one line, the command agents it started are stopped, and the next run resumes.
trial23: SIGTERM killed the process outright (exit -15, nothing on stderr), dropping the runs
still waiting in the writer's buffer and leaving command agents running as orphans."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.runner_project import write_probes, write_version

SLOW_AGENT = """\
import json, os, sys, time
request = json.load(sys.stdin)
with open(os.path.join(os.environ["PID_DIR"], str(os.getpid())), "w") as mark:
    mark.write("started")
time.sleep(float(os.environ.get("AGENT_DELAY", "0")))
messages = request["probe"]["messages"] + [{"role": "assistant", "content": "done"}]
json.dump({"messages": messages, "usage": {}, "finish_reason": "stop"}, sys.stdout)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purpose
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc (Linux)")
def test_sigterm_stores_what_ran_exits_130_and_the_next_run_resumes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    extra = 'command:\n  argv: ["{python}", "{project_root}/agent.py"]\n'
    write_version(project / "v1", "v1", adapter="command", extra=extra)
    write_version(project / "v2", "v2", adapter="command", extra=extra)
    (project / "agent.py").write_text(SLOW_AGENT)
    probes = [
        {
            "id": f"p{i}",
            "messages": [{"role": "user", "content": f"hello {i}"}],
            "variables": {"customer_name": "Alex"},
        }
        for i in range(12)
    ]
    write_probes(project / "probes.jsonl", probes)
    (project / "behaviordiff.toml").write_text(
        '[probes]\nsuites = ["probes.jsonl"]\n[run]\nsamples = 1\nconcurrency = 2\n'
    )
    pids = tmp_path / "pids"
    pids.mkdir()
    env = {
        **os.environ,
        "BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ws"),
        "COLUMNS": "100",
        "PID_DIR": str(pids),
    }
    command = [sys.executable, "-m", "behaviordiff", "run", "v1", "v2"]
    process = subprocess.Popen(
        command,
        cwd=project,
        env={**env, "AGENT_DELAY": "0.4"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL),
    )
    assert process.stderr is not None
    seen: list[str] = []
    done = 0
    for line in process.stderr:
        seen.append(line)
        match = re.match(r"\s*(\d+)/24 runs", line)
        if match and int(match.group(1)) >= 3:
            done = int(match.group(1))
            break
    else:
        raise AssertionError("".join(seen))
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=60)
    stderr = "".join(seen) + rest
    assert process.returncode == 130, stderr
    assert "run the same command again to resume" in " ".join(stderr.lower().split())
    with sqlite3.connect(tmp_path / "ws" / "workspace.sqlite3") as db:
        kept = db.execute("SELECT COUNT(*) FROM runs WHERE status = 'ok'").fetchone()[0]
    assert done <= kept < 24, stderr
    deadline = time.monotonic() + 10
    started = [int(name.name) for name in pids.iterdir()]
    while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in started if _alive(pid)], "command agents left running"

    resumed = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"Resuming release #1: {kept} of 24 runs already stored" in resumed.stderr
