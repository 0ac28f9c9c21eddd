"""A stop (Ctrl-C cancels the runs' main task; SIGTERM ends `asyncio.run`, which cancels every
task left) starts no new run, even when a run in flight answers in spite of its cancellation:
on Python 3.11 `asyncio.wait_for` (the command adapter's) returns an answer that came just
before the cancellation and drops the cancellation. The runs answered stay stored.
trial: SIGTERM after 3 of 24 runs, and all 24 ran and were stored before the exit 130."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from behaviordiff.probes import Probe
from behaviordiff.runner.scheduler import Job, Progress, run_jobs
from behaviordiff.store import Workspace
from behaviordiff.store.runs import RunStore, RunWriter
from behaviordiff.transcripts import Transcript


class AnswersThoughCancelled:
    """A fake adapter: its runs wait until cancelled, then answer anyway (the cancellation
    lost, as 3.11's `wait_for` loses it); a run started after that answers at once."""

    def __init__(self, in_flight: int):
        self.started: list[str] = []
        self.in_flight = in_flight
        self.all_in_flight = asyncio.Event()
        self.cancelled = False

    async def run(self, probe: Probe, sample: int) -> Transcript:
        self.started.append(probe.id)
        if len(self.started) == self.in_flight:
            self.all_in_flight.set()
        if not self.cancelled:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                self.cancelled = True
        messages = [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi"}]
        return Transcript(probe_id=probe.id, sample=sample, messages=messages, final_reply="hi")


def _probe(index: int) -> Probe:
    return Probe.model_validate(
        {"id": f"p{index}", "messages": [{"role": "user", "content": "hello"}]}
    )


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_a_stop_starts_no_new_run_when_the_runs_in_flight_answer_anyway(
    tmp_path: Path, stop: str
) -> None:
    adapter = AnswersThoughCancelled(in_flight=2)
    jobs = [Job("base", _probe(index), 0) for index in range(6)]

    with Workspace(tmp_path / "ws") as workspace:
        release = workspace.create_release(base_label="v1", head_label="v2")
        writer = RunWriter(workspace, release.id)

        async def stopped_while_two_run() -> None:
            running = asyncio.create_task(
                run_jobs(
                    jobs,
                    {"base": adapter, "head": adapter},
                    writer,
                    concurrency=2,
                    progress=Progress(total=len(jobs)),
                )
            )
            await adapter.all_in_flight.wait()
            if stop == "ctrl-c":  # asyncio.run's SIGINT handler cancels the main task
                running.cancel()
            else:  # KeyboardInterrupt left the loop; asyncio.run cancels every task left
                for task in asyncio.all_tasks():
                    if task is not asyncio.current_task():
                        task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await running

        asyncio.run(stopped_while_two_run())
        assert adapter.started == ["p0", "p1"]
        assert RunStore(workspace).counts(release.id) == {"ok": 2}
