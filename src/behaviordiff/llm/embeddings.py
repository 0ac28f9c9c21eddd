"""Embeddings through the OpenAI client, for the detection stage's `embeddings` backend.

Each text is embedded once: vectors are cached by (model, text) in a call store (the
workspace's, when given), and only missing texts are sent, in batches, with retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
from collections.abc import Callable, Sequence

from behaviordiff.llm.cache import CallStore, MemoryCallStore
from behaviordiff.llm.model import ModelCallError
from behaviordiff.llm.retry import RetryPolicy

DEFAULT_MODEL = "text-embedding-3-small"
MODEL_ENV = "BEHAVIORDIFF_EMBEDDING_MODEL"

EmbedFunction = Callable[[Sequence[str]], list[list[float]]]


def embedding_key(model: str, text: str, endpoint: str = "") -> str:
    return hashlib.sha256(f"embedding\0{endpoint}\0{model}\0{text}".encode()).hexdigest()


def make_embed_function(
    *,
    model: str | None = None,
    base_url: str | None = None,
    store: CallStore | None = None,
    batch_size: int = 128,
    timeout: float = 60.0,
    policy: RetryPolicy | None = None,
) -> EmbedFunction:
    """A synchronous `embed(texts)`; credentials are checked now, the client built on use."""
    from behaviordiff.llm.openai_client import OpenAIChatModel

    chosen = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    client = OpenAIChatModel(base_url=base_url, timeout=timeout)
    cache: CallStore = store if store is not None else MemoryCallStore()
    retry = policy or RetryPolicy()
    rng = random.Random(0)

    async def send(batch: list[str]) -> list[list[float]]:
        attempt = 0
        while True:
            try:
                return await client.embed(chosen, batch)
            except ModelCallError as error:
                if not error.retryable or attempt >= retry.max_retries:
                    raise
                await asyncio.sleep(retry.delay(attempt, error.retry_after, rng))
                attempt += 1

    async def fill(missing: list[str]) -> None:
        try:
            for start in range(0, len(missing), batch_size):
                batch = missing[start : start + batch_size]
                for text, vector in zip(batch, await send(batch), strict=True):
                    cache.put(
                        embedding_key(chosen, text, client.endpoint),
                        "embedding",
                        chosen,
                        {"v": vector},
                    )
        finally:
            await client.aclose()

    def embed(texts: Sequence[str]) -> list[list[float]]:
        missing = list(
            dict.fromkeys(
                text
                for text in texts
                if not cache.contains(embedding_key(chosen, text, client.endpoint))
            )
        )
        if missing:
            asyncio.run(fill(missing))
        vectors: list[list[float]] = []
        for text in texts:
            stored = cache.get(embedding_key(chosen, text, client.endpoint))
            assert stored is not None  # filled above
            vectors.append(stored["v"])
        return vectors

    return embed
