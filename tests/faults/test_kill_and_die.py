"""The process or the model server dies mid-run: no stored run is lost or duplicated, the
database passes `PRAGMA integrity_check`, and the rerun sends exactly the runs that are missing.
These are about process behaviour, so `behaviordiff run` and the server are real processes."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.runner.scheduler import RunEvent
from tests.openai_server import OpenAIServer, text_reply
from tests.runner_project import probe, run, transcripts, write_probes, write_version

SERVER_SCRIPT = Path(__file__).parents[1] / "openai_server.py"
PROBES = 100
RUNS = PROBES * 2  # one sample of each probe on each side


def _project(root: Path) -> Path:
    project = root / "project"
    write_version(project / "v1", "v1")
    write_version(project / "v2", "v2")
    write_probes(
        project / "probes.jsonl", [probe(f"p{i:03d}", f"hello {i}") for i in range(PROBES)]
    )
    (project / "behaviordiff.toml").write_text(
        '[probes]\nsuites = ["probes.jsonl"]\n[run]\nsamples = 1\nconcurrency = 4\n'
    )
    return project


def _stored(database: Path) -> int:
    try:
        with sqlite3.connect(database, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM runs WHERE status = 'ok'").fetchone()[0])
    except sqlite3.Error:
        return 0


def _check(database: Path) -> tuple[int, int]:
    """(rows, distinct runs) after checking the database's integrity."""
    with sqlite3.connect(database, timeout=5) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        distinct = db.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT release_id, side, probe_id, sample FROM runs)"
        ).fetchone()[0]
    return int(rows), int(distinct)


def test_kill_9_mid_run_twice_then_rerun_loses_and_duplicates_nothing(
    tmp_path: Path, openai_server: OpenAIServer
) -> None:
    openai_server.responder = lambda body: text_reply("Hello!", delay=0.01)
    project = _project(tmp_path)
    database = tmp_path / "ws" / "workspace.sqlite3"
    env = {**os.environ, "BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ws"), "COLUMNS": "100"}
    command = [sys.executable, "-m", "behaviordiff", "run", "v1", "v2", "--no-draft"]
    kept = 0
    for _ in range(2):
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        # generous: a loaded machine (CI beside other jobs) starts Python and stores runs slowly
        deadline = time.monotonic() + 300
        while _stored(database) < kept + 30 and time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
        rows, distinct = _check(database)
        assert rows == distinct == _stored(database)  # killed runs leave no partial row
        assert rows >= kept + 30, f"only {rows - kept} new runs stored in 300 s before the kill"
        assert rows < RUNS, "the kill came after the runs ended"
        kept = rows

    sent = openai_server.request_count
    resumed = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=180
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"Resuming release #1: {kept} of {RUNS} runs already stored" in resumed.stderr
    assert openai_server.request_count - sent == RUNS - kept  # only the missing runs were sent
    assert _check(database) == (RUNS, RUNS)
    assert _stored(database) == RUNS


def _free_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return int(free.getsockname()[1])


@pytest.fixture
def server_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[subprocess.Popen[str]]]:
    """`python tests/openai_server.py PORT` started (and restarted) by the test; OPENAI_BASE_URL
    points at the port; whatever is still running at the end is stopped."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def _serve(port: int, started: list[subprocess.Popen[str]]) -> str:
    process = subprocess.Popen(
        [sys.executable, str(SERVER_SCRIPT), str(port)], stdout=subprocess.PIPE, text=True
    )
    started.append(process)
    assert process.stdout is not None
    return process.stdout.readline().strip()


def _served(base_url: str) -> int:
    import json
    import urllib.request

    with urllib.request.urlopen(base_url + "/_stats", timeout=5) as response:
        return int(json.load(response)["requests"])


class _KillAfter(list[RunEvent]):
    """The run's events; the model server is killed (SIGKILL) when `count` runs are stored."""

    def __init__(self, server: subprocess.Popen[str], count: int):
        super().__init__()
        self.server, self.count, self.runs = server, count, 0

    def append(self, event: RunEvent) -> None:
        super().append(event)
        if event.kind == "run":
            self.runs += 1
            if self.runs == self.count:
                self.server.kill()
                self.server.wait(timeout=10)


def test_a_model_server_that_dies_mid_run_stops_the_run_and_the_rerun_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_process: list[Any]
) -> None:
    port = _free_port()
    base_url = _serve(port, server_process)
    monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    probes = [probe(f"p{i:02d}", f"hello {i}") for i in range(40)]
    events = _KillAfter(server_process[0], 20)
    first = run(tmp_path, events=events, probes=probes, concurrency=2, max_retries=1)
    assert first.stopped is not None and not first.complete
    assert "cannot connect" in first.stopped or "connection was cut" in first.stopped
    ok = first.counts.get("ok", 0)
    assert 20 <= ok < 80
    for transcript in transcripts(tmp_path, first.release_id):
        if transcript.error:  # every failed run says why, none is an internal error
            assert "cannot connect" in transcript.error or "cut" in transcript.error
            assert "internal error" not in transcript.error

    # the server is back on the same endpoint: the same release resumes, only what is missing
    assert _serve(port, server_process) == base_url
    second = run(tmp_path, probes=probes, concurrency=2, max_retries=1)
    assert second.resumed and second.release_id == first.release_id
    assert second.counts == {"ok": 80} and second.complete
    assert _served(base_url) == 80 - ok
    assert _check(tmp_path / "ws" / "workspace.sqlite3") == (80, 80)
