"""The model interface: one request in, one assistant message out."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from behaviordiff.errors import BehaviordiffError


class ModelCallError(BehaviordiffError):
    """A model call that failed; `retryable` failures (429, 5xx, timeouts) are tried again."""

    title = "Model call failed"

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        where: str | None = None,
        hint: str | None = None,
    ):
        super().__init__(message, where=where, hint=hint)
        self.retryable = retryable
        self.retry_after = retry_after
        self.status = status


@dataclass(frozen=True)
class ChatRequest:
    """Exactly what is sent; its hash keys the call cache."""

    model: str
    messages: list[dict[str, Any]]
    tools: list[dict[str, Any]] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)
    """temperature, top_p, max_tokens, seed, response_format and any other parameter."""
    sample: int = 0
    """Which sample this is: equal requests for different samples are different calls."""

    @cached_property
    def key(self) -> str:
        """The request hash (computed once per request object)."""
        return _hash(self)

    def payload(self) -> dict[str, Any]:
        """Keyword arguments for chat.completions.create."""
        payload: dict[str, Any] = {"model": self.model, "messages": self.messages}
        if self.tools:
            payload["tools"] = self.tools
        payload.update(self.parameters)
        return payload

    def estimated_prompt_tokens(self) -> int:
        return estimate_tokens(self.messages) + estimate_tokens(self.tools)

    def max_completion_tokens(self) -> int | None:
        value = self.parameters.get("max_completion_tokens", self.parameters.get("max_tokens"))
        return int(value) if isinstance(value, int | float) else None


def estimate_tokens(data: Any) -> int:
    """A rough token count (4 characters a token), enough for budgets and rate limits."""
    if not data:
        return 0
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return len(text) // 4 + 1


def request_hash(request: ChatRequest) -> str:
    """The call cache's key: equal exactly when model, messages, tools, parameters and sample
    are equal."""
    return request.key


def _hash(request: ChatRequest) -> str:
    canonical = json.dumps(
        {
            "model": request.model,
            "messages": request.messages,
            "tools": request.tools,
            "parameters": request.parameters,
            "sample": request.sample,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class ChatResult:
    message: dict[str, Any]
    """The assistant message as an OpenAI chat message dict (role, content, tool_calls)."""
    finish_reason: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    model: str | None = None
    cached: bool = False
    """True when the answer came from the call cache and nothing was sent."""

    @property
    def text(self) -> str:
        content = self.message.get("content")
        return content if isinstance(content, str) else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "finish_reason": self.finish_reason,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "latency_ms": self.latency_ms,
            "model": self.model,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, cached: bool = False) -> ChatResult:
        return cls(
            message=data["message"],
            finish_reason=data.get("finish_reason"),
            prompt_tokens=int(data.get("prompt_tokens") or 0),
            completion_tokens=int(data.get("completion_tokens") or 0),
            latency_ms=float(data.get("latency_ms") or 0.0),
            model=data.get("model"),
            cached=cached,
        )


class ChatModel(Protocol):
    """Anything that answers a chat request: the OpenAI client, a fake, or a wrapper."""

    async def complete(self, request: ChatRequest) -> ChatResult: ...
