"""The call cache: every completed model call, keyed by the hash of the exact request."""

from __future__ import annotations

import hashlib
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


def endpoint_of(model: Any) -> str:
    """The endpoint a model chain sends to ('' for fakes): answers from one server are not
    answers from another, even for the same model name."""
    while model is not None:
        endpoint = getattr(model, "endpoint", None)
        if isinstance(endpoint, str):
            return endpoint
        model = getattr(model, "inner", None)
    return ""


class CachedModel:
    """Answers from the store when the exact request was completed before; stores new answers.

    With `enabled=False` nothing is read, but completed calls are still stored.
    `max_cached_chars`: an answer longer than this is returned but not stored (a caller that
    refuses such answers would otherwise keep every one of them in the workspace).
    """

    def __init__(
        self,
        inner: ChatModel,
        store: CallStore,
        *,
        enabled: bool = True,
        max_cached_chars: int | None = None,
    ):
        self.inner = inner
        self.store = store
        self.enabled = enabled
        self.max_cached_chars = max_cached_chars
        self.namespace = endpoint_of(inner)
        self.hits = 0
        self.misses = 0

    def key(self, request: ChatRequest) -> str:
        """The request hash, qualified by the endpoint when it is a real one."""
        if not self.namespace:
            return request_hash(request)
        return hashlib.sha256(f"{self.namespace}\0{request_hash(request)}".encode()).hexdigest()

    def lookup(self, request: ChatRequest) -> ChatResult | None:
        if not self.enabled:
            return None
        stored = self.store.get(self.key(request))
        return ChatResult.from_dict(stored, cached=True) if stored is not None else None

    async def complete(self, request: ChatRequest) -> ChatResult:
        key = self.key(request)
        if self.enabled:
            stored = self.store.get(key)
            if stored is not None:
                self.hits += 1
                return ChatResult.from_dict(stored, cached=True)
        self.misses += 1
        result = await self.inner.complete(request)
        if self.max_cached_chars is None or len(result.text) <= self.max_cached_chars:
            self.store.put(key, "chat", request.model, result.to_dict())
        return result
