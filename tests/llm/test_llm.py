"""The model layer alone: request hash, cache, retries, rate limit, prices, budget, fake."""

from __future__ import annotations

import asyncio
import json
import random

import pytest

from behaviordiff.errors import BudgetExceeded, CredentialsError
from behaviordiff.llm.budget import Meter, MeteredModel
from behaviordiff.llm.cache import CachedModel, MemoryCallStore
from behaviordiff.llm.fake import FakeChatModel, tool_call_message
from behaviordiff.llm.model import ChatRequest, ChatResult, ModelCallError, request_hash
from behaviordiff.llm.prices import PriceTable
from behaviordiff.llm.retry import RateLimiter, RetryingModel, RetryPolicy
from behaviordiff.store import CallCache, Workspace
from tests.conftest import CliRunner
from tests.openai_server import OpenAIServer

REQUEST = ChatRequest(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "hi"}],
    parameters={"temperature": 0.2, "max_tokens": 50},
)


def test_request_hash_covers_every_part_of_the_request() -> None:
    same = ChatRequest(
        model="gpt-4o-mini",
        messages=[{"content": "hi", "role": "user"}],
        parameters={"max_tokens": 50, "temperature": 0.2},
    )
    assert request_hash(REQUEST) == request_hash(same)
    variants = [
        ChatRequest("gpt-4o", REQUEST.messages, parameters=REQUEST.parameters),
        ChatRequest(
            REQUEST.model, [{"role": "user", "content": "hi!"}], parameters=REQUEST.parameters
        ),
        ChatRequest(REQUEST.model, REQUEST.messages, parameters={"temperature": 0.3}),
        ChatRequest(
            REQUEST.model,
            REQUEST.messages,
            tools=[{"type": "function"}],
            parameters=REQUEST.parameters,
        ),
        ChatRequest(REQUEST.model, REQUEST.messages, parameters=REQUEST.parameters, sample=1),
    ]
    hashes = {request_hash(variant) for variant in variants}
    assert len(hashes) == len(variants) and request_hash(REQUEST) not in hashes


def test_cache_answers_repeated_requests_without_calling() -> None:
    fake = FakeChatModel(["first", "second"])
    cached = CachedModel(fake, MemoryCallStore())
    assert asyncio.run(cached.complete(REQUEST)).text == "first"
    again = asyncio.run(cached.complete(REQUEST))
    assert again.text == "first" and again.cached
    assert len(fake.requests) == 1
    other = ChatRequest(REQUEST.model, REQUEST.messages, parameters=REQUEST.parameters, sample=1)
    assert asyncio.run(cached.complete(other)).text == "second"
    bypass = CachedModel(fake, cached.store, enabled=False)
    assert asyncio.run(bypass.complete(REQUEST)).text == "OK"
    assert (cached.hits, cached.misses) == (1, 2)


def test_workspace_call_cache_survives_reopening(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "ws"
    with Workspace(folder) as workspace:
        cache = CallCache(workspace)
        cache.put("k1", "chat", "m", {"message": {"role": "assistant", "content": "x"}})
        assert cache.get("k1") is not None and cache.contains("k1")
        cache.flush()
    with Workspace(folder) as workspace:
        cache = CallCache(workspace)
        assert cache.get("k1") == {"message": {"role": "assistant", "content": "x"}}
        assert not cache.contains("k2") and cache.size() == 1


def test_retries_back_off_with_jitter_and_honour_retry_after() -> None:
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    fake = FakeChatModel(
        [
            ModelCallError("HTTP 500", retryable=True, status=500),
            ModelCallError("HTTP 429", retryable=True, status=429, retry_after=4.0),
            ModelCallError("timed out", retryable=True),
            "finally",
        ]
    )
    model = RetryingModel(fake, RetryPolicy(max_retries=3, base_delay=1.0), sleep=record, seed=1)
    assert asyncio.run(model.complete(REQUEST)).text == "finally"
    assert model.attempts == 4
    assert 0.5 <= sleeps[0] <= 1.0  # attempt 0: base, jittered into [half, full]
    assert sleeps[1] == 4.0  # the server's Retry-After
    assert 2.0 <= sleeps[2] <= 4.0  # attempt 2: 4 × base, jittered


def test_retries_give_up_and_do_not_retry_client_errors() -> None:
    async def no_sleep(seconds: float) -> None:
        return None

    failing = FakeChatModel([ModelCallError("HTTP 503", retryable=True)] * 3)
    with pytest.raises(ModelCallError, match="after 3 attempts"):
        asyncio.run(
            RetryingModel(failing, RetryPolicy(max_retries=2), sleep=no_sleep).complete(REQUEST)
        )
    bad = FakeChatModel([ModelCallError("HTTP 400", status=400), "never"])
    with pytest.raises(ModelCallError, match="HTTP 400"):
        asyncio.run(RetryingModel(bad, RetryPolicy(), sleep=no_sleep).complete(REQUEST))
    assert len(bad.requests) == 1


def test_backoff_is_capped() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0)
    rng = random.Random(0)
    assert all(policy.delay(attempt, None, rng) <= 5.0 for attempt in range(20))


