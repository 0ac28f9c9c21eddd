"""A command agent that prints a banner or a log line on stdout beside its transcript is told
what is wrong and how to fix it; the probes a stopped run never reached read "not run", not
"0 ok" (trial 11, T13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.runner.adapters import CommandFailed, _parsed
from tests.runner.test_command import command_extra
from tests.runner_project import probe, run

TRANSCRIPT = json.dumps({"messages": [{"role": "assistant", "content": "hi"}]})


@pytest.mark.parametrize(
    ("stdout", "expected"),
    [
        (
            f"starting spokes agent v0.1\n{TRANSCRIPT}\n",
            "the command's stdout has text before the transcript JSON object "
            "('starting spokes agent v0.1')",
        ),
        (
            f"{TRANSCRIPT}\ndone in 0.2s\n",
            "the command's stdout has text after the transcript JSON object ('done in 0.2s')",
        ),
        (
            f'loading\n{{"config": 1}}\n{TRANSCRIPT}\nbye\n',
            "text before the transcript JSON object ('loading\\n{\"config\": 1}') and text "
            "after the transcript JSON object ('bye')",
        ),
    ],
)
def test_text_beside_the_transcript_says_to_log_to_stderr(stdout: str, expected: str) -> None:
    with pytest.raises(CommandFailed) as caught:
        _parsed(stdout.encode(), b"")
    assert expected in caught.value.message
    assert "print start-up banners and logs to stderr" in caught.value.message


@pytest.mark.parametrize("stdout", ["not json at all\n", '{"messages": 3}\n', "started\n{oops\n"])
def test_stdout_without_a_transcript_keeps_the_plain_error(stdout: str) -> None:
    with pytest.raises(CommandFailed) as caught:
        _parsed(stdout.encode(), b"")
    assert "the command's stdout is not a transcript JSON object" in caught.value.message
    assert "logs to stderr" not in caught.value.message


BANNER = """\
import json, sys
request = json.load(sys.stdin)
print("starting agent v0.1")
print(json.dumps({"messages": request["probe"]["messages"]
                  + [{"role": "assistant", "content": "hello"}]}))
"""


def test_a_banner_fails_the_run_naming_it_and_unreached_probes_are_not_run(
    tmp_path: Path,
) -> None:
    (tmp_path / "banner.py").write_text(BANNER)
    outcome = run(
        tmp_path,
        adapter="command",
        extra=command_extra("banner.py"),
        probes=[probe(f"p{index}", "hello") for index in range(6)],
        samples=3,
        concurrency=1,
    )
    assert outcome.stopped is not None and "'starting agent v0.1'" in outcome.stopped
    assert "logs to stderr" in outcome.stopped
    sides = [side for summary in outcome.probes for side in (summary.base, summary.head)]
    assert all(side.ok == 0 for side in sides)
    assert all(side.ok + side.errors + side.not_run == 3 for side in sides)
    untouched = [summary for summary in outcome.probes if summary.base.not_run == 3]
    assert untouched, [summary.to_dict() for summary in outcome.probes]
    assert untouched[-1].to_dict()["base"]["not_run"] == 3


@pytest.mark.parametrize(
    ("ok", "errors", "not_run", "shown"),
    [
        (0, 0, 3, "not run"),
        (0, 2, 1, "2 errors, 1 not run"),
        (2, 0, 1, "2 ok, 1 not run"),
        (0, 3, 0, "0 ok, 3 errors"),
        (3, 0, 0, "3 ok"),
    ],
)
def test_the_run_table_says_not_run(ok: int, errors: int, not_run: int, shown: str) -> None:
    from behaviordiff.cli.render import _side_cell
    from behaviordiff.runner.service import SideSummary

    cell = _side_cell(SideSummary(ok=ok, errors=errors, not_run=not_run))
    assert cell.plain == shown
