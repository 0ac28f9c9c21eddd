"""A value read from a behavior change once, not again for every KB item or sentence.

Drafting reads the same change for every item and every sentence of the knowledge base; what
it derives from the change alone (its old side, its lost side, its appended cases) is built
once and held for the last change asked about, while that change is the same object with the
same parts (`key`). One entry: drafting reads one change at a time. A service may draft from
threads, so the entry is read and written under a lock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class LastChange(Generic[T]):
    """The value `build(facts)` of the last change asked about, kept while `facts` is the
    same object and `key` (its parts the value reads) compares equal."""

    def __init__(self) -> None:
        self._held: tuple[object, Hashable, T] | None = None
        self._lock = threading.Lock()

    def get(self, facts: object, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            held = self._held
        if held is not None and held[0] is facts and held[1] == key:
            return held[2]
        value = build()
        with self._lock:
            self._held = (facts, key, value)
        return value