def test_rate_limiter_spaces_requests_and_tokens() -> None:
    now = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    async def scenario() -> None:
        limiter = RateLimiter(60, 1000, clock=lambda: now[0], sleep=sleep)
        for _ in range(60):
            await limiter.acquire(10)
        assert waits == []  # the first minute's burst
        await limiter.acquire(10)
        assert waits == [pytest.approx(1.0)]  # then one request a second
        await limiter.acquire(800)
        level = 1000 - 61 * 10 + 1000 / 60  # 61 requests of 10 tokens, one second of refill
        assert sum(waits[1:]) == pytest.approx((800 - level) * 60 / 1000)

    asyncio.run(scenario())


def test_prices_match_snapshots_and_overrides() -> None:
    table = PriceTable.with_overrides({"house-model": (1.0, 2.0)})
    assert table.price("gpt-4o-mini-2024-07-18") == (0.15, 0.60)
    assert table.price("openai/gpt-4.1-mini") == (0.40, 1.60)
    assert table.price("gpt-4o") == (2.50, 10.00)
    assert table.cost("house-model", 1_000_000, 500_000) == pytest.approx(2.0)
    assert table.price("llama-3-70b") is None and table.cost("llama-3-70b", 1, 1) is None


def test_meter_stops_at_the_budget() -> None:
    meter = Meter(prices=PriceTable.with_overrides(None), max_requests=2)
    model = MeteredModel(FakeChatModel(), meter)
    asyncio.run(model.complete(REQUEST))
    asyncio.run(model.complete(REQUEST))
    with pytest.raises(BudgetExceeded, match="--max-requests 2"):
        asyncio.run(model.complete(REQUEST))
    assert meter.requests == 2 and meter.cost > 0
    costly = Meter(max_cost=0.0)
    with pytest.raises(BudgetExceeded, match="--max-cost"):
        costly.check()


def test_concurrent_requests_cannot_overshoot_the_cost_budget() -> None:
    """64 requests in flight at once: each holds its expected cost until answered, so the
    spend stays within --max-cost instead of overshooting by what was in flight."""
    prices = PriceTable.with_overrides({"gpt-4o-mini": (1000.0, 1000.0)})
    one = Meter(prices=prices)
    asyncio.run(MeteredModel(FakeChatModel(), one).complete(REQUEST))
    meter = Meter(prices=prices, max_cost=one.cost * 10)

    class Slow:
        def __init__(self) -> None:
            self.fake = FakeChatModel()

        async def complete(self, request: ChatRequest) -> ChatResult:
            await asyncio.sleep(0.01)
            return await self.fake.complete(request)

    model = MeteredModel(Slow(), meter)

    async def flood() -> list[object]:
        return await asyncio.gather(
            *(model.complete(REQUEST) for _ in range(64)), return_exceptions=True
        )

    results = asyncio.run(flood())
    refused = [r for r in results if isinstance(r, BudgetExceeded)]
    assert refused and "--max-cost" in str(refused[0])
    assert 0 < meter.requests <= 10
    assert meter.cost <= meter.max_cost
    assert meter.in_flight == 0 and meter.reserved_cost == pytest.approx(0.0)


def test_fake_model_queues_outputs_and_tool_calls() -> None:
    fake = FakeChatModel(
        [tool_call_message("lookup_order", {"order_id": "A1"}), ValueError("boom")], default=None
    )
    first = asyncio.run(fake.complete(REQUEST))
    assert first.finish_reason == "tool_calls"
    assert first.message["tool_calls"][0]["function"]["arguments"] == '{"order_id": "A1"}'
    with pytest.raises(ValueError, match="boom"):
        asyncio.run(fake.complete(REQUEST))
    with pytest.raises(AssertionError, match="no output queued"):
        asyncio.run(fake.complete(REQUEST))


