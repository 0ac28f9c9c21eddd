"""Prices in USD per million (input, output) tokens; the user's [run.prices] override them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

BUILTIN_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
    "o4-mini": (1.10, 4.40),
    "o3-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
    "gpt-3.5-turbo": (0.50, 1.50),
}


@dataclass(frozen=True)
class PriceTable:
    prices: Mapping[str, tuple[float, float]]

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, tuple[float, float]] | None) -> PriceTable:
        return cls({**BUILTIN_PRICES, **(overrides or {})})

    def price(self, model: str | None) -> tuple[float, float] | None:
        """The exact model, else the longest known prefix (dated snapshots, provider prefixes)."""
        if not model:
            return None
        if model in self.prices:
            return self.prices[model]
        bare = model.rsplit("/", 1)[-1]
        matches = [name for name in self.prices if bare.startswith(name)]
        return self.prices[max(matches, key=len)] if matches else None

    def cost(self, model: str | None, prompt_tokens: int, completion_tokens: int) -> float | None:
        price = self.price(model)
        if price is None:
            return None
        return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000
