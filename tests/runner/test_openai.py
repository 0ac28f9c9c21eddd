"""The openai adapter through the real `openai` client against a local scripted server:
tool loop, failures, retries, cache, resume and budget. Every case ends stored."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.errors import BudgetExceeded, CredentialsError, Interrupted, VersionError
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest, ChatResult, ModelCallError
from behaviordiff.llm.openai_client import OpenAIChatModel, build_client
from behaviordiff.llm.retry import RetryingModel, RetryPolicy
from behaviordiff.runner import run_release
from behaviordiff.runner.scheduler import RunEvent
from behaviordiff.store import RunStore, Workspace, load_release_transcripts, load_transcripts
from behaviordiff.transcripts import Transcript
from tests.openai_server import (
    OpenAIServer,
    Reply,
    hang,
    rate_limited,
    server_error,
    text_reply,
    tool_call_reply,
)
from tests.runner_project import (
    by_probe,
    make_project,
    probe,
    replace_options,
    run,
    scripted_agent,
    transcripts,
    user_text,
)


@pytest.fixture
def server(openai_server: OpenAIServer) -> OpenAIServer:
    openai_server.responder = scripted_agent
    return openai_server


def test_tool_loop_answers_from_the_probe_fixtures(tmp_path: Path, server: OpenAIServer) -> None:
    outcome = run(tmp_path, samples=2)
    assert outcome.counts == {"ok": 8}
    assert outcome.complete and not outcome.resumed
    stored = transcripts(tmp_path, outcome.release_id or 0)
    order = by_probe(stored, "order")
    assert len(order) == 4
    for transcript in order:
        assert [call.name for call in transcript.tool_calls] == ["lookup_order"]
        call = transcript.tool_calls[0]
        assert call.arguments == {"order_id": "A1"}
        assert json.loads(call.result or "") == {"order_id": "A1", "status": "in_transit"}
        assert "in_transit" in transcript.final_reply
        assert transcript.finish_reason == "stop"
        assert transcript.usage == {"prompt_tokens": 24, "completion_tokens": 14, "calls": 2}
        assert transcript.messages[0]["role"] == "system"
        assert [m["role"] for m in transcript.messages[1:]] == [
            "user",
            "assistant",
            "tool",
            "assistant",
        ]
    greet = by_probe(stored, "greet")
    assert {t.final_reply for t in greet} == {"Hello! How can I help?"}
    assert all(not t.tool_calls and t.error is None for t in greet)
    # 2 probes × 2 samples × 2 versions; the order probe takes two requests.
    assert server.request_count == 12
    first = server.requests[0]
    assert first["model"] == "gpt-4o-mini"
    assert first["max_tokens"] == 100
    assert {tool["function"]["name"] for tool in first["tools"]} == {
        "lookup_order",
        "escalate_to_human",
    }
    systems = {body["messages"][0]["content"] for body in server.requests}
    assert systems == {
        "You are the support agent (v1). The customer is Alex.\n",
        "You are the support agent (v2). The customer is Alex.\n",
    }
    assert {body["temperature"] for body in server.requests} == {0.3, 0.2}


def test_rerun_sends_no_request_and_a_changed_probe_reruns_alone(
    tmp_path: Path, server: OpenAIServer
) -> None:
    first = run(tmp_path, samples=2)
    sent = server.request_count
    second = run(tmp_path, samples=2)
    assert server.request_count == sent
    assert second.release_id == first.release_id and second.unchanged  # no new release
    assert second.counts == {"ok": 8}
    # Through the call cache alone (no copying of stored runs) it is the same.
    third = run(tmp_path, replace_options(reuse_runs=False), samples=2)
    assert server.request_count == sent
    assert third.progress is not None and third.progress.cached == 8
    # Change one probe: only its runs are sent again.
    probes = [
        probe("greet", "[greet] hello"),
        probe(
            "order",
            "[order] where is my order A1? It is late.",
            tool_fixtures={"lookup_order": {"order_id": "A1", "status": "late"}},
        ),
    ]
    fourth = run(tmp_path, samples=2, probes=probes)
    assert server.request_count == sent + 8  # order: 2 samples × 2 versions × 2 requests
    assert fourth.counts == {"ok": 8}
    # --no-cache sends everything again.
    run(tmp_path, replace_options(use_cache=False), samples=2, probes=probes)
    assert server.request_count == sent + 8 + 12


def test_another_endpoint_is_not_answered_from_the_cache(
    tmp_path: Path, server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(tmp_path, samples=1)
    sent = server.request_count
    with OpenAIServer(scripted_agent) as other:
        monkeypatch.setenv("OPENAI_BASE_URL", other.base_url)
        outcome = run(tmp_path, samples=1)
        assert outcome.counts == {"ok": 4}
        assert other.request_count > 0  # a different server: its answers are its own
    assert server.request_count == sent


def test_tool_errors_are_recorded_not_fatal(tmp_path: Path, server: OpenAIServer) -> None:
    probes = [
        probe("unknown", "[unknown] cancel it all"),
        probe("nofixture", "[nofixture] where is A1?"),
        probe(
            "malformed",
            "[malformed] where is A1?",
            tool_fixtures={"lookup_order": {"status": "in_transit"}},
        ),
        probe("escalate", "[escalate] a human please"),
        probe("loop", "[loop] order?", tool_fixtures={"lookup_order": {"status": "x"}}),
    ]
    outcome = run(tmp_path, probes=probes)
    stored = transcripts(tmp_path, outcome.release_id or 0)
    assert len(stored) == 10

    for transcript in by_probe(stored, "unknown"):
        assert transcript.error is None
        assert transcript.metadata["tool_errors"] == [
            {"tool_call_id": "call_unknown", "error": "unknown tool 'cancel_everything'"}
        ]
        assert "unknown tool" in (transcript.tool_calls[0].result or "")
    for transcript in by_probe(stored, "nofixture"):
        assert transcript.error is None
        assert (
            "no fixture for tool 'lookup_order'" in transcript.metadata["tool_errors"][0]["error"]
        )
    for transcript in by_probe(stored, "malformed"):
        assert transcript.error is None
        call = transcript.tool_calls[0]
        assert call.arguments is None and call.raw_arguments == '{"order_id": "A1'
        assert "not valid JSON" in transcript.metadata["tool_errors"][0]["error"]
    for transcript in by_probe(stored, "escalate"):
        assert transcript.escalated and transcript.escalation_reason == "tool escalate_to_human"
        assert json.loads(transcript.tool_calls[0].result or "") == {"status": "handed_off"}
    for transcript in by_probe(stored, "loop"):
        assert transcript.error is not None and "max_steps (3)" in transcript.error
        assert transcript.finish_reason == "max_steps"
        assert len(transcript.tool_calls) == 3
    summary = {p.probe_id: p for p in outcome.probes}
    assert summary["escalate"].head.escalated == 1
    assert summary["loop"].base.errors == 1


def test_429_with_retry_after_and_500s_are_retried(tmp_path: Path, server: OpenAIServer) -> None:
    server.script("[greet]", rate_limited("0"), server_error(500), server_error(503))
    events: list[RunEvent] = []
    outcome = run(tmp_path, events=events, max_retries=3, concurrency=1)
    assert outcome.counts == {"ok": 4}
    assert outcome.progress is not None and outcome.progress.retries == 3
    retries = [event.message for event in events if event.kind == "retry"]
    assert any("HTTP 429" in message for message in retries)
    assert any("HTTP 503" in message for message in retries)
    assert server.request_count == 6 + 3


def test_retry_after_header_is_honoured(openai_server: OpenAIServer) -> None:
    openai_server.queue(rate_limited("7"), rate_limited("2.5"), text_reply("done"))
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    async def call() -> ChatResult:
        model = OpenAIChatModel(build_client(timeout=5))
        try:
            retrying = RetryingModel(model, RetryPolicy(max_retries=3), sleep=record)
            return await retrying.complete(ChatRequest(model="m", messages=[]))
        finally:
            await model.aclose()

    result = asyncio.run(call())
    assert result.text == "done"
    assert sleeps == [7.0, 2.5]


def test_retry_after_too_long_is_not_waited_for(openai_server: OpenAIServer) -> None:
    openai_server.queue(rate_limited("3600"))

    async def call() -> None:
        model = OpenAIChatModel(build_client(timeout=5))
        try:
            await RetryingModel(model, RetryPolicy(max_retries=3)).complete(
                ChatRequest(model="m", messages=[])
            )
        finally:
            await model.aclose()

    with pytest.raises(ModelCallError, match="HTTP 429"):
        asyncio.run(call())
    assert openai_server.request_count == 1


def test_failed_runs_are_recorded_then_retried_next_time(
    tmp_path: Path, server: OpenAIServer
) -> None:
    # Every attempt for the greet probe fails: 1 try + 1 retry per run, 2 runs.
    server.script("[greet]", *[server_error(500)] * 4)
    first = run(tmp_path, max_retries=1)
    assert first.counts == {"ok": 2, "error": 2}
    assert not first.complete
    failed = [t for t in transcripts(tmp_path, first.release_id or 0) if t.error]
    assert {t.probe_id for t in failed} == {"greet"}
    assert all(
        "HTTP 500" in (t.error or "") and "after 2 attempts" in (t.error or "") for t in failed
    )
    assert {p.probe_id: p.base.errors for p in first.probes} == {"greet": 1, "order": 0}
    sent = server.request_count
    # The server recovered: the next run resumes the same release and sends only the failures.
    events: list[RunEvent] = []
    second = run(tmp_path, events=events, max_retries=1)
    assert second.resumed and second.release_id == first.release_id
    assert server.request_count == sent + 2
    assert second.counts == {"ok": 4}
    assert events[0].message == f"Resuming release #{first.release_id}: 2 of 4 runs already stored"
    with Workspace(tmp_path / "ws") as workspace:
        attempts = workspace.db.execute(
            "SELECT probe_id, attempts FROM runs WHERE release_id = ? ORDER BY probe_id, side",
            (first.release_id,),
        ).fetchall()
    assert [tuple(row) for row in attempts] == [
        ("greet", 2),
        ("greet", 2),
        ("order", 1),
        ("order", 1),
    ]


def test_a_hang_past_the_timeout_is_retried_then_recorded(
    tmp_path: Path, server: OpenAIServer
) -> None:
    server.script("[greet]", hang(3), text_reply("late but fine"), hang(3), hang(3))
    outcome = run(tmp_path, timeout=0.4, max_retries=1, concurrency=1)
    stored = by_probe(transcripts(tmp_path, outcome.release_id or 0), "greet")
    replies = sorted((t.final_reply, t.error or "") for t in stored)
    assert replies[0][0] == "" and "timed out after 0.4 s (the `[run] timeout`)" in replies[0][1]
    assert server.base_url in replies[0][1]  # which endpoint, and after how long (trial H9)
    assert replies[1] == ("late but fine", "")
    assert outcome.counts == {"ok": 3, "error": 1}


def test_malformed_response_body_is_an_error_not_a_crash(
    tmp_path: Path, server: OpenAIServer
) -> None:
    from tests.openai_server import Reply

    server.script("[greet]", *[Reply(status=200, body=b'{"choices": []}')] * 2)
    server.script("[greet]", *[Reply(status=200, body=b"not json at all")] * 2)
    outcome = run(tmp_path, max_retries=1, concurrency=1)
    greet = by_probe(transcripts(tmp_path, outcome.release_id or 0), "greet")
    assert all(t.error for t in greet)
    assert outcome.counts["ok"] == 2


def test_interrupted_run_keeps_finished_work_and_resumes(tmp_path: Path) -> None:
    calls = {"n": 0}

    def responder(request: ChatRequest) -> str:
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt
        return "fine"

    probes = [probe(f"p{i}", f"[greet] hello {i}") for i in range(5)]
    fake = FakeChatModel(responder=responder)
    with pytest.raises(Interrupted) as caught:
        run(tmp_path, probes=probes, concurrency=1, chat_model=fake)
    assert caught.value.exit_code == 130
    assert "run the same command again" in str(caught.value).lower()
    with Workspace(tmp_path / "ws") as workspace:
        stored = RunStore(workspace).counts(1)
    assert stored == {"ok": 5}
    events: list[RunEvent] = []
    resumed = run(tmp_path, probes=probes, concurrency=1, chat_model=fake, events=events)
    assert resumed.resumed and resumed.release_id == 1
    assert resumed.counts == {"ok": 10}
    assert resumed.progress is not None and resumed.progress.done == 5
    assert events[0].message == "Resuming release #1: 5 of 10 runs already stored"
    # 5 answered, 1 interrupted, 5 more after resuming.
    assert len(fake.requests) == 11


def test_budget_refuses_to_start(tmp_path: Path, server: OpenAIServer) -> None:
    with pytest.raises(BudgetExceeded, match="about 6 requests, over --max-requests 5"):
        run(tmp_path, replace_options(max_requests=5))
    with pytest.raises(BudgetExceeded, match=r"estimated at \$0\.00\d+, over --max-cost"):
        run(tmp_path, replace_options(max_cost=0.000001))
    assert server.request_count == 0
    with Workspace(tmp_path / "ws") as workspace:
        assert workspace.releases() == []


def test_budget_needs_a_price(tmp_path: Path, server: OpenAIServer) -> None:
    with pytest.raises(BudgetExceeded, match="no price known for house-model-7b") as caught:
        run(tmp_path, replace_options(max_cost=1.0), model="house-model-7b")
    assert "[run.prices]" in (caught.value.hint or "")


def test_budget_stops_cleanly_mid_run(tmp_path: Path, server: OpenAIServer) -> None:
    # The estimate assumes 2 requests for a probe with fixtures; [loop] makes 3.
    probes = [
        probe(f"l{i}", f"[loop] order {i}", tool_fixtures={"lookup_order": {}}) for i in range(2)
    ]
    outcome = run(tmp_path, replace_options(max_requests=8), probes=probes, concurrency=1)
    assert outcome.stopped is not None and "--max-requests 8" in outcome.stopped
    assert server.request_count == 8
    assert outcome.counts == {"error": 2}  # two runs hit max_steps; the rest were not stored
    resumed = run(tmp_path, probes=probes, concurrency=1)
    assert resumed.resumed and resumed.counts == {"error": 4}


def test_dry_run_estimates_and_sends_nothing(tmp_path: Path, server: OpenAIServer) -> None:
    outcome = run(tmp_path, replace_options(dry_run=True), samples=3)
    assert outcome.dry_run and outcome.release_id is None
    estimate = outcome.estimate
    assert (estimate.runs, estimate.requests, estimate.cached_runs) == (12, 18, 0)
    assert estimate.cost is not None and estimate.cost > 0
    assert server.request_count == 0
    run(tmp_path, samples=3)
    again = run(tmp_path, replace_options(dry_run=True), samples=3)
    assert (again.estimate.requests, again.estimate.cached_runs) == (0, 12)


def test_no_key_and_no_base_url_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError, match="OPENAI_API_KEY is not set"):
        run(tmp_path)


def test_transcripts_load_per_side(tmp_path: Path, server: OpenAIServer) -> None:
    outcome = run(tmp_path, samples=2)
    with Workspace(tmp_path / "ws") as workspace:
        base = load_transcripts(workspace, outcome.release_id or 0, "base")
    assert [(t.probe_id, t.sample) for t in base] == [
        ("greet", 0),
        ("greet", 1),
        ("order", 0),
        ("order", 1),
    ]
    assert all(isinstance(t, Transcript) for t in base)
    assert base[2].tool_calls[0].name == "lookup_order"


def test_a_configured_seed_differs_per_sample(tmp_path: Path, server: OpenAIServer) -> None:
    run(tmp_path, samples=3, extra="seed: 7\n", probes=[probe("greet", "[greet] hi")])
    assert sorted(body["seed"] for body in server.requests) == [7, 7, 8, 8, 9, 9]


def test_default_http_transport_without_aiohttp(
    openai_server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openai

    def missing(**kwargs: Any) -> None:
        raise RuntimeError("To use the aiohttp client you must have installed the package")

    monkeypatch.setattr(openai, "DefaultAioHttpClient", missing)
    openai_server.queue(tool_call_reply("lookup_order", {"order_id": "A1"}))

    async def call() -> ChatResult:
        model = OpenAIChatModel(base_url=openai_server.base_url, timeout=5)
        try:
            return await model.complete(ChatRequest(model="m", messages=[]))
        finally:
            await model.aclose()

    result = asyncio.run(call())
    assert result.finish_reason == "tool_calls"
    assert result.message["tool_calls"][0]["function"]["name"] == "lookup_order"
    assert (result.prompt_tokens, result.completion_tokens) == (12, 7)


def test_estimates_learn_from_what_earlier_runs_used(
    tmp_path: Path, server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a release, a changed prompt's dry run estimates each probe from what its runs
    used last time (calls of the tool loop, tokens) instead of guessing from the request."""
    from behaviordiff.config import Project, ProjectConfig
    from behaviordiff.pipeline import load_pair
    from behaviordiff.probes import load_suites

    first = run(tmp_path, samples=2)
    with Workspace(tmp_path / "ws") as workspace:
        head = load_release_transcripts(workspace, first.release_id or 0)["head"]
    used = (
        sum(t.usage["calls"] for t in head),
        sum(t.usage["prompt_tokens"] for t in head),
        sum(t.usage["completion_tokens"] for t in head),
    )
    assert used == (6, 72, 42)  # greet: 1 call, order: 2 calls; the server reports 12/7 a call

    (tmp_path / "v2" / "system.md.j2").write_text(
        "You are the support agent (v2, revised). The customer is {{ customer_name }}.\n"
    )
    project = Project(ProjectConfig(), tmp_path, None)
    pair = load_pair(project, str(tmp_path / "v1"), str(tmp_path / "v2"))
    suite = load_suites([tmp_path / "probes.yaml"])
    options = replace_options(dry_run=True, samples=2)
    with Workspace(tmp_path / "ws") as workspace:
        dry = run_release(project, pair, suite, workspace, options).estimate
    with Workspace(tmp_path / "fresh-ws") as fresh:
        guessed = run_release(project, pair, suite, fresh, options).estimate
    assert dry.cached_runs == 4 and dry.from_history == 4  # base unchanged: from the cache
    assert (dry.requests, dry.prompt_tokens, dry.completion_tokens) == used
    assert guessed.from_history == 0
    # another endpoint answers differently: its history is not used
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    with Workspace(tmp_path / "ws") as workspace:
        elsewhere = run_release(project, pair, suite, workspace, options).estimate
    assert elsewhere.from_history == 0
    assert (guessed.prompt_tokens, guessed.completion_tokens) != (72 * 2, 42 * 2)