def test_embeddings_through_the_client_are_batched_and_cached(openai_server: OpenAIServer) -> None:
    from behaviordiff.llm.embeddings import make_embed_function

    embed = make_embed_function(model="test-embedding", batch_size=2)
    texts = ["refund issued", "refund issued", "we escalated it", "members get 45 days"]
    vectors = embed(texts)
    assert len(vectors) == 4 and vectors[0] == vectors[1] and vectors[0] != vectors[2]
    assert openai_server.request_count == 2  # three distinct texts, two per batch
    assert openai_server.requests[0] == {
        "model": "test-embedding",
        "input": ["refund issued", "we escalated it"],
    }
    assert embed(texts[:2]) == vectors[:2]
    assert openai_server.request_count == 2  # answered from the cache


def test_compare_with_the_embeddings_backend(openai_server: OpenAIServer, cli: CliRunner) -> None:
    from tests.conftest import FIXTURES

    example = FIXTURES / "detect" / "example"
    old, new = example / "v1.s3.jsonl", example / "v2.s3.jsonl"
    result = cli(
        "compare",
        str(old),
        str(new),
        "--similarity",
        "embeddings",
        "--format",
        "json",
        env={"OPENAI_BASE_URL": openai_server.base_url},
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert openai_server.request_count >= 1
    changed = {p["probe_id"] for p in data["probes"] if p["verdict"] == "behavior-changed"}
    assert "delay-120-72h" in changed


def test_a_servers_retry_after_holds_every_worker() -> None:
    now = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    async def scenario() -> None:
        limiter = RateLimiter(clock=lambda: now[0], sleep=sleep)  # no rate limit configured
        await limiter.acquire()
        assert waits == []
        limiter.hold(5.0)  # one worker got a 429 with Retry-After: 5
        await limiter.acquire()  # another worker waits too, instead of getting its own 429
        assert waits == [pytest.approx(5.0)]

    asyncio.run(scenario())


def test_azure_deployments_through_the_azure_client(
    openai_server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AZURE_OPENAI_ENDPOINT: the model names the deployment, the key goes in `api-key`,
    OPENAI_API_VERSION in the query; the rest (retries, caching) is the same path."""
    from behaviordiff.llm.openai_client import OpenAIChatModel

    monkeypatch.delenv("OPENAI_BASE_URL")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", openai_server.base_url.removesuffix("/v1"))
    monkeypatch.setenv("OPENAI_API_VERSION", "2024-10-21")
    with pytest.raises(CredentialsError, match="AZURE_OPENAI_API_KEY"):
        OpenAIChatModel()
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-key")
    model = OpenAIChatModel()

    async def ask() -> ChatResult:
        try:
            return await model.complete(REQUEST)
        finally:
            await model.aclose()

    result = asyncio.run(ask())
    assert result.message.get("content")
    path, headers = openai_server.calls[-1]
    assert path == "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21"
    assert {k.lower(): v for k, v in headers.items()}["api-key"] == "azure-key"
    assert model.endpoint == openai_server.base_url.removesuffix("/v1")


def test_cache_does_not_store_answers_over_its_limit() -> None:
    fake = FakeChatModel(["x" * 50, "short"])
    cached = CachedModel(fake, MemoryCallStore(), max_cached_chars=10)
    assert asyncio.run(cached.complete(REQUEST)).text == "x" * 50
    assert cached.store.get(cached.key(REQUEST)) is None  # returned, not kept
    assert asyncio.run(cached.complete(REQUEST)).text == "short"  # asked again
    assert cached.store.get(cached.key(REQUEST)) is not None
    assert len(fake.requests) == 2


def test_no_key_says_how_to_go_on_offline_for_runs_and_for_drafting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from behaviordiff.llm.openai_client import OFFLINE_DRAFT, build_client

    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(CredentialsError) as run:
        build_client()
    assert "run agents with `--adapter command` or `replay`" in str(run.value.hint)
    with pytest.raises(CredentialsError) as draft:
        build_client(offline=OFFLINE_DRAFT)
    # drafting runs no agent: only the drafter to choose
    assert "--adapter" not in str(draft.value.hint)
    assert "`--drafter template`" in str(draft.value.hint)
