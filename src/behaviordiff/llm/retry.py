"""Retries with exponential backoff and jitter, honouring Retry-After; a client-side rate limit."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from behaviordiff.llm.model import ChatModel, ChatRequest, ChatResult, ModelCallError

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 300.0
    """A server asking to wait longer than this is not waited for: the call fails."""

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds before retry number `attempt` (0-based): the server's Retry-After when it
        sent one, else exponential backoff with full jitter in [half, full]."""
        if retry_after is not None:
            return retry_after
        backoff = min(self.max_delay, self.base_delay * (2.0**attempt))
        return backoff * (0.5 + rng.random() / 2)


class RateLimiter:
    """Token buckets for requests and tokens per minute, shared by all concurrent calls."""

    def __init__(
        self,
        requests_per_minute: int | None = None,
        tokens_per_minute: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ):
        self.requests_per_minute = requests_per_minute
        self.tokens_per_minute = tokens_per_minute
        self.clock = clock
        self.sleep = sleep
        now = clock()
        self._request_level = float(requests_per_minute or 0)
        self._token_level = float(tokens_per_minute or 0)
        self._updated = now
        self._held_until = now
        self._lock = asyncio.Lock()

    @property
    def active(self) -> bool:
        return bool(self.requests_per_minute or self.tokens_per_minute)

    def _refill(self) -> None:
        now = self.clock()
        elapsed = now - self._updated
        self._updated = now
        if self.requests_per_minute:
            self._request_level = min(
                float(self.requests_per_minute),
                self._request_level + elapsed * self.requests_per_minute / 60,
            )
        if self.tokens_per_minute:
            self._token_level = min(
                float(self.tokens_per_minute),
                self._token_level + elapsed * self.tokens_per_minute / 60,
            )

    def hold(self, seconds: float) -> None:
        """The server asked to wait (Retry-After): no request goes out until then, from any
        worker, rather than every worker finding out with a 429 of its own."""
        self._held_until = max(self._held_until, self.clock() + seconds)

    async def acquire(self, tokens: int = 0) -> None:
        """Wait until the server's hold is over and one request of about `tokens` tokens fits
        in both budgets."""
        while (held := self._held_until - self.clock()) > 0:
            await self.sleep(held)
        if not self.active:
            return
        async with self._lock:
            if self.tokens_per_minute:
                tokens = min(tokens, self.tokens_per_minute)
            while True:
                self._refill()
                wait = 0.0
                if self.requests_per_minute and self._request_level < 1:
                    wait = (1 - self._request_level) * 60 / self.requests_per_minute
                if self.tokens_per_minute and self._token_level < tokens:
                    wait = max(wait, (tokens - self._token_level) * 60 / self.tokens_per_minute)
                if wait <= 0:
                    break
                await self.sleep(wait)
            if self.requests_per_minute:
                self._request_level -= 1
            if self.tokens_per_minute:
                self._token_level -= tokens


class RetryingModel:
    """Wraps a model: waits for the rate limiter, retries retryable failures.

    `on_retry(error, attempt, delay)` is told about every retry, for progress reporting.
    """

    def __init__(
        self,
        inner: ChatModel,
        policy: RetryPolicy,
        *,
        limiter: RateLimiter | None = None,
        sleep: Sleep = asyncio.sleep,
        on_retry: Callable[[ModelCallError, int, float], None] | None = None,
        seed: int | None = None,
    ):
        self.inner = inner
        self.policy = policy
        self.limiter = limiter
        self.sleep = sleep
        self.on_retry = on_retry
        self.rng = random.Random(seed)
        self.attempts = 0
        """Requests sent, retries included."""

    async def complete(self, request: ChatRequest) -> ChatResult:
        attempt = 0
        while True:
            if self.limiter is not None:
                await self.limiter.acquire(
                    request.estimated_prompt_tokens() + (request.max_completion_tokens() or 0)
                )
            self.attempts += 1
            try:
                return await self.inner.complete(request)
            except ModelCallError as error:
                too_long = (
                    error.retry_after is not None
                    and error.retry_after > self.policy.max_retry_after
                )
                if too_long and error.retryable:
                    error.message += (
                        f"; the server asked to wait {error.retry_after:g} s (Retry-After), "
                        f"longer than the {self.policy.max_retry_after:g} s a run waits"
                    )
                    error.hint = (
                        "try again later, or lower the request rate "
                        "(requests_per_minute under [run])"
                    )
                if not error.retryable or attempt >= self.policy.max_retries or too_long:
                    if attempt:
                        error.message += f" (after {attempt + 1} attempts)"
                    raise
                delay = self.policy.delay(attempt, error.retry_after, self.rng)
                if error.retry_after is not None and self.limiter is not None:
                    self.limiter.hold(error.retry_after)
                if self.on_retry is not None:
                    self.on_retry(error, attempt + 1, delay)
                await self.sleep(delay)
                attempt += 1
