"""The async scheduler: a fixed pool of workers runs the planned jobs, the writer stores each
finished run, events report progress."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from behaviordiff.errors import BehaviordiffError, BudgetExceeded
from behaviordiff.llm.budget import Meter
from behaviordiff.probes import Probe
from behaviordiff.runner.adapters import Adapter
from behaviordiff.store.runs import RunRecord, RunWriter, Side
from behaviordiff.textutil import brief_error
from behaviordiff.transcripts import Transcript

EventKind = Literal["start", "run", "retry", "stop", "done"]


@dataclass(frozen=True)
class Job:
    side: Side
    probe: Probe
    sample: int
    run_key: str | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.side, self.probe.id, self.sample)


@dataclass
class Progress:
    total: int
    """Runs in the plan, including those already stored before this invocation."""
    already_done: int = 0
    done: int = 0
    """Runs finished by this invocation (ok or error)."""
    errors: int = 0
    cached: int = 0
    """Runs answered without sending anything."""
    requests: int = 0
    retries: int = 0
    cost: float = 0.0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    """When the runs ended; the analysis after them is not the run's time."""

    @property
    def completed(self) -> int:
        return self.already_done + self.done

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at this invocation's rate; None until a twentieth of its runs (and
        at least three) are done: the first runs finish together after the start-up, and a
        rate read from one of them said "ETA 12s" of a run that took 2."""
        remaining = self.total - self.completed
        if self.done < max(3, (self.total - self.already_done) // 20) or self.rate <= 0:
            return None
        return remaining / self.rate


@dataclass(frozen=True)
class RunEvent:
    kind: EventKind
    progress: Progress
    message: str = ""
    job: Job | None = None
    transcript: Transcript | None = None


EventHandler = Callable[[RunEvent], None]


FAILING_START = 8
"""Runs that fail in a row, with none succeeding before, after which a run is stopped: the
agent or the endpoint is broken, and retrying every remaining run would only burn time."""


FAILING_STREAK = 20
"""Runs that fail in a row at any point (the endpoint went down mid-run) after which a run is
stopped, whatever succeeded before; at least twice the concurrency."""


class RunsFailing(BehaviordiffError):
    title = "Every run is failing"


@dataclass
class SchedulerResult:
    progress: Progress
    stopped: BehaviordiffError | None = None


async def run_jobs(
    jobs: Iterable[Job],
    adapters: Mapping[Side, Adapter],
    writer: RunWriter,
    *,
    concurrency: int,
    progress: Progress,
    meter: Meter | None = None,
    on_event: EventHandler | None = None,
    flush_interval: float = 0.1,
    flush_every: int = 500,
    start_message: str = "",
) -> SchedulerResult:
    """Run every job with at most `concurrency` in flight; each finished run is handed to the
    writer, which commits every `flush_interval` seconds or `flush_every` runs, and on exit
    (including cancellation by Ctrl-C or SIGTERM). A budget stop lets in-flight runs finish and
    starts no new ones; after a cancellation no new run starts either, even when a run in
    flight lost it and answered (that run is stored). The runs not done are not stored, so the
    next invocation resumes them."""
    pending = iter(jobs)
    stopped: list[BehaviordiffError] = []
    failing_start = max(FAILING_START, concurrency)
    succeeded: set[Side] = set()
    failures: Counter[Side] = Counter()
    streak = 0
    failing_streak = max(FAILING_STREAK, 2 * concurrency)
    workers: list[asyncio.Task[None]] = []
    emit = on_event or (lambda event: None)

    def halt(error: BehaviordiffError, job: Job) -> None:
        """Stop: no new run starts, and the runs in flight (failing too, and retrying) are
        cancelled rather than waited for; none of them is stored, so the next run redoes them."""
        stopped.append(error)
        emit(RunEvent("stop", snapshot(), message=str(error), job=job))
        current = asyncio.current_task()
        for task in workers:
            if task is not current:
                task.cancel()

    def snapshot() -> Progress:
        if meter is not None:
            progress.requests = meter.requests
            progress.cost = meter.cost
        return replace(progress)

    async def worker() -> None:
        nonlocal streak
        this_worker = asyncio.current_task()
        for job in pending:
            if stopped:
                return
            if this_worker is not None and this_worker.cancelling():
                # Stopped (Ctrl-C, SIGTERM), but the run in flight answered anyway: on Python
                # 3.11 `asyncio.wait_for` returns an answer that came just before the
                # cancellation and drops the cancellation. Its run is stored; none starts.
                raise asyncio.CancelledError
            try:
                transcript = await adapters[job.side].run(job.probe, job.sample)
            except BudgetExceeded as exc:
                if not stopped:
                    # in-flight runs finish (they are paid for); no new one starts
                    stopped.append(exc)
                    emit(RunEvent("stop", snapshot(), message=str(exc), job=job))
                return
            except BehaviordiffError as exc:
                transcript = Transcript(
                    probe_id=job.probe.id,
                    sample=job.sample,
                    messages=[],
                    error=str(exc),
                )
            except Exception as exc:  # a bug in an adapter must not lose the other runs
                transcript = Transcript(
                    probe_id=job.probe.id,
                    sample=job.sample,
                    messages=[],
                    error=f"internal error: {type(exc).__name__}: {exc}",
                )
            writer.add(RunRecord(job.side, job.probe.id, job.sample, transcript, job.run_key))
            progress.done += 1
            if transcript.error is None:
                succeeded.add(job.side)
                streak = 0
            else:
                progress.errors += 1
                failures[job.side] += 1
                streak += 1
                hint = (
                    "fix the agent or the endpoint, then run the same command again; the "
                    "failed runs are retried"
                )
                if stopped:
                    pass
                elif job.side not in succeeded and failures[job.side] >= failing_start:
                    halt(
                        RunsFailing(
                            f"the first {failures[job.side]} runs of the {job.side} version all "
                            f"failed, the last with: {brief_error(transcript.error or '')}",
                            hint=hint,
                        ),
                        job,
                    )
                elif streak >= failing_streak:
                    halt(
                        RunsFailing(
                            f"the last {streak} runs all failed (the endpoint or the agent "
                            f"stopped working mid-run), the last with: "
                            f"{brief_error(transcript.error or '')}",
                            hint=hint,
                        ),
                        job,
                    )
            metadata = transcript.metadata
            requests = int(metadata.get("requests", 1))
            if (
                metadata.get("cached")
                or (requests and metadata.get("cached_requests") == requests)
                or metadata.get("adapter") == "replay"
            ):
                progress.cached += 1
            if writer.backlog >= flush_every:
                writer.flush()
            emit(RunEvent("run", snapshot(), job=job, transcript=transcript))

    async def flusher() -> None:
        while True:
            await asyncio.sleep(flush_interval)
            writer.flush()

    emit(RunEvent("start", snapshot(), message=start_message))
    flush_task = asyncio.create_task(flusher())
    workers.extend(asyncio.create_task(worker()) for _ in range(max(1, concurrency)))
    try:
        outcomes = await asyncio.gather(*workers, return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException) and not isinstance(
                outcome, asyncio.CancelledError
            ):
                raise outcome
    finally:
        for task in workers:
            task.cancel()
        flush_task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.gather(*workers, flush_task, return_exceptions=True)
        writer.flush()
    result = SchedulerResult(snapshot(), stopped[0] if stopped else None)
    emit(RunEvent("done", result.progress))
    return result