def test_an_endpoint_that_fails_mid_run_stops_the_run(
    tmp_path: Path, openai_server: OpenAIServer
) -> None:
    """The server answers, then only fails: after a streak of failures the run stops (in-flight
    runs cancelled, not stored) instead of retrying every remaining run for minutes."""
    answered = 0

    def flaky(body: dict[str, Any]) -> Any:
        nonlocal answered
        answered += 1
        return text_reply("Hello!") if answered <= 10 else server_error(500)

    openai_server.responder = flaky
    probes = [probe(f"p{index:02d}", f"[greet] hi {index}") for index in range(40)]
    outcome = run(tmp_path, probes=probes, concurrency=2)
    assert outcome.stopped is not None and "runs all failed" in outcome.stopped
    assert "HTTP 500: The server had an error" in outcome.stopped
    assert not outcome.complete
    stored = outcome.counts.get("ok", 0) + outcome.counts.get("error", 0)
    assert outcome.counts.get("ok") == 10 and stored < 80


def test_a_run_stopped_by_the_budget_is_neither_analysed_nor_drafted(
    tmp_path: Path, server: OpenAIServer
) -> None:
    """Analysing half a suite would report the rest as unchanged: a stopped release waits for
    the next `run`, which finishes it and then analyses and drafts it whole."""
    from behaviordiff.pipeline import run_pipeline

    # estimated at 2 requests each, the [loop] probes take 3: the cap is met mid-run
    probes = [probe(f"g{i}", f"[greet] hi {i}") for i in range(2)] + [
        probe(f"l{i}", f"[loop] order {i}", tool_fixtures={"lookup_order": {}}) for i in range(4)
    ]
    project, pair, suite = make_project(tmp_path, probes=probes, concurrency=1)
    with Workspace(tmp_path / "ws") as workspace:
        stopped = run_pipeline(
            project, pair, suite, workspace, replace_options(max_requests=20), drafter="template"
        )
        assert stopped.outcome.stopped and stopped.analysis is None and stopped.drafts is None
        assert not workspace.has_analysis(stopped.outcome.release_id or 0)
        finished = run_pipeline(
            project, pair, suite, workspace, replace_options(), drafter="template"
        )
    assert finished.outcome.resumed and finished.outcome.release_id == stopped.outcome.release_id
    assert finished.analysis is not None and finished.drafts is not None


