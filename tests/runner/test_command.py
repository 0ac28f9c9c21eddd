"""The command adapter: the bundled example's simulated agent, and broken executables."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.config import find_project
from behaviordiff.errors import VersionError
from behaviordiff.pipeline import load_pair
from behaviordiff.probes import load_suites
from behaviordiff.runner import run_release
from behaviordiff.store import Workspace, load_release_transcripts
from tests.conftest import EXAMPLE
from tests.runner_project import FAST, by_probe, probe, replace_options, run, transcripts

ECHO = """\
import json, sys
from pathlib import Path
request = json.load(sys.stdin)
counter = Path(sys.argv[1]) / "spawns.txt"
with counter.open("a") as handle:
    handle.write(request["probe"]["id"] + "\\n")
seen = {
    "probe": sorted(request["probe"]),
    "id": request["probe"]["id"],
    "variables": request["probe"]["variables"],
    "tool_fixtures": request["probe"]["tool_fixtures"],
    "sample": request["sample"],
    "version": sorted(request["version"]),
    "name": request["version"]["name"],
    "system_prompt": request["version"]["system_prompt"],
    "model": request["version"]["config"]["model"],
}
print("working", file=sys.stderr)
messages = request["probe"]["messages"] + [
    {"role": "assistant", "content": None, "tool_calls": [
        {"id": "c1", "type": "function",
         "function": {"name": "lookup_order", "arguments": "{\\"order_id\\": \\"A1\\"}"}}]},
    {"role": "tool", "tool_call_id": "c1", "content": "{\\"status\\": \\"ok\\"}"},
    {"role": "assistant", "content": json.dumps(seen)},
]
json.dump({"messages": messages, "usage": {"prompt_tokens": 100, "completion_tokens": 20},
           "finish_reason": "stop"}, sys.stdout)
