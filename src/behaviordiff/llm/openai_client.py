"""The only module that imports `openai`: builds the client and turns its errors into ours."""

from __future__ import annotations

import email.utils
import functools
import json
import os
import time
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import CredentialsError
from behaviordiff.llm.model import ChatRequest, ChatResult, ModelCallError

if TYPE_CHECKING:
    from openai import AsyncOpenAI

BASE_URL_ENV = "OPENAI_BASE_URL"
API_KEY_ENV = "OPENAI_API_KEY"
LOCAL_KEY = "not-needed"
DEFAULT_ENDPOINT = "https://api.openai.com/v1"
AZURE_ENDPOINT_ENV = "AZURE_OPENAI_ENDPOINT"
AZURE_KEY_ENV = "AZURE_OPENAI_API_KEY"
API_VERSION_ENV = "OPENAI_API_VERSION"
DEFAULT_AZURE_API_VERSION = "2024-10-21"


def resolve_base_url(configured: str | None = None) -> str | None:
    """The config's base URL beats OPENAI_BASE_URL; None means api.openai.com (or Azure)."""
    return configured or os.environ.get(BASE_URL_ENV) or None


def azure_endpoint(base_url: str | None = None) -> str | None:
    """Azure OpenAI's deployment API (`model` is the deployment name, `api-version` from
    OPENAI_API_VERSION): AZURE_OPENAI_ENDPOINT, unless a base URL is configured. Azure's v1
    API needs none of this: give https://<resource>.openai.azure.com/openai/v1/ as base URL."""
    if resolve_base_url(base_url) is not None:
        return None
    return os.environ.get(AZURE_ENDPOINT_ENV) or None


def credentials_configured(base_url: str | None = None) -> bool:
    """A key, a base URL or an Azure endpoint is set: models can be called."""
    return bool(
        os.environ.get(API_KEY_ENV) or resolve_base_url(base_url) or azure_endpoint(base_url)
    )


OFFLINE_RUN = (
    "to work offline, run agents with `--adapter command` or `replay` and draft with "
    "`--drafter template`"
)
OFFLINE_DRAFT = "to draft offline, use `--drafter template` (no key needed)"
"""How to go on without a key: for runs, and for drafting, where no agent runs."""


def resolve_api_key(
    base_url: str | None, api_key: str | None = None, *, offline: str = OFFLINE_RUN
) -> str:
    """The key to send; a custom base URL works without one. No key and no base URL: an error
    whose fix ends with `offline`, how to go on without one."""
    if azure_endpoint(base_url) is not None:
        key = api_key or os.environ.get(AZURE_KEY_ENV) or os.environ.get(API_KEY_ENV)
        if not key:
            raise CredentialsError(
                f"{AZURE_ENDPOINT_ENV} is set but {AZURE_KEY_ENV} is not",
                hint=f"export {AZURE_KEY_ENV}=... (the key of that Azure OpenAI resource)",
            )
        return key
    key = api_key or os.environ.get(API_KEY_ENV)
    if key:
        return key
    if resolve_base_url(base_url) is None:
        raise CredentialsError(
            f"{API_KEY_ENV} is not set, so no model can be called",
            hint=f"export {API_KEY_ENV}=..., or point {BASE_URL_ENV} at an OpenAI-compatible "
            f"server; {offline}",
        )
    return LOCAL_KEY


def build_client(
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
    offline: str = OFFLINE_RUN,
) -> AsyncOpenAI:
    """An AsyncOpenAI client with its own retries off: ours (behaviordiff.llm.retry) apply.

    A custom base URL (vLLM, Ollama, LiteLLM, a test server) needs no real key. The aiohttp
    transport (the `openai[aiohttp]` extra) is used when installed: it costs half the CPU per
    request of the default one, which matters at hundreds of requests a second.
    """
    from openai import AsyncAzureOpenAI, AsyncOpenAI

    azure = azure_endpoint(base_url)
    base_url = resolve_base_url(base_url)
    key = resolve_api_key(base_url, api_key, offline=offline)
    if azure is not None:
        return AsyncAzureOpenAI(
            azure_endpoint=azure,
            api_key=key,
            api_version=os.environ.get(API_VERSION_ENV) or DEFAULT_AZURE_API_VERSION,
            timeout=timeout,
            max_retries=0,
            http_client=_http_client(timeout),
        )
    return AsyncOpenAI(
        api_key=key,
        base_url=base_url,
        timeout=timeout,
        max_retries=0,
        http_client=_http_client(timeout),
    )


MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The most of one response body read: a chat completion or a batch of embeddings is far
smaller; a server sending more (or sending without end) is stopped there, not read until
memory runs out."""


class ResponseTooLarge(Exception):
    """A response body past `MAX_RESPONSE_BYTES` (raised while it is read)."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def deadline(timeout: float) -> float:
    """Seconds one request may take from sending to the last byte of its answer. `timeout`
    bounds each wait for the server (to connect, between two reads); this bounds the whole,
    so a server that sends its answer a byte at a time cannot hold a call forever."""
    return 2 * timeout + 30


def _http_client(timeout: float) -> Any:
    try:
        from openai import DefaultAioHttpClient

        return DefaultAioHttpClient(timeout=timeout, event_hooks={"response": [_limit_body]})
    except (ImportError, RuntimeError):
        from openai import DefaultAsyncHttpxClient

        return DefaultAsyncHttpxClient(timeout=timeout, event_hooks={"response": [_limit_body]})


async def _limit_body(response: Any) -> None:
    """A response hook (it runs before the body is read): a body announced over the limit is
    refused unread; any other is read through a counter that stops at the limit."""
    length = response.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
        await response.aclose()
        raise ResponseTooLarge(int(length))
    response.stream = _limited_stream()(response.stream)


@functools.cache
def _limited_stream() -> type:
    """An async byte stream of the client's HTTP library (openai 1.x uses httpx, later ones
    httpx2; the response checks the class) that raises `ResponseTooLarge` past the limit."""
    import importlib

    try:
        base: Any = importlib.import_module("httpx2").AsyncByteStream
    except ImportError:  # an openai release before httpx2
        base = importlib.import_module("httpx").AsyncByteStream

    class LimitedStream(base):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        async def __aiter__(self) -> Any:
            seen = 0
            async for chunk in self._stream:
                seen += len(chunk)
                if seen > MAX_RESPONSE_BYTES:
                    raise ResponseTooLarge(None)
                yield chunk

        async def aclose(self) -> None:
            await self._stream.aclose()

    return LimitedStream


