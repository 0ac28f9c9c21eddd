"""A model server that misbehaves gets an honest message: what happened, where, and whether it
is retried; the counts a run reports are what the server saw."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from behaviordiff.llm.model import ChatRequest, ChatResult, ModelCallError
from behaviordiff.llm.openai_client import OpenAIChatModel, build_client
from behaviordiff.llm.retry import RetryingModel, RetryPolicy
from tests.openai_server import OpenAIServer, Reply, rate_limited
from tests.runner_project import by_probe, run, scripted_agent, transcripts


@pytest.fixture
def server(openai_server: OpenAIServer) -> OpenAIServer:
    openai_server.responder = scripted_agent
    return openai_server


def _call(base_url: str | None = None, retries: int = 0) -> ChatResult:
    async def call() -> ChatResult:
        model = OpenAIChatModel(build_client(base_url=base_url, timeout=5))
        try:
            retrying = RetryingModel(model, RetryPolicy(max_retries=retries, base_delay=0.01))
            return await retrying.complete(ChatRequest(model="m", messages=[]))
        finally:
            await model.aclose()

    return asyncio.run(call())


def test_a_body_that_is_not_json_names_the_endpoint_and_is_retried(
    openai_server: OpenAIServer,
) -> None:
    openai_server.queue(Reply(status=200, body=b"<html>502 Bad Gateway</html>"))
    openai_server.queue(Reply(status=200, body=b"not json either"))
    with pytest.raises(ModelCallError) as caught:
        _call(retries=1)
    error = caught.value
    assert "not JSON" in error.message and "after 2 attempts" in error.message
    assert error.where == openai_server.base_url.rstrip("/") + "/chat/completions"
    assert error.retryable
    assert openai_server.request_count == 2


def test_a_run_stores_the_not_json_cause_per_probe(tmp_path: Path, server: OpenAIServer) -> None:
    server.script("[greet]", *[Reply(status=200, body=b"<html>oops</html>")] * 4)
    outcome = run(tmp_path, max_retries=1, concurrency=1)
    greet = by_probe(transcripts(tmp_path, outcome.release_id or 0), "greet")
    assert greet and all("not JSON" in (t.error or "") for t in greet)
    assert all("internal error" not in (t.error or "") for t in greet)


def test_retry_after_over_the_cap_says_so(openai_server: OpenAIServer) -> None:
    openai_server.queue(rate_limited("3600"))
    with pytest.raises(ModelCallError) as caught:
        _call(retries=3)
    assert "asked to wait 3600 s (Retry-After), longer than the 300 s" in caught.value.message
    assert openai_server.request_count == 1


@pytest.fixture
def cutting_server() -> Iterator[str]:
    """Answers every request with headers promising 1,000 bytes, sends 13, and hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b'Content-Length: 1000\r\n\r\n{"choices": ['
                )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    stop.set()
    listener.close()


def test_a_cut_connection_is_not_cannot_connect(cutting_server: str) -> None:
    with pytest.raises(ModelCallError) as caught:
        _call(cutting_server)
    assert "connection was cut" in caught.value.message
    assert "cannot connect" not in caught.value.message
    assert caught.value.retryable


def test_a_refused_connection_is_cannot_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    with pytest.raises(ModelCallError, match="cannot connect"):
        _call(f"http://127.0.0.1:{free_port}/v1")


def test_requests_count_every_attempt_the_server_saw(tmp_path: Path, server: OpenAIServer) -> None:
    server.responder = lambda body: rate_limited("0")
    outcome = run(tmp_path, max_retries=2, concurrency=1)
    assert outcome.progress is not None
    assert outcome.counts.get("ok", 0) == 0
    assert outcome.progress.requests == server.request_count > 0
    assert outcome.progress.retries == server.request_count - outcome.counts["error"]


def test_the_runs_time_stops_when_the_runs_end(tmp_path: Path, server: OpenAIServer) -> None:
    outcome = run(tmp_path, concurrency=1)
    assert outcome.progress is not None and outcome.progress.finished is not None
    first = outcome.progress.elapsed
    assert outcome.progress.elapsed == first


def test_a_lone_surrogate_in_a_reply_is_stored_as_a_replacement_character(
    tmp_path: Path, server: OpenAIServer
) -> None:
    """A reply whose JSON holds "\\ud800" (half of a UTF-16 pair: no character) in its text
    or in a tool call's arguments cannot be stored as UTF-8: the run keeps it as U+FFFD, and
    the batch holding it (the other probes' runs too) is stored, not lost to an internal
    error on every rerun."""
    server.script("[greet]", Reply(message={"role": "assistant", "content": "Hi \ud800 there"}))
    server.script(
        "[order]",
        Reply(
            message={
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "c1",
                        "type": "function",
                        "function": {
                            "name": "lookup_order",
                            "arguments": '{"order_id": "A\udc01"}',
                        },
                    }
                ],
            },
            finish_reason="tool_calls",
        ),
    )
    outcome = run(tmp_path, concurrency=1)
    stored = transcripts(tmp_path, outcome.release_id)
    greet = by_probe(stored, "greet")
    assert greet and all(t.error is None for t in greet)
    assert any("Hi \ufffd there" in (t.final_reply or "") for t in greet)
    order = by_probe(stored, "order")
    assert order and all(t.error is None for t in order)
    calls = [call for t in order for call in t.tool_calls]
    assert any(call.arguments == {"order_id": "A\ufffd"} for call in calls)


def test_an_html_page_sent_as_html_is_called_not_json(openai_server: OpenAIServer) -> None:
    """A proxy's page sent as text/html reached the reply reader as text and was reported as
    "the response has no choices"; it is the same "not JSON" as a page sent as JSON."""
    page = Reply(status=200, body=b"<html>502</html>", headers={"Content-Type": "text/html"})
    openai_server.queue(page, page)
    with pytest.raises(ModelCallError) as caught:
        _call(retries=1)
    assert "not JSON" in caught.value.message and "<html>502</html>" in caught.value.message
    assert "no choices" not in caught.value.message
    assert caught.value.retryable
