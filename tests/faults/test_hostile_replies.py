"""A model server whose answer is endless, trickles, or nests without end: the call ends
with a `ModelCallError` saying which, never a hang, memory run out, or a RecursionError."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from behaviordiff.llm import openai_client
from behaviordiff.llm.model import ChatRequest, ChatResult, ModelCallError
from behaviordiff.llm.openai_client import OpenAIChatModel, build_client

DEEP = b'{"choices": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


class _Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = ""
    stop = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            if self.mode == "deep":
                self._whole(DEEP)
            elif self.mode == "announced":  # a Content-Length over the limit: never read
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(10 * 1024 * 1024 * 1024))
                self.end_headers()
                self.wfile.write(b" " * 1024)
                self.stop.wait(30)
            else:  # chunked: "endless" as fast as it goes, "drip" a byte at a time
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                chunk = b" " * (65536 if self.mode == "endless" else 1)
                frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
                while not self.stop.is_set():
                    self.wfile.write(frame)
                    self.wfile.flush()
                    if self.mode == "drip":
                        time.sleep(0.05)
        except OSError:
            pass

    def _whole(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hostile() -> Iterator[type[_Hostile]]:
    """A server answering per `mode`; yields the handler class (set its `mode`)."""

    class Handler(_Hostile):
        stop = threading.Event()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.url = f"http://127.0.0.1:{server.server_address[1]}/v1"  # type: ignore[attr-defined]
    yield Handler
    Handler.stop.set()
    server.shutdown()
    server.server_close()


def _call(base_url: str) -> ChatResult:
    async def call() -> ChatResult:
        model = OpenAIChatModel(build_client(base_url=base_url, timeout=5))
        try:
            return await model.complete(ChatRequest(model="m", messages=[]))
        finally:
            await model.aclose()

    return asyncio.run(call())


def test_an_answer_nested_without_end_is_a_call_error(hostile: type[_Hostile]) -> None:
    """It was a RecursionError: `draft` stopped with exit 70."""
    hostile.mode = "deep"
    with pytest.raises(ModelCallError) as caught:
        _call(hostile.url)  # type: ignore[attr-defined]
    assert caught.value.message == "the server's answer is JSON nested too deeply to read"
    assert str(caught.value.where).endswith("/chat/completions")


@pytest.mark.parametrize("mode", ["endless", "announced"])
def test_an_answer_past_the_size_limit_is_not_read_to_its_end(
    hostile: type[_Hostile], monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """An endless body was read until memory ran out; one announced as 10 GB is refused
    before it is read."""
    monkeypatch.setattr(openai_client, "MAX_RESPONSE_BYTES", 1024 * 1024)
    hostile.mode = mode
    with pytest.raises(ModelCallError) as caught:
        _call(hostile.url)  # type: ignore[attr-defined]
    assert caught.value.message.startswith("the server's answer is larger than 1 MB")
    assert not caught.value.retryable
    if mode == "announced":
        assert "(10240 MB)" in caught.value.message


def test_an_answer_that_trickles_stops_at_the_deadline(
    hostile: type[_Hostile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A byte every 50 ms never trips the 5 s wait between reads: the call waited for good."""
    monkeypatch.setattr(openai_client, "deadline", lambda timeout: 0.5)
    hostile.mode = "drip"
    with pytest.raises(ModelCallError) as caught:
        _call(hostile.url)  # type: ignore[attr-defined]
    assert caught.value.message == "the server was still sending its answer after 0.5 seconds"
    assert not caught.value.retryable


def test_the_deadline_follows_the_timeout_of_a_client_built_elsewhere() -> None:
    """The drafter builds its client with the configured timeout: the deadline follows it."""
    model = OpenAIChatModel(build_client(base_url="http://127.0.0.1:9/v1", timeout=7))
    assert model._timeout == 7
