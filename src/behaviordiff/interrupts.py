"""Ctrl-C that stops long synchronous work run inside `asyncio.run` at once.

From Python 3.11, `asyncio.run` turns the first Ctrl-C into a cancellation of its main task,
delivered at the task's next `await`. Drafting awaits only around model calls: with the
template drafter and a large knowledge base it computes for a minute without one, and Ctrl-C
seemed ignored until the end. Inside `interrupt_at_once()`, SIGINT raises KeyboardInterrupt
where the work is, as it does outside asyncio; the command exits 130 as for any Ctrl-C, and
what was stored before stays (a draft pass stores its drafts in one transaction at its end).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Awaitable, Iterator
from types import FrameType
from typing import TypeVar

T = TypeVar("T")


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _as_interrupt(signum: signal.Signals, default: object) -> Iterator[None]:
    """While inside, `signum` raises KeyboardInterrupt where the work is, when this is the main
    thread and the signal's handler is still `default` (a handler someone else installed, or
    an ignored signal, stays); `default` comes back on leaving."""
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signum) is not default
    ):
        yield
        return
    signal.signal(signum, _interrupt)
    try:
        yield
    finally:
        signal.signal(signum, default)


def interrupt_at_once() -> contextlib.AbstractContextManager[None]:
    """While inside, Ctrl-C raises KeyboardInterrupt at once. Only on the main thread and
    only over Python's own handler (a handler someone else installed is left alone)."""
    return _as_interrupt(signal.SIGINT, signal.default_int_handler)


def terminate_as_interrupt() -> contextlib.AbstractContextManager[None]:
    """While inside, SIGTERM (a CI job cancelled or timed out, `timeout`, `docker stop`) stops
    the work the way Ctrl-C does: what finished is stored (a run's buffered results and
    model-call cache are flushed, its command agents stopped) and the command exits 130,
    where the default disposition killed the process on the spot. Only on the main thread
    and only over the default disposition (a handler someone else installed, or an ignored
    SIGTERM, stays); the disposition before comes back on leaving."""
    return _as_interrupt(signal.SIGTERM, signal.SIG_DFL)


async def terminate_cancels(work: Awaitable[T]) -> T:
    """Await `work` with SIGTERM (where `terminate_as_interrupt` made it raise
    KeyboardInterrupt) cancelling this task instead, as `asyncio.run` does for Ctrl-C; once
    `work` has ended cancelled, KeyboardInterrupt comes out here. Raised wherever the event loop
    is, KeyboardInterrupt can cut asyncio's own bookkeeping in half: a command agent whose pipes
    were being connected then never reports its end, and `asyncio.run` waits for it for ever.
    A second SIGTERM raises KeyboardInterrupt at once."""
    task = asyncio.current_task()
    if (
        task is None
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not _interrupt
    ):
        return await work
    loop = asyncio.get_running_loop()
    terminated = False

    def cancel(signum: int, frame: FrameType | None) -> None:
        nonlocal terminated
        if terminated:
            raise KeyboardInterrupt
        terminated = True
        loop.call_soon_threadsafe(task.cancel)

    previous = signal.signal(signal.SIGTERM, cancel)
    try:
        result = await work
    except asyncio.CancelledError:
        if terminated and task.uncancel() == 0:
            raise KeyboardInterrupt from None
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    if terminated:  # `work` ended before the cancellation reached it
        raise KeyboardInterrupt
    return result
