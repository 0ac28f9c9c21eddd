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

    def check(self) -> None:
        if self.max_requests is not None and self.requests + self.in_flight >= self.max_requests:
            raise BudgetExceeded(
                f"reached --max-requests {self.max_requests}",
                hint="finished work is stored; run again with a higher --max-requests to continue",
            )
        if self.max_cost is not None and self.cost >= self.max_cost:
            raise BudgetExceeded(
                f"reached --max-cost ${self.max_cost:.2f} (spent ${self.cost:.4f})",
                hint="finished work is stored; run again with a higher --max-cost to continue",
            )

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


class MeteredModel:
    """Refuses to send past the budget and records what each sent request used."""

    def __init__(self, inner: ChatModel, meter: Meter):
        self.inner = inner
        self.meter = meter

    async def complete(self, request: ChatRequest) -> ChatResult:
        self.meter.check()
        self.meter.in_flight += 1
        try:
            result = await self.inner.complete(request)
        finally:
            self.meter.in_flight -= 1
        self.meter.record(request.model, result.prompt_tokens, result.completion_tokens)
        return result