def _too_large(exc: BaseException, label: str) -> ModelCallError | None:
    """Our `ResponseTooLarge`, raised as it is or wrapped by the client, as a call error."""
    found: BaseException | None = exc
    while found is not None and not isinstance(found, ResponseTooLarge):
        found = found.__cause__ or found.__context__
    if found is None:
        return None
    size = f" ({found.size / 1024 / 1024:.0f} MB)" if found.size else ""
    return ModelCallError(
        f"the server's answer is larger than {MAX_RESPONSE_BYTES // 1024 // 1024} MB{size}: "
        "it was not read to the end",
        where=label,
        hint="no chat completion is that large: check that the base URL points at a model "
        "server, and its max_tokens",
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
    """Chat completions through the real client, one attempt per call.

    The request goes through `client.post` (the client's documented call for raw bodies): the
    body is already plain JSON, so the typed-parameter transform and the response models,
    which cost more than the HTTP round trip to a local server, are skipped. Auth, base URL,
    timeouts and the mapping of HTTP errors to exceptions are the client's.
    """

    def __init__(
        self,
        client: AsyncOpenAI | None = None,
        *,
        base_url: str | None = None,
        timeout: float = 60.0,
        check_credentials: bool = True,
    ):
        """Give a client, or the settings to build one on the first call (so a run answered
        entirely from the cache never builds one). Credentials are checked at once, unless
        nothing will be sent (a dry run)."""
        if client is None and check_credentials:
            resolve_api_key(base_url)
        self._client = client
        self._base_url = base_url
        given = getattr(client, "timeout", None)
        # a client built elsewhere brings its own timeout, which the deadline follows
        self._timeout = float(given) if isinstance(given, int | float) and given > 0 else timeout
        configured = resolve_base_url(base_url) or azure_endpoint(base_url)
        self.label = str(client.base_url) if client else configured or "OpenAI"
        self.endpoint = (str(client.base_url) if client else configured or DEFAULT_ENDPOINT).rstrip(
            "/"
        )
        """Where requests go; part of the cache key."""

    @property
    def client(self) -> AsyncOpenAI:
        if self._client is None:
            self._client = build_client(base_url=self._base_url, timeout=self._timeout)
        return self._client

    async def complete(self, request: ChatRequest) -> ChatResult:
        import openai

        started = time.perf_counter()
        try:
            data = await self._post("/chat/completions", request.payload())
        except openai.APIError as exc:
            raise _model_error(exc, self.label, self._timeout) from None
        except ValueError as exc:  # a 200 whose body is not JSON
            raise _not_json(exc, self.endpoint, "/chat/completions") from None
        latency = (time.perf_counter() - started) * 1000
        if isinstance(data, str):  # a body sent as text (text/html): the client kept it as is
            raise _not_json(
                ValueError(f"a {len(data):,}-character text body: {_short(data, 80)}"),
                self.endpoint,
                "/chat/completions",
            )
        return parse_completion(data, latency, self.label)

    async def embed(self, model: str, texts: list[str]) -> list[list[float]]:
        """One embeddings request; vectors in the order of `texts`."""
        import openai

        try:
            data = await self._post("/embeddings", {"model": model, "input": texts})
        except openai.APIError as exc:
            raise _model_error(exc, self.label, self._timeout) from None
        except ValueError as exc:
            raise _not_json(exc, self.endpoint, "/embeddings") from None
        try:
            rows = sorted(data["data"], key=lambda row: row["index"])  # type: ignore[index]
            vectors = [[float(x) for x in row["embedding"]] for row in rows]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelCallError(f"bad embeddings response ({exc})", where=self.label) from None
        if len(vectors) != len(texts):
            raise ModelCallError(
                f"asked for {len(texts)} embeddings, got {len(vectors)}", where=self.label
            )
        return vectors

    async def _post(self, path: str, body: dict[str, Any]) -> object:
        """One POST within `deadline`, its body within `MAX_RESPONSE_BYTES`, its JSON within
        the nesting Python reads: past any of them, a `ModelCallError` saying which."""
        import asyncio

        limit = deadline(self._timeout)
        try:
            return await asyncio.wait_for(
                self.client.post(
                    path, cast_to=object, body=body, options={"security": {"bearer_auth": True}}
                ),
                limit,
            )
        except TimeoutError:
            raise ModelCallError(
                f"the server was still sending its answer after {limit:g} seconds",
                where=self.endpoint + path,
                hint="a server or proxy that sends an answer a little at a time holds each "
                "call that long; check the server, or raise the timeout",
            ) from None
        except RecursionError:
            raise ModelCallError(
                "the server's answer is JSON nested too deeply to read",
                where=self.endpoint + path,
                hint="no chat completion nests that deep: check that the base URL points at "
                "a model server",
            ) from None
        except Exception as exc:
            too_large = _too_large(exc, self.endpoint + path)
            if too_large is None:
                raise
            raise too_large from None

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None


def _not_json(exc: ValueError, endpoint: str, path: str) -> ModelCallError:
    return ModelCallError(
        f"the server answered {path} with a body that is not JSON ({_short(str(exc), 120)})",
        retryable=True,
        where=endpoint + path,
        hint="a proxy or an overloaded server can send an HTML page instead; it is retried",
    )


def _model_error(exc: Exception, label: str, timeout: float | None = None) -> ModelCallError:
    """The openai client's exceptions as ours: retryable or not, with Retry-After."""
    import openai

    refused = _refused(exc)
    if refused is not None:
        # the aiohttp transport reports a refused connection as a connect *timeout*
        return ModelCallError(
            f"cannot connect: {_short(refused)}",
            retryable=True,
            where=label,
            hint=f"is the server up? check {BASE_URL_ENV} (or base_url in the config)",
        )
    if isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError):
        # Connected, then the connection closed (reset, or the body cut short): not "cannot
        # connect", which sends people to check a server that answered.
        return ModelCallError(
            f"the connection was cut before the response was complete ({_short(_cause(exc))})",
            retryable=True,
            where=label,
            hint="the server or a proxy in between closed the connection; it is retried",
        )
    if isinstance(exc, openai.APITimeoutError):
        within = f" after {timeout:g} s" if timeout else ""
        return ModelCallError(
            f"the request to {label} timed out{within} (the `[run] timeout`)",
            retryable=True,
            where=label,
            hint="a slow or overloaded server; it is retried (raise `[run] timeout` in the "
            "config for a model that takes longer)",
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        return ModelCallError(
            f"HTTP {status}: {_short(exc.message.removeprefix(f'Error code: {status} - '))}",
            retryable=status in (408, 409, 429) or status >= 500,
            retry_after=_retry_after(exc.response.headers),
            status=status,
            where=label,
            hint=_status_hint(status),
        )
    return ModelCallError(f"bad response: {_short(str(exc))}", where=label)


def _cause(exc: BaseException) -> str:
    """The innermost cause's type and message (`ServerDisconnectedError: ...`)."""
    seen: set[int] = set()
    cause: BaseException = exc
    while id(cause) not in seen:
        seen.add(id(cause))
        inner = cause.__cause__ or cause.__context__
        if inner is None:
            break
        cause = inner
    text = str(cause)
    return f"{type(cause).__name__}: {text}" if text else type(cause).__name__


def _refused(exc: BaseException) -> str | None:
    """The underlying reason when the connection itself failed (refused, no route, DNS)."""
    import socket

    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        text = str(cause)
        if isinstance(cause, ConnectionRefusedError | socket.gaierror) or any(
            marker in text
            for marker in ("Cannot connect to host", "Connect call failed", "Name or service")
        ):
            return text
        cause = cause.__cause__ or cause.__context__
    return None


def parse_completion(data: Any, latency_ms: float, where: str) -> ChatResult:
    """A chat.completion JSON body to a ChatResult; a body without a message is retryable."""
    choices = data.get("choices") if isinstance(data, dict) else None
    if not choices or not isinstance(choices[0], dict):
        raise ModelCallError(
            f"the response has no choices: {_short(json.dumps(data, default=str))}",
            retryable=True,
            where=where,
        )
    choice = choices[0]
    raw_message = choice.get("message")
    if not isinstance(raw_message, dict):
        raise ModelCallError("the response's choice has no message", retryable=True, where=where)
    message = {key: value for key, value in raw_message.items() if value is not None}
    try:
        message = without_lone_surrogates(message)
    except RecursionError:
        raise ModelCallError(
            "the response's message is nested too deeply to read", retryable=False, where=where
        ) from None
    message["role"] = "assistant"
    message.setdefault("content", None)
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    return ChatResult(
        message=message,
        finish_reason=choice.get("finish_reason"),
        prompt_tokens=_tokens(usage, "prompt_tokens", where),
        completion_tokens=_tokens(usage, "completion_tokens", where),
        latency_ms=latency_ms,
        model=data.get("model"),
    )


def without_lone_surrogates(message: dict[str, Any]) -> dict[str, Any]:
    """The message with every lone surrogate (a `\\ud800` escape in the body's JSON: half of
    a UTF-16 pair, no character) replaced by U+FFFD, in its text, its tool calls' arguments
    and its keys. A model's reply is stored, cached and sent again as UTF-8, which cannot
    hold one: left in, the batch holding the run could not be stored and every rerun would
    ask the model again. Valid pairs were joined by the JSON reader; what is left is lone."""
    from behaviordiff.loading import SURROGATE

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return SURROGATE.sub("\ufffd", value) if SURROGATE.search(value) else value
        if isinstance(value, dict):
            return {clean(key): clean(item) for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    cleaned: dict[str, Any] = clean(message)
    return cleaned


def _tokens(usage: dict[str, Any], key: str, where: str | None) -> int:
    """A token count of the response's `usage`; one that is not a whole number is an error
    naming the field (the server's answer is malformed), not an internal error."""
    value = usage.get(key)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ModelCallError(
            f"the response's usage.{key} is {_short(repr(value), 60)}, not a whole number",
            retryable=False,
            where=where,
        )
    return int(value)


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
