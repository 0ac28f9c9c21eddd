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
def test_a_hostile_command_agent_is_a_recorded_error(tmp_path: Path, case: str) -> None:
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
