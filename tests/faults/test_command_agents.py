"""A command agent that floods stdout, nests its JSON without end, or writes invalid text is a
recorded error with its cause per probe; the rerun sends only what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.runner.test_command import command_extra
from tests.runner_project import probe, run, transcripts

HOSTILE: dict[str, tuple[str, str | None]] = {
    "flood": (
        "import sys\nsys.stdin.read()\nsys.stdout.write('x' * (50 * 1024 * 1024))\n",
        "not a transcript JSON object",
    ),
    "deep": (
        "import sys\nsys.stdin.read()\n"
        "sys.stdout.write('{\"messages\": ' + '[' * 100000 + ']' * 100000 + '}')\n",
        "not a transcript JSON object",
    ),
    # without end: it was read until memory ran out (MemoryError, then a crash)
    "endless_stdout": (
        "import sys\nsys.stdin.read()\nwhile True:\n    sys.stdout.write('x' * 65536)\n",
        "wrote more than 1 MB on stdout without ending: not a transcript JSON object",
    ),
    "surrogate": (
        r"""import sys
sys.stdin.read()
sys.stdout.write('{"messages": [{"role": "user", "content": "hello"}, '
                 '{"role": "assistant", "content": "ok \udc80"}]}')
""",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_command_agent_is_a_recorded_error(
    tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviordiff.runner import adapters

    monkeypatch.setattr(adapters, "STDOUT_LIMIT", 1024 * 1024)  # the limit, scaled down
    script, expected = HOSTILE[case]
    (tmp_path / f"{case}.py").write_text(script)
    outcome = run(
        tmp_path,
        adapter="command",
        extra=command_extra(f"{case}.py", timeout=30),
        probes=[probe("a", "hello")],
    )
    stored = transcripts(tmp_path, outcome.release_id)
    assert len(stored) == 2
    for transcript in stored:
        if expected is None:  # stored either way, with no crash of the run
            continue
        assert expected in (transcript.error or ""), transcript.error
        assert len(transcript.error or "") < 2000


def test_a_command_agent_that_floods_stderr_keeps_only_its_tail(tmp_path: Path) -> None:
    """Its stderr was kept whole: without end, until memory ran out. Now the run ends with
    the answer on stdout, and the stored stderr is the tail."""
    script = (
        "import json, sys\nsys.stdin.read()\nsys.stderr.write('noise ' * 2_000_000 + 'last')\n"
        "print(json.dumps({'messages': [{'role': 'user', 'content': 'hello'},"
        " {'role': 'assistant', 'content': 'hi'}]}))\n"
    )
    (tmp_path / "chatty.py").write_text(script)
    outcome = run(
        tmp_path,
        adapter="command",
        extra=command_extra("chatty.py", timeout=30),
        probes=[probe("a", "hello")],
    )
    for transcript in transcripts(tmp_path, outcome.release_id):
        assert transcript.error is None, transcript.error
        assert transcript.final_reply == "hi"
        stderr = str(transcript.metadata.get("stderr", ""))
        assert stderr.endswith("last") and len(stderr) < 2000
