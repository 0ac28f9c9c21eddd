"""The one seam to language models: a small interface, the `openai` client, cache, retries,
rate limits and prices. Only `behaviordiff.llm.openai_client` imports `openai`."""

from behaviordiff.llm.model import (
    ChatModel,
    ChatRequest,
    ChatResult,
    ModelCallError,
    request_hash,
)

__all__ = ["ChatModel", "ChatRequest", "ChatResult", "ModelCallError", "request_hash"]
