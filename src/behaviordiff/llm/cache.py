"""The call cache: every completed model call, keyed by the hash of the exact request."""

from __future__ import annotations

from typing import Any, Protocol

from behaviordiff.llm.model import ChatModel, ChatRequest, ChatResult, request_hash


class CallStore(Protocol):
    """Where cached calls live; behaviordiff.store.runs.CallCache is the workspace one."""

    def get(self, key: str) -> dict[str, Any] | None: ...

    def contains(self, key: str) -> bool: ...

    def put(self, key: str, kind: str, model: str | None, value: dict[str, Any]) -> None: ...


class MemoryCallStore:
    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}

    def get(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    def contains(self, key: str) -> bool:
        return key in self.entries

    def put(self, key: str, kind: str, model: str | None, value: dict[str, Any]) -> None:
        self.entries[key] = value


class CachedModel:
    """Answers from the store when the exact request was completed before; stores new answers.

    With `enabled=False` nothing is read, but completed calls are still stored.
    """

    def __init__(self, inner: ChatModel, store: CallStore, *, enabled: bool = True):
        self.inner = inner
        self.store = store
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def lookup(self, request: ChatRequest) -> ChatResult | None:
        if not self.enabled:
            return None
        stored = self.store.get(request_hash(request))
        return ChatResult.from_dict(stored, cached=True) if stored is not None else None

    async def complete(self, request: ChatRequest) -> ChatResult:
        key = request_hash(request)
        if self.enabled:
            stored = self.store.get(key)
            if stored is not None:
                self.hits += 1
                return ChatResult.from_dict(stored, cached=True)
        self.misses += 1
        result = await self.inner.complete(request)
        self.store.put(key, "chat", request.model, result.to_dict())
        return result
