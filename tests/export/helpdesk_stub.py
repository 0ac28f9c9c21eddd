"""A local stub of the Zendesk and Freshdesk endpoints on 127.0.0.1 (test helper): items with
their updated_at, scripted answers per request (a 429 with Retry-After, a 5xx, a connection cut
before or after the update is applied), and a record of every request received. An update to an
item the stub holds moves its `updated_at`, as a helpdesk does."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DROP = -1
APPLY_THEN_DROP = -2
UPDATED_AT = "2026-12-02T00:00:00Z"


@dataclass
class Received:
    method: str
    path: str
    authorization: str | None
    body: Any


@dataclass
class Stub:
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    """GET path → the JSON answered."""
    scripted: dict[tuple[str, str], list[tuple[int, dict[str, str], Any]]] = field(
        default_factory=dict
    )
    """(method, path) → answers given first, in order, before the normal one. The status
    `DROP` closes the connection without an answer and changes nothing; `APPLY_THEN_DROP`
    applies the update, then closes the connection without an answer."""
    received: list[Received] = field(default_factory=list)
    base_url: str = ""

    def puts(self) -> list[Received]:
        return [r for r in self.received if r.method == "PUT"]


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, headers: dict[str, str], body: Any) -> None:
            # bytes go out as they are: what a proxy or a login page answers in JSON's place
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            stub.received.append(
                Received(self.command, self.path, self.headers.get("Authorization"), body)
            )
            queue = stub.scripted.get((self.command, self.path))
            if queue:
                status, headers, answer = queue.pop(0)
                if status == APPLY_THEN_DROP:
                    self._apply()
                if status in (DROP, APPLY_THEN_DROP):
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self._answer(status, headers, answer)
                return
            if self.command == "GET":
                if self.path in stub.items:
                    self._answer(200, {}, stub.items[self.path])
                else:
                    self._answer(404, {}, {"error": "RecordNotFound"})
                return
            self._answer(200, {}, self._apply(body))

        def _apply(self, body: Any = None) -> dict[str, Any]:
            """Apply an update: the item's updated_at moves; the answer has the item with its
            id and the new updated_at, as helpdesks do."""
            last = self.path.rsplit("/", 1)[-1]
            fields = {"id": int(last) if last.isdigit() else 1, "updated_at": UPDATED_AT}
            held = stub.items.get(self.path)
            if isinstance(held, dict):
                inner = [key for key, value in held.items() if isinstance(value, dict)]
                target = held[inner[0]] if inner else held
                target["updated_at"] = UPDATED_AT
            answer = dict(body) if isinstance(body, dict) else {}
            wrapped = [key for key, value in answer.items() if isinstance(value, dict)]
            if wrapped:
                answer[wrapped[0]] = {**answer[wrapped[0]], **fields}
            else:
                answer.update(fields)
            return answer

        do_GET = _handle
        do_PUT = _handle

    return Handler


@contextmanager
def running(stub: Stub) -> Iterator[Stub]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    stub.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    # shutdown() waits for serve_forever to look at its flag: every 50 ms, not 500 ms
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