"""

BROKEN = {
    "slow": "import time, sys\nsys.stdin.read()\ntime.sleep(30)\n",
    "crash": "import sys\nsys.stdin.read()\nprint('boom: the agent fell over', file=sys.stderr)\n"
    "sys.exit(3)\n",
    "badjson": "import sys\nsys.stdin.read()\nprint('hello, not json')\n",
    "nomessages": "import sys, json\nsys.stdin.read()\nprint(json.dumps({'usage': {}}))\n",
}


def command_extra(script: str, timeout: float = 10) -> str:
    return textwrap.dedent(
        f"""\
        command:
          argv: ["{{python}}", "{{project_root}}/{script}", "{{project_root}}"]
          timeout: {timeout}
        """
    )


def test_command_gets_the_contract_payload_and_is_cached(tmp_path: Path) -> None:
    (tmp_path / "echo.py").write_text(ECHO)
    probes = [
        probe("a", "where is A1?", tool_fixtures={"lookup_order": {"status": "ok"}}),
        probe("b", "hello"),
    ]
    kwargs: dict[str, Any] = {
        "adapter": "command",
        "extra": command_extra("echo.py"),
        "probes": probes,
    }
    outcome = run(tmp_path, samples=2, **kwargs)
    assert outcome.counts == {"ok": 8}
    spawned = (tmp_path / "spawns.txt").read_text().split()
    assert sorted(spawned) == ["a"] * 4 + ["b"] * 4
    stored = transcripts(tmp_path, outcome.release_id)
    transcript = by_probe(stored, "a")[0]
    seen = json.loads(transcript.final_reply)
    assert seen["probe"] == ["id", "messages", "tags", "tool_fixtures", "variables"]
    assert seen["version"] == ["config", "dir", "name", "system_prompt"]
    assert seen["name"] == "test-agent" and seen["model"] == "gpt-4o-mini"
    assert seen["system_prompt"].startswith("You are the support agent (v")
    assert seen["system_prompt"].endswith("The customer is Alex.\n")
    assert seen["tool_fixtures"] == {"lookup_order": {"status": "ok"}}
    assert {json.loads(t.final_reply)["sample"] for t in by_probe(stored, "a")} == {0, 1}
    assert transcript.messages[0]["role"] == "system"
    assert transcript.tool_calls[0].name == "lookup_order"
    assert transcript.tool_calls[0].result == '{"status": "ok"}'
    assert transcript.usage == {"prompt_tokens": 100, "completion_tokens": 20}
    assert transcript.metadata["stderr"] == "working"
    assert outcome.progress is not None and outcome.progress.requests == 8
    assert outcome.progress.cost > 0  # priced at the model agent.yaml names
    # Nothing changed: no process is started again, even with reuse of stored runs off.
    again = run(tmp_path, replace_options(reuse_runs=False), samples=2, **kwargs)
    assert again.counts == {"ok": 8}
    assert len((tmp_path / "spawns.txt").read_text().split()) == 8


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("slow", "the command timed out after 0.5s"),
        ("crash", "the command exited with code 3: boom: the agent fell over"),
        ("badjson", "the command's stdout is not a transcript JSON object"),
        ("nomessages", "Field required at messages"),
    ],
)
def test_broken_commands_are_recorded_errors(tmp_path: Path, script: str, expected: str) -> None:
    (tmp_path / f"{script}.py").write_text(BROKEN[script])
    # a short timeout only where it is the fault: it also bounds the interpreter's start-up,
    # which on a loaded machine can take longer than the crash or the bad JSON it precedes
    timeout = 0.5 if script == "slow" else 10
    outcome = run(
        tmp_path,
        adapter="command",
        extra=command_extra(f"{script}.py", timeout=timeout),
        probes=[probe("a", "hello")],
    )
    assert outcome.counts == {"error": 2}
    for transcript in transcripts(tmp_path, outcome.release_id):
        assert expected in (transcript.error or ""), transcript.error
        assert transcript.messages[-1] == {"role": "user", "content": "hello"}
    assert outcome.probes[0].base.first_error is not None


@pytest.mark.parametrize("persistent", [False, True])
def test_missing_executable_fails_before_any_run(tmp_path: Path, persistent: bool) -> None:
    """A program that is not there is named before a release is made (trial 11, T12)."""
    extra = (
        'command:\n  argv: ["/nonexistent/agent-binary"]\n'
        f"  persistent: {str(persistent).lower()}\n"
    )
    with pytest.raises(VersionError) as caught:
        run(tmp_path, adapter="command", extra=extra, probes=[probe("a", "hi")])
    assert caught.value.message == (
        "command.argv names /nonexistent/agent-binary, which does not exist "
        "(/nonexistent/ does not exist either)"
    )
    assert (caught.value.where or "").endswith("agent.yaml → command.argv")
    with Workspace(tmp_path / "ws") as workspace:
        assert workspace.releases() == []


@pytest.mark.parametrize("persistent", [False, True])
def test_an_executable_that_cannot_start_is_a_recorded_error(
    tmp_path: Path, persistent: bool
) -> None:
    """Started per run or kept running, the command starts the same way and fails the same."""
    program = tmp_path / "agent-binary"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o644)
    extra = f'command:\n  argv: ["{program}"]\n  persistent: {str(persistent).lower()}\n'
    outcome = run(tmp_path, adapter="command", extra=extra, probes=[probe("a", "hi")])
    errors = {t.error for t in transcripts(tmp_path, outcome.release_id)}
    assert errors == {f"cannot start {program}: Permission denied"}


def test_example_versions_run_offline_with_three_samples(tmp_path: Path) -> None:
    """The bundled example through its simulated agent: a few probes, 3 samples each."""
    project = find_project(EXAMPLE)
    pair = load_pair(project, "agents/support-v1", "agents/support-v2")
    suite = load_suites(project.probe_suites())
    chosen = ("delay-25-72h", "talk-to-human", "tracking-on-time")
    subset = type(suite)(suite.name, tuple(p for p in suite if p.id in chosen), suite.sources)
    with Workspace(tmp_path / "ws") as workspace:
        outcome = run_release(project, pair, subset, workspace, FAST)
        both = load_release_transcripts(workspace, outcome.release_id or 0)
    assert outcome.counts == {"ok": 18}, outcome.probes
    assert outcome.adapters == {"base": "command", "head": "command"}
    assert sorted({(t.probe_id, t.sample) for t in both["head"]}) == sorted(
        (probe_id, sample) for probe_id in chosen for sample in range(3)
    )
    summary = {p.probe_id: p for p in outcome.probes}
    assert summary["talk-to-human"].head.escalated == 3
    assert all(t.final_reply for t in both["base"] + both["head"])


def test_editing_a_module_beside_the_agent_invalidates_its_cache(tmp_path: Path) -> None:
    from behaviordiff.runner.adapters import _agent_sources

    agent = tmp_path / "agent.py"
    helper = tmp_path / "policy.py"
    agent.write_text("import policy\n")
    helper.write_text("DAYS = 30\n")
    (tmp_path / "notes.txt").write_text("not code")
    assert [p.name for p in _agent_sources(agent)] == ["agent.py", "policy.py"]
    assert _agent_sources(tmp_path / "missing.py") == []


LONG_ARGUMENTS = """\
import json, sys
request = json.load(sys.stdin)
size = 3000 if request["probe"]["id"] == "big" else 10
messages = request["probe"]["messages"] + [
    {"role": "assistant", "content": "Let me look.", "tool_calls": [
        {"id": "c1", "type": "function",
         "function": {"name": "lookup_order", "arguments": json.dumps({"order_id": "A" * size})}}]},
    {"role": "tool", "tool_call_id": "c1", "content": "{}"},
    {"role": "assistant", "content": "Done."},
]
json.dump({"messages": messages}, sys.stdout)
"""


@pytest.mark.parametrize("persistent", [False, True])
def test_a_command_reply_over_max_reply_chars_fails_that_run_alone(
    tmp_path: Path, persistent: bool
) -> None:
    """`max_reply_chars` bounds each assistant message a command agent returns, as it bounds
    a model's reply in the openai loop: the run fails, saying where, and nothing long is kept."""
    script = LONG_ARGUMENTS
    if persistent:
        script = (
            "import json, sys\n"
            "for line in sys.stdin:\n"
            "    request = json.loads(line)\n"
            + textwrap.indent(
                script.split("request = json.load(sys.stdin)\n", 1)[1], "    "
            ).replace(
                'json.dump({"messages": messages}, sys.stdout)',
                'print(json.dumps({"messages": messages}), flush=True)',
            )
        )
    (tmp_path / "long.py").write_text(script)
    extra = command_extra("long.py") + (
        f"  persistent: {str(persistent).lower()}\nmax_reply_chars: 2000\n"
    )
    probes = [probe("small", "hello"), probe("big", "where is A1?")]
    outcome = run(tmp_path, adapter="command", extra=extra, probes=probes)
    assert outcome.counts == {"ok": 2, "error": 2}
    stored = transcripts(tmp_path, outcome.release_id)
    for transcript in by_probe(stored, "big"):
        assert transcript.error == (
            "probe 'big', reply 1: the agent's reply holds 3,016 characters in the arguments "
            "of its tool call 'lookup_order' (3,028 in the whole reply), over the limit of "
            "2,000 characters a reply may have; the run was stopped there. If replies this "
            "long are expected, raise `max_reply_chars` in agent.yaml"
        )
        assert transcript.finish_reason == "reply_too_long"
        # the long reply is neither stored with the run nor in the call cache
        assert [m["role"] for m in transcript.messages] == ["system", "user"]
        assert transcript.tool_calls == []
    assert all(t.error is None for t in by_probe(stored, "small"))
    with Workspace(tmp_path / "ws") as workspace:
        sizes = workspace.db.execute("SELECT length(response_json) FROM call_cache").fetchall()
    assert len(sizes) == 2 and all(size < 2000 for (size,) in sizes), sizes
