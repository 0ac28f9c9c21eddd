"""The one assembly of a model for the runner and for drafting: the client behind the rate
limiter and retries, the meter (spend and budget), then the call cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from behaviordiff.llm.budget import Meter, MeteredModel
from behaviordiff.llm.cache import CachedModel, CallStore
from behaviordiff.llm.model import ChatModel, ModelCallError
from behaviordiff.llm.retry import RateLimiter, RetryingModel, RetryPolicy


@dataclass(frozen=True)
class StackLimits:
    """How hard the stack may push the endpoint: `[run]` in the config."""

    max_retries: int
    requests_per_minute: int | None = None
    tokens_per_minute: int | None = None
    retry_base_delay: float = 0.5


@dataclass
class ModelStack:
    """cache → meter → retries and rate limit → client. Call `model`; `aclose` once when done."""

    model: CachedModel
    meter: Meter
    retrying: RetryingModel
    client: ChatModel
    owns_client: bool
    """The stack built the client, so `aclose` closes it; one handed in is the caller's."""

    async def aclose(self) -> None:
        close = getattr(self.client, "aclose", None) if self.owns_client else None
        if close is not None:
            await close()


def build_model_stack(
    client: ChatModel,
    *,
    limits: StackLimits,
    meter: Meter,
    store: CallStore,
    owns_client: bool,
    use_cache: bool = True,
    max_cached_chars: int | None = None,
    on_retry: Callable[[ModelCallError, int, float], None] | None = None,
) -> ModelStack:
    """The model every paid call goes through. Cache hits are free and never wait for the
    limiter; every answered call is stored before the next starts (`max_cached_chars`: one
    longer than that is not stored)."""
    limiter = RateLimiter(limits.requests_per_minute, limits.tokens_per_minute)
    retrying = RetryingModel(
        client,
        RetryPolicy(max_retries=limits.max_retries, base_delay=limits.retry_base_delay),
        limiter=limiter,
        on_retry=on_retry,
    )
    cached = CachedModel(
        MeteredModel(retrying, meter), store, enabled=use_cache, max_cached_chars=max_cached_chars
    )
    return ModelStack(cached, meter, retrying, client, owns_client)
