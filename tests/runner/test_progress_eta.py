"""The run's ETA is said only once its rate means something: not from the first run, which
finishes with others right after the start-up ("ETA 12s" of a run that took 2 s)."""

from __future__ import annotations

from behaviordiff.runner.scheduler import Progress


def test_no_eta_from_the_first_runs_then_the_time_left_at_the_rate() -> None:
    progress = Progress(total=90, started=0.0)
    progress.finished = 1.0
    progress.done = 1
    assert progress.eta is None  # one run of 90: no rate to go by
    progress.done = 4  # a twentieth of 90 is 4
    progress.finished = 2.0
    assert progress.eta == (90 - 4) / 2.0


def test_runs_stored_before_count_as_completed_not_as_this_invocations_rate() -> None:
    progress = Progress(total=100, already_done=60, started=0.0)
    progress.finished = 1.0
    progress.done = 2
    assert progress.eta is None  # fewer than three of this invocation's 40
    progress.done = 3
    assert progress.eta == (100 - 63) / 3.0


def test_a_short_run_needs_three_runs_before_an_eta() -> None:
    progress = Progress(total=6, started=0.0)
    progress.finished = 1.0
    for done, expected in [(1, None), (2, None), (3, 3 / 3.0)]:
        progress.done = done
        assert progress.eta == expected
