"""Failed runs as `run` reports them: a long error is trimmed to its first line and its last
ones, and runs that failed the same way are counted, not printed again, with a live bar or
without one."""

from __future__ import annotations

import pytest

from behaviordiff.cli.render import ProgressView
from behaviordiff.probes.model import Probe
from behaviordiff.runner.scheduler import Job, Progress, RunEvent
from behaviordiff.textutil import brief_error, error_signature
from behaviordiff.transcripts import Transcript

TRACEBACK = """the command exited with code 1: Traceback (most recent call last):
  File "bot.py", line 30, in <module>
    main()
  File "bot.py", line 20, in main
    reply = plan(order)
            ^^^^^^^^^^^
  File "bot.py", line 9, in plan
    return order["eta"] + 1
           ~~~~~~~~~~~~~^~~
TypeError: can only concatenate str (not "int") to str"""


def test_a_long_error_keeps_what_failed_and_its_innermost_frame() -> None:
    brief = brief_error(TRACEBACK)
    assert brief.splitlines() == [
        "the command exited with code 1: Traceback (most recent call last):",
        "  … 4 lines left out",
        '  File "bot.py", line 9, in plan',
        '    return order["eta"] + 1',
        'TypeError: can only concatenate str (not "int") to str',
    ]
    assert brief_error("HTTP 500: upstream down") == "HTTP 500: upstream down"
    assert brief_error("a\nb\nc\nd") == "a\nb\nc\nd"  # nothing worth leaving out
    # marker lines are dropped before counting: never "0" or "-1 lines left out"
    marked = "exit 1\n  File x, line 2\n    f()\n    ^^^\n  ~~^~\nValueError: bad"
    assert brief_error(marked) == "exit 1\n  File x, line 2\n    f()\nValueError: bad"


def test_failures_are_the_same_by_what_failed_and_how_it_ended() -> None:
    other_frames = TRACEBACK.replace("line 9, in plan", "line 12, in plan_v2")
    assert error_signature(other_frames) == error_signature(TRACEBACK)
    assert error_signature(TRACEBACK.replace("TypeError", "KeyError")) != error_signature(TRACEBACK)


def _events(errors: list[str]) -> list[RunEvent]:
    probe = Probe.model_validate({"id": "p1", "messages": [{"role": "user", "content": "hi"}]})
    progress = Progress(total=len(errors))
    events = [RunEvent("start", progress)]
    for sample, error in enumerate(errors):
        progress.done += 1
        progress.errors += 1
        transcript = Transcript("p1", sample, [], error=error)
        events.append(
            RunEvent("run", progress, job=Job("head", probe, sample), transcript=transcript)
        )
    return [*events, RunEvent("done", progress)]


@pytest.mark.parametrize("live", [False, True])
def test_runs_that_failed_alike_show_one_error_and_a_count(
    live: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "the command timed out after 20 s"
    with ProgressView(live=live, quiet=False) as view:
        for event in _events([TRACEBACK] * 5 + [other]):
            view(event)
    err = capsys.readouterr().err
    assert err.count("Traceback (most recent call last)") == 1, err
    assert err.count("TypeError: can only concatenate") == 1
    assert "error: head p1 #0: the command exited with code 1" in err
    assert "error: 4 more runs failed the same way as head p1 #0" in err
    assert err.count(other) == 1 and "error: head p1 #5: the command timed out" in err
