"""Ctrl-C that stops long synchronous work run inside `asyncio.run` at once.

From Python 3.11, `asyncio.run` turns the first Ctrl-C into a cancellation of its main task,
delivered at the task's next `await`. Drafting awaits only around model calls: with the
template drafter and a large knowledge base it computes for a minute without one, and Ctrl-C
seemed ignored until the end. Inside `interrupt_at_once()`, SIGINT raises KeyboardInterrupt
where the work is, as it does outside asyncio; the command exits 130 as for any Ctrl-C, and
what was stored before stays (a draft pass stores its drafts in one transaction at its end).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def interrupt_at_once() -> Iterator[None]:
    """While inside, Ctrl-C raises KeyboardInterrupt at once. Only on the main thread and
    only over Python's own handler (a handler someone else installed is left alone)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    signal.signal(signal.SIGINT, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM (a CI job cancelled or timed out, `timeout`, `docker stop`) stops
    the work the way Ctrl-C does: what finished is stored (a run's buffered results and
    model-call cache are flushed, its command agents stopped) and the command exits 130,
    where the default disposition killed the process on the spot. Only on the main thread
    and only over the default disposition (a handler someone else installed, or an ignored
    SIGTERM, stays); the disposition before comes back on leaving."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
