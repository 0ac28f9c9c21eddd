"""Spend accounting: requests, tokens and cost of what was actually sent, checked against limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from behaviordiff.errors import BudgetExceeded
from behaviordiff.llm.model import ChatModel, ChatRequest, ChatResult
from behaviordiff.llm.prices import PriceTable


@dataclass
class Meter:
    """What was sent (cache hits are free); `check()` raises once a limit is reached."""

    prices: PriceTable = field(default_factory=lambda: PriceTable.with_overrides(None))
    max_cost: float | None = None
    max_requests: int | None = None
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    unpriced_models: set[str] = field(default_factory=set)
    in_flight: int = 0
    """Requests sent and not yet answered; they count against --max-requests."""
    reserved_cost: float = 0.0
    """The expected cost of the requests in flight, held against --max-cost until answered, so
    many concurrent requests cannot together overshoot the budget."""

    def check(self, extra_cost: float = 0.0) -> None:
        """Raise once a limit is reached, or when a request expected to cost `extra_cost`
        would take the spend (with what is in flight) past --max-cost."""
        if self.max_requests is not None and self.requests + self.in_flight >= self.max_requests:
            raise BudgetExceeded(
                f"reached --max-requests {self.max_requests}",
                hint="finished work is stored; run again with a higher --max-requests to continue",
            )
        if self.max_cost is None:
            return
        committed = self.cost + self.reserved_cost
        if committed >= self.max_cost or committed + extra_cost > self.max_cost:
            raise BudgetExceeded(
                f"reached --max-cost ${dollars(self.max_cost)} (spent ${self.cost:.4f}; "
                f"${self.reserved_cost:.4f} in flight, ${extra_cost:.4f} for the next request)",
                hint="finished work is stored; run again with a higher --max-cost to continue",
            )

    def expected_cost(self, request: ChatRequest) -> float:
        """The request's prompt (estimated) plus the mean completion so far, or its
        max_tokens (256 when unset) before any answer came back. 0 without a cost limit."""
        if self.max_cost is None:
            return 0.0
        if self.requests:
            completion = -(-self.completion_tokens // self.requests)
        else:
            completion = request.max_completion_tokens() or 256
        cost = self.prices.cost(request.model, request.estimated_prompt_tokens(), completion)
        return cost or 0.0

    def reserve(self, request: ChatRequest) -> float:
        """Check the budget with the request counted, and hold its expected cost."""
        return self.reserve_cost(self.expected_cost(request))

    def reserve_cost(self, estimate: float) -> float:
        """Check the budget with one more request expected to cost `estimate`, and hold it
        until `settle`."""
        self.check(estimate)
        self.in_flight += 1
        self.reserved_cost += estimate
        return estimate

    def settle(self, estimate: float) -> None:
        """The reserved request was answered (or failed): release what it held."""
        self.in_flight -= 1
        self.reserved_cost = max(0.0, self.reserved_cost - estimate)

    def record(self, model: str | None, prompt_tokens: int, completion_tokens: int) -> None:
        self.requests += 1
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        cost = self.prices.cost(model, prompt_tokens, completion_tokens)
        if cost is None:
            if model:
                self.unpriced_models.add(model)
        else:
            self.cost += cost


def dollars(value: float) -> str:
    """$5.00, but $0.0008 rather than $0.00 for a small cap."""
    return f"{value:.2f}" if value >= 0.1 or value == 0 else f"{value:.4f}".rstrip("0")


class MeteredModel:
    """Refuses to send past the budget and records what each sent request used."""

    def __init__(self, inner: ChatModel, meter: Meter):
        self.inner = inner
        self.meter = meter

    async def complete(self, request: ChatRequest) -> ChatResult:
        estimate = self.meter.reserve(request)
        try:
            result = await self.inner.complete(request)
        finally:
            self.meter.settle(estimate)
        self.meter.record(request.model, result.prompt_tokens, result.completion_tokens)
        return result
