"""The command adapter with `persistent: true`: one process per run in flight, one probe per
line, the same transcripts as a process per run, and a broken process fails only its run."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from behaviordiff.agent.source import FolderSource
from behaviordiff.agent.version import load_version
from behaviordiff.probes import load_suite
from behaviordiff.runner.adapters import CommandAdapter
from tests.conftest import EXAMPLE
from tests.runner_project import by_probe, make_project, probe, run, transcripts

SERVER = """\
import json, os, sys
from pathlib import Path
folder = Path(sys.argv[1])
with (folder / "started.txt").open("a") as handle:
    handle.write(f"{os.getpid()}\\n")
for line in sys.stdin:
    request = json.loads(line)
    with (folder / "answered.txt").open("a") as handle:
        handle.write(f"{os.getpid()} {request['probe']['id']} {request['sample']}\\n")
    seen = {
        "id": request["probe"]["id"],
        "sample": request["sample"],
        "name": request["version"]["name"],
        "system_prompt": request["version"]["system_prompt"],
    }
    messages = request["probe"]["messages"] + [{"role": "assistant", "content": json.dumps(seen)}]
    print(json.dumps({"messages": messages, "usage": {"prompt_tokens": 10, "completion_tokens": 2},
                      "finish_reason": "stop"}), flush=True)
with (folder / "finished.txt").open("a") as handle:
    handle.write(f"{os.getpid()}\\n")
"""

ANSWER = (
    "print(json.dumps({'messages': json.loads(line)['probe']['messages'] + "
    "[{'role': 'assistant', 'content': 'ok'}]}), flush=True)"
)
BROKEN = {
    # fails on probe "bad" only; the next run needs a new process
    "crash": f"""\
import json, sys
for line in sys.stdin:
    if json.loads(line)["probe"]["id"] == "bad":
        print("boom: the agent fell over", file=sys.stderr)
        sys.exit(3)
    {ANSWER}
""",
    "slow": f"""\
import json, sys, time
for line in sys.stdin:
    if json.loads(line)["probe"]["id"] == "bad":
        time.sleep(30)
    {ANSWER}
""",
    "badjson": f"""\
import json, sys
for line in sys.stdin:
    if json.loads(line)["probe"]["id"] == "bad":
        print("hello, not json", flush=True)
        continue
    {ANSWER}
""",
    "silent": f"""\
import json, sys
for line in sys.stdin:
    if json.loads(line)["probe"]["id"] == "bad":
        sys.exit(0)
    {ANSWER}
