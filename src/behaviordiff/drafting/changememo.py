"""What a finder reads of a change alone, worked out once per change while it is weighed
against a whole knowledge base, not again for every item.

`rank_items` asks each finder (`every_charge`, `kept_side`, …) about the same change for every
item of the knowledge base: 25,000 times for a 25,000-macro export. Inside `reading_change`
(the drafting pass sets it around each change's ranking) a function marked `once_per_change`
keeps its answer for that change object; outside it, or for another object (a `replace`d copy
of the change), it is called as ever. The change is not modified while it is ranked, so the
answers are the same; they are immutable (frozen dataclasses, a dict read only)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

F = TypeVar("F")
T = TypeVar("T")

_READING: ContextVar[tuple[object, dict[object, Any]] | None] = ContextVar(
    "behaviordiff_reading_change", default=None
)


@contextmanager
def reading_change(facts: object) -> Iterator[None]:
    """While in it, `once_per_change` functions keep their answer for `facts` (this object)."""
    token = _READING.set((facts, {}))
    try:
        yield
    finally:
        _READING.reset(token)


def once_per_change(function: Callable[[F], T]) -> Callable[[F], T]:
    """`function(facts)`, kept for the change `reading_change` holds."""

    @functools.wraps(function)
    def kept(facts: F) -> T:
        reading = _READING.get()
        if reading is None or reading[0] is not facts:
            return function(facts)
        answers = reading[1]
        if function not in answers:
            answers[function] = function(facts)
        answer: T = answers[function]
        return answer

    return kept
