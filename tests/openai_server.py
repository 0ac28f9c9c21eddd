"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1, for tests and benchmarks.

It is a real HTTP server (stdlib, HTTP/1.1 keep-alive, a thread per connection) so the real
`openai` client is exercised end to end. Replies are scripted per request: by a rule matching
the request's messages, else from a global queue, else from the default responder. Every
request body is recorded and counted.

Run as a script (`python tests/openai_server.py`) it serves instant replies and prints its URL;
GET /_stats returns {"requests": n}.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    message: dict[str, Any] | None = None
    """The assistant message of a 200 reply."""
    finish_reason: str = "stop"
    body: bytes | None = None
    """A raw body, sent as it is (for errors and broken replies)."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering: longer than the client's timeout makes a hang."""
    usage: tuple[int, int] = (12, 7)


def text_reply(text: str, **kwargs: Any) -> Reply:
    return Reply(message={"role": "assistant", "content": text}, **kwargs)


def tool_call_reply(
    name: str, arguments: dict[str, Any] | str, call_id: str = "call_1", **kwargs: Any
) -> Reply:
    """A tool call; a str `arguments` is sent as it is (malformed JSON included)."""
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    message = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": call_id, "type": "function", "function": {"name": name, "arguments": raw}}
        ],
    }
    return Reply(message=message, finish_reason="tool_calls", **kwargs)


def rate_limited(retry_after: str = "0") -> Reply:
    body = {"error": {"message": "Rate limit reached", "type": "rate_limit_error"}}
    return Reply(status=429, body=json.dumps(body).encode(), headers={"Retry-After": retry_after})


def server_error(status: int = 500) -> Reply:
    body = {"error": {"message": "The server had an error", "type": "server_error"}}
    return Reply(status=status, body=json.dumps(body).encode())


def hang(seconds: float) -> Reply:
    return text_reply("too late", delay=seconds)


Responder = Callable[[dict[str, Any]], Reply]


class _Server(ThreadingHTTPServer):
    request_queue_size = 512
    """Many clients connect at once (concurrency 64 and more); the default backlog is 5."""
    daemon_threads = True
    block_on_close = False


class OpenAIServer:
    def __init__(self, responder: Responder | None = None, port: int = 0):
        self.responder: Responder = responder or (lambda body: text_reply("OK"))
        self.requests: list[dict[str, Any]] = []
        self.rules: list[tuple[str, deque[Reply]]] = []
        self.queued: deque[Reply] = deque()
        self.lock = threading.Lock()
        self.record_bodies = True
        self.calls: list[tuple[str, dict[str, str]]] = []
        """(path with query, headers) of every POST, in arrival order."""
        self._count = 0
        self._ids = itertools.count(1)
        self.httpd = _Server(("127.0.0.1", port), self._handler())
        self.thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def request_count(self) -> int:
        with self.lock:
            return self._count

    def queue(self, *replies: Reply) -> None:
        """Replies for the next requests that match no rule, in order."""
        with self.lock:
            self.queued.extend(replies)

    def script(self, match: str, *replies: Reply) -> None:
        """Replies, in order, for requests whose messages contain `match`."""
        with self.lock:
            self.rules.append((match, deque(replies)))

    def pending(self) -> int:
        with self.lock:
            return len(self.queued) + sum(len(replies) for _, replies in self.rules)

    def _choose(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            self._count += 1
            if self.record_bodies:
                self.requests.append(body)
            if self.rules:
                text = json.dumps(body.get("messages", []))
                for match, replies in self.rules:
                    if replies and match in text:
                        return replies.popleft()
            if self.queued:
                return self.queued.popleft()
        return self.responder(body)

    def _count_request(self, body: dict[str, Any]) -> None:
        with self.lock:
            self._count += 1
            if self.record_bodies:
                self.requests.append(body)

    def _embeddings(self, body: dict[str, Any]) -> bytes:
        """Deterministic bag-of-words vectors: texts sharing words point the same way."""
        texts = body.get("input") or []
        texts = [texts] if isinstance(texts, str) else texts
        rows = []
        for index, text in enumerate(texts):
            vector = [0.0] * 64
            for word in str(text).lower().split():
                digest = hashlib.sha256(word.strip(".,!?").encode()).digest()
                vector[digest[0] % 64] += 1.0
            rows.append({"object": "embedding", "index": index, "embedding": vector})
        return json.dumps(
            {
                "object": "list",
                "data": rows,
                "model": body.get("model", "test-embedding"),
                "usage": {"prompt_tokens": 0, "total_tokens": 0},
            }
        ).encode()

    def _completion(self, body: dict[str, Any], reply: Reply) -> bytes:
        prompt, completion = reply.usage
        return json.dumps(
            {
                "id": f"chatcmpl-{next(self._ids)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "test-model"),
                "choices": [
                    {"index": 0, "message": reply.message, "finish_reason": reply.finish_reason}
                ],
                "usage": {
                    "prompt_tokens": prompt,
                    "completion_tokens": completion,
                    "total_tokens": prompt + completion,
                },
            }
        ).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
                lines = [
                    f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
                    "Content-Type: application/json",
                    f"Content-Length: {len(payload)}",
                    *(f"{name}: {value}" for name, value in headers.items()),
                ]
                self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("_stats"):
                    self._send(200, json.dumps({"requests": server.request_count}).encode(), {})
                else:
                    self._send(404, b'{"error": {"message": "not found"}}', {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with server.lock:
                    server.calls.append((self.path, dict(self.headers.items())))
                path = self.path.split("?", 1)[0].rstrip("/")
                if path.endswith("/embeddings"):
                    server._count_request(json.loads(raw))
                    self._send(200, server._embeddings(json.loads(raw)), {})
                    return
                if not path.endswith("/chat/completions"):
                    self._send(404, b'{"error": {"message": "not found"}}', {})
                    return
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError:
                    self._send(400, b'{"error": {"message": "bad JSON"}}', {})
                    return
                reply = server._choose(body)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = reply.body if reply.body is not None else server._completion(body, reply)
                try:
                    self._send(reply.status, payload, reply.headers)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler

    def start(self) -> OpenAIServer:
        # stop() waits for serve_forever to look at its shutdown flag: every 50 ms, not the
        # default 500 ms that every test using the server would wait for at its end
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = OpenAIServer(port=port)
    server.record_bodies = False
    print(server.base_url, flush=True)
    server.httpd.serve_forever()


if __name__ == "__main__":
    main()
