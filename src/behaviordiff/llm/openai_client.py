"""The only module that imports `openai`: builds the client and turns its errors into ours."""

from __future__ import annotations

import email.utils
import os
import time
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import ConfigError
from behaviordiff.llm.model import ChatRequest, ChatResult, ModelCallError

if TYPE_CHECKING:
    from openai import AsyncOpenAI

BASE_URL_ENV = "OPENAI_BASE_URL"
API_KEY_ENV = "OPENAI_API_KEY"
LOCAL_KEY = "not-needed"


def resolve_base_url(configured: str | None = None) -> str | None:
    """The config's base URL beats OPENAI_BASE_URL; None means api.openai.com."""
    return configured or os.environ.get(BASE_URL_ENV) or None


def build_client(
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
    max_connections: int = 64,
) -> AsyncOpenAI:
    """An AsyncOpenAI client; retries are ours (see behaviordiff.llm.retry), so the client's are off.

    A custom base URL (vLLM, Ollama, LiteLLM, a test server) needs no real key.
    """
    import httpx2  # type: ignore[import-untyped,unused-ignore]
    from openai import AsyncOpenAI

    base_url = resolve_base_url(base_url)
    key = api_key or os.environ.get(API_KEY_ENV)
    if not key:
        if base_url is None:
            raise ConfigError(
                f"{API_KEY_ENV} is not set, so the openai adapter cannot call a model",
                hint=f"export {API_KEY_ENV}=..., or point {BASE_URL_ENV} at an OpenAI-compatible "
                "server, or use the command or replay adapter (--adapter)",
            )
        key = LOCAL_KEY
    limits = httpx2.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections
    )
    return AsyncOpenAI(
        api_key=key,
        base_url=base_url,
        timeout=timeout,
        max_retries=0,
        http_client=httpx2.AsyncClient(limits=limits, timeout=timeout),
    )


def _retry_after(headers: Any) -> float | None:
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        return max(0.0, email.utils.mktime_tz(parsed) - time.time())


class OpenAIChatModel:
    """Chat completions through the real client, one attempt per call."""

    def __init__(self, client: AsyncOpenAI, *, label: str | None = None):
        self.client = client
        self.label = label or str(client.base_url)

    async def complete(self, request: ChatRequest) -> ChatResult:
        import openai

        started = time.perf_counter()
        try:
            response = await self.client.chat.completions.create(**request.payload())
        except openai.APITimeoutError:
            raise ModelCallError(
                "the request timed out", retryable=True, where=self.label
            ) from None
        except openai.APIConnectionError as exc:
            raise ModelCallError(
                f"cannot connect ({exc})",
                retryable=True,
                where=self.label,
                hint=f"check {BASE_URL_ENV} or the server",
            ) from None
        except openai.APIStatusError as exc:
            status = exc.status_code
            retryable = status in (408, 409, 429) or status >= 500
            raise ModelCallError(
                f"HTTP {status}: {_short(exc.message)}",
                retryable=retryable,
                retry_after=_retry_after(exc.response.headers),
                status=status,
                where=self.label,
                hint=_status_hint(status),
            ) from None
        except openai.APIError as exc:
            raise ModelCallError(f"bad response: {_short(str(exc))}", where=self.label) from None
        latency = (time.perf_counter() - started) * 1000
        if not response.choices:
            raise ModelCallError("the response has no choices", retryable=True, where=self.label)
        choice = response.choices[0]
        message = choice.message.model_dump(exclude_none=True, exclude_unset=True)
        message.setdefault("role", "assistant")
        message.setdefault("content", None)
        usage = response.usage
        return ChatResult(
            message=message,
            finish_reason=choice.finish_reason,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            latency_ms=latency,
            model=response.model,
        )


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _status_hint(status: int) -> str | None:
    return {
        401: f"check {API_KEY_ENV}",
        403: "the key has no access to this model",
        404: "check the model name and the base URL (it usually ends in /v1)",
        429: "rate limited; lower --concurrency or set requests_per_minute under [run]",
    }.get(status)