def long_replies(body: dict[str, Any]) -> Reply:
    """[bigargs]: a tool call with 3,000 characters of arguments, then a short answer;
    [bigtext]: a short tool call, then a 5,000-character answer; else `scripted_agent`."""
    text = user_text(body)
    answered = body["messages"][-1]["role"] == "tool"
    if "[bigargs]" in text and not answered:
        return tool_call_reply("lookup_order", {"order_id": "A" * 3000}, call_id="call_big")
    if "[bigtext]" in text and not answered:
        return tool_call_reply("lookup_order", {"order_id": "A1"}, call_id="call_small")
    if "[bigtext]" in text:
        return text_reply("word " * 1000)
    return scripted_agent(body)


def test_a_reply_over_max_reply_chars_fails_that_run_alone(
    tmp_path: Path, openai_server: OpenAIServer
) -> None:
    openai_server.responder = long_replies
    probes = [
        probe("greet", "[greet] hello"),
        probe("bigargs", "[bigargs] where is A1?", tool_fixtures={"lookup_order": {}}),
        probe("bigtext", "[bigtext] where is A1?", tool_fixtures={"lookup_order": {}}),
    ]
    first = run(tmp_path, probes=probes, extra="max_reply_chars: 2000\n")
    assert first.counts == {"ok": 2, "error": 4}
    stored = transcripts(tmp_path, first.release_id)
    for transcript in by_probe(stored, "bigargs"):
        assert transcript.error == (
            "probe 'bigargs', step 1: the model's reply holds 3,016 characters in the "
            "arguments of its tool call 'lookup_order', over the limit of 2,000 characters a "
            "reply may have; the run was stopped there (the whole conversation is sent again "
            "at each step of the tool loop). If replies this long are expected, raise "
            "`max_reply_chars` in agent.yaml"
        )
        assert transcript.finish_reason == "reply_too_long"
        # the long reply is neither in the conversation nor in the tool calls
        assert [m["role"] for m in transcript.messages] == ["system", "user"]
        assert transcript.tool_calls == [] and transcript.usage["calls"] == 1
    for transcript in by_probe(stored, "bigtext"):
        assert (transcript.error or "").startswith(
            "probe 'bigtext', step 2: the model's reply holds 5,000 characters in its text"
        )
        assert [m["role"] for m in transcript.messages] == ["system", "user", "assistant", "tool"]
    assert all(t.error is None for t in by_probe(stored, "greet"))
    # The rerun redoes only the failed runs, from the call cache (nothing is sent again).
    sent = openai_server.request_count
    second = run(tmp_path, probes=probes, extra="max_reply_chars: 2000\n")
    assert second.resumed and second.release_id == first.release_id
    assert second.counts == {"ok": 2, "error": 4}
    assert openai_server.request_count == sent
    # Raised, the stored answers are read from the cache and the loops go on.
    third = run(tmp_path, probes=probes, extra="max_reply_chars: 10000\n")
    assert third.counts == {"ok": 6}
    assert openai_server.request_count == sent + 2  # bigargs' second step, on each side


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "greater than or equal to 1 (got 0)"),
        ("64000001", "less than or equal to 64000000 (got 64000001)"),
        ("lots", "a valid integer"),
    ],
)
def test_max_reply_chars_is_validated_with_its_line(
    tmp_path: Path, value: str, message: str
) -> None:
    with pytest.raises(VersionError) as caught:
        make_project(tmp_path, extra=f"max_reply_chars: {value}\n")
    text = str(caught.value)
    assert "agent.yaml:27: key 'max_reply_chars': Input should be " in text and message in text