""",
}


def persistent_extra(script: str, timeout: float = 10) -> str:
    return textwrap.dedent(
        f"""\
        command:
          argv: ["{{python}}", "{{project_root}}/{script}", "{{project_root}}"]
          timeout: {timeout}
          persistent: true
        """
    )


def test_one_process_per_run_in_flight_answers_every_run(tmp_path: Path) -> None:
    (tmp_path / "server.py").write_text(SERVER)
    probes = [probe(name, f"hello {name}") for name in ("a", "b", "c")]
    outcome = run(
        tmp_path,
        samples=3,
        concurrency=2,
        adapter="command",
        extra=persistent_extra("server.py"),
        probes=probes,
    )
    assert outcome.counts == {"ok": 18}
    started = (tmp_path / "started.txt").read_text().split()
    answered = [line.split() for line in (tmp_path / "answered.txt").read_text().splitlines()]
    # at most one process per run in flight for each version, each answering several runs
    assert 2 <= len(started) <= 4
    assert len(answered) == 18 and {pid for pid, _, _ in answered} <= set(started)
    # each process read to the end of its stdin and exited on its own when the run ended
    assert sorted((tmp_path / "finished.txt").read_text().split()) == sorted(started)
    stored = transcripts(tmp_path, outcome.release_id)
    for name in ("a", "b", "c"):
        seen = [json.loads(t.final_reply or "") for t in by_probe(stored, name)]
        assert sorted((s["sample"], s["system_prompt"][:30]) for s in seen) == sorted(
            (sample, f"You are the support agent ({label})")
            for sample in range(3)
            for label in ("v1", "v2")
        )
        assert all(s["id"] == name for s in seen)
    assert all(t.usage == {"prompt_tokens": 10, "completion_tokens": 2} for t in stored)


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("crash", "the command exited with code 3: boom: the agent fell over"),
        ("slow", "the command timed out after 2s"),
        ("badjson", "the command's stdout is not a transcript JSON object"),
        ("silent", "the command closed its stdout without answering"),
    ],
)
def test_a_broken_answer_fails_its_run_and_a_new_process_takes_the_next(
    tmp_path: Path, script: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda hook: unraisable.append(repr(hook)))
    (tmp_path / f"{script}.py").write_text(BROKEN[script])
    # a short timeout only where it is the fault; even there the good runs' processes must
    # start within it, which on a loaded machine can take longer than half a second
    timeout = 2 if script == "slow" else 10
    outcome = run(
        tmp_path,
        concurrency=1,
        adapter="command",
        extra=persistent_extra(f"{script}.py", timeout=timeout),
        probes=[probe("first", "hello"), probe("bad", "hello"), probe("after", "hello")],
    )
    stored = transcripts(tmp_path, outcome.release_id)
    for transcript in by_probe(stored, "bad"):
        assert expected in (transcript.error or ""), transcript.error
    for transcript in by_probe(stored, "first") + by_probe(stored, "after"):
        assert transcript.error is None and transcript.final_reply == "ok"
    assert outcome.counts == {"ok": 4, "error": 2}
    gc.collect()  # a process's pipes left open would be closed now, on a loop that is gone
    assert unraisable == []


def test_the_example_answers_the_same_kept_running_as_started_per_run(tmp_path: Path) -> None:
    """The bundled simulator's --serve mode (what the example's agent.yaml uses) gives, line
    for line, what a process per run prints."""
    simulator = str(EXAMPLE / "sim" / "acme_agent.py")
    suite = {p.id: p for p in load_suite(EXAMPLE / "probes" / "core.yaml")}
    chosen = ("delay-60-96h-multiturn", "return-member-38d", "talk-to-human", "password-reset")
    for name in ("support-v1", "support-v2"):
        folder = EXAMPLE / "agents" / name
        version = load_version(FolderSource(folder).read_all(), name, folder=folder)
        assert version.config.command is not None and version.config.command.persistent
        adapter = CommandAdapter(version, version_dir=folder, project_root=EXAMPLE)
        requests = [
            json.dumps(adapter.payload(suite[probe_id], sample), ensure_ascii=False)
            for probe_id in chosen
            for sample in range(2)
        ]
        one_each = [
            subprocess.run(
                [sys.executable, simulator],
                input=request,
                capture_output=True,
                text=True,
                cwd=folder,
                check=True,
                timeout=60,
            ).stdout
            for request in requests
        ]
        served = subprocess.run(
            [sys.executable, simulator, "--serve"],
            input="".join(request + "\n" for request in requests),
            capture_output=True,
            text=True,
            cwd=folder,
            check=True,
            timeout=60,
        )
        assert served.stdout.splitlines(keepends=True) == one_each


def test_a_script_that_exits_at_once_fails_every_run_and_leaves_no_pipe_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each process exits at once (it cannot load what it needs); the run stops early, and
    every process's pipes are closed while the event loop still runs."""
    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda hook: unraisable.append(repr(hook)))
    (tmp_path / "failing.py").write_text(
        "import sys\nprint('failing.py: cannot load the model', file=sys.stderr)\nsys.exit(2)\n"
    )
    outcome = run(
        tmp_path,
        concurrency=2,
        adapter="command",
        extra=persistent_extra("failing.py"),
        probes=[probe(f"p{i}", "hello") for i in range(20)],
    )
    assert set(outcome.counts) == {"error"} and outcome.counts["error"] < 40  # stopped early
    errors = {t.error for t in transcripts(tmp_path, outcome.release_id)}
    assert all("the command exited with code 2" in (error or "") for error in errors), errors
    assert any("failing.py" in (error or "") for error in errors), errors
    gc.collect()  # pipes left open would be closed now, on the loop that is gone, and complain
    assert unraisable == []


BANNER_HELD = """\
import subprocess, sys, time
from pathlib import Path
# a child that keeps stdout open a while after this process is killed: letting it go takes
# that long, and the run is cancelled meanwhile (a session of its own: out of the group that
# behaviordiff ends with the agent, as a daemon would be)
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3)"], start_new_session=True)
Path(sys.argv[1], "banner.txt").write_text("printing")
print("agent ready", flush=True)
for line in sys.stdin:
    time.sleep(60)
"""


def test_a_run_cancelled_while_its_process_is_let_go_leaves_no_pipe_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A banner on stdout fails the run and its process is killed; the scheduler stopping a
    failing run cancels it while the pipes are read to their end: they are still closed
    before the event loop goes (else 'Event loop is closed' when collected)."""
    unraisable: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda hook: unraisable.append(repr(hook)))
    (tmp_path / "banner.py").write_text(BANNER_HELD)
    _, pair, suite = make_project(tmp_path, adapter="command", extra=persistent_extra("banner.py"))
    adapter = CommandAdapter(pair.base, version_dir=tmp_path / "v1", project_root=tmp_path)
    printed = tmp_path / "banner.txt"

    async def cancelled_while_letting_go() -> None:
        running = asyncio.create_task(adapter.run(suite.probes[0], 0))
        for _ in range(3000):  # at most a minute for the agent to start on a loaded machine
            if printed.exists() or running.done():
                break
            await asyncio.sleep(0.02)
        assert printed.exists(), running.result() if running.done() else "no banner"
        await asyncio.sleep(0.5)  # the banner is read as the answer: the process is let go
        assert not running.done()  # its stdout is held open by the child
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
        await adapter.aclose()

    asyncio.run(cancelled_while_letting_go())
    gc.collect()
    assert unraisable == []
