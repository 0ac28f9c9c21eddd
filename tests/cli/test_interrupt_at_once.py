"""Ctrl-C stops long synchronous work inside `asyncio.run` at once (drafting a large knowledge
base computed for a minute after Ctrl-C: from Python 3.11 the first one only cancels the main
task at its next await)."""

from __future__ import annotations

import asyncio
import signal
import threading
import time

import pytest

from behaviordiff.interrupts import interrupt_at_once


def _busy_in_asyncio(seconds: float) -> list[str]:
    """A coroutine computing without an await, as drafting does; Ctrl-C comes 0.2 s in."""
    reached: list[str] = []

    async def work() -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            sum(range(1000))
        reached.append("the end of the work")
        await asyncio.sleep(0)

    timer = threading.Timer(0.2, signal.raise_signal, (signal.SIGINT,))
    timer.start()
    try:
        asyncio.run(work())
    finally:
        timer.cancel()
    return reached


def test_ctrl_c_stops_synchronous_work_inside_asyncio_at_once() -> None:
    reached: list[str] = []
    with pytest.raises(KeyboardInterrupt), interrupt_at_once():
        reached = _busy_in_asyncio(20.0)
    assert reached == []  # stopped where it was, not at the end of the work
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_another_handler_is_left_alone() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGINT, mine)
    try:
        with interrupt_at_once():
            assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, previous)


def test_the_draft_command_and_the_run_stage_draft_within_it() -> None:
    import inspect

    from behaviordiff.cli import draft_cmd, review_cmd
    from behaviordiff.pipeline import stages

    for module in (draft_cmd, review_cmd, stages):
        assert "interrupt_at_once()" in inspect.getsource(module), module.__name__
