"""Every fault a model server can produce, on one probe of a run: the run ends with stored
results, the failed probe's runs carry the cause, the others are ok, and the rerun (the server
recovered) sends only what is missing and resumes the same release."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.store import Workspace
from tests.openai_server import OpenAIServer, Reply, hang, rate_limited, server_error
from tests.runner_project import by_probe, run, scripted_agent, transcripts

CUT = "X-Test-Cut"
"""A reply carrying this header is sent with its full Content-Length but half its body, then
the connection is closed (a connection cut mid-body)."""


def _no_retry_after() -> Reply:
    body = {"error": {"message": "Rate limit reached", "type": "rate_limit_error"}}
    return Reply(status=429, body=json.dumps(body).encode())


def _cut() -> Reply:
    body = b'{"choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]}'
    return Reply(status=200, body=body, headers={CUT: "1"})


FAULTS: dict[str, tuple[Callable[[], Reply], str]] = {
    "429 with Retry-After": (lambda: rate_limited("0"), "HTTP 429"),
    "429 without Retry-After": (_no_retry_after, "HTTP 429"),
    "500": (lambda: server_error(500), "HTTP 500"),
    "503": (lambda: server_error(503), "HTTP 503"),
    "hang": (lambda: hang(1.5), "timed out"),
    "cut mid-body": (_cut, "connection was cut"),
    "malformed JSON": (lambda: Reply(status=200, body=b'{"choices": [{"ind'), "not JSON"),
    "empty choices": (lambda: Reply(status=200, body=b'{"choices": []}'), "no choices"),
}


@pytest.fixture
def server(openai_server: OpenAIServer) -> OpenAIServer:
    """The scripted agent, on a server whose handler can also cut a reply mid-body."""
    base: Any = openai_server.httpd.RequestHandlerClass

    class Cutting(base):  # type: ignore[misc, valid-type]
        def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
            if CUT not in headers:
                super()._send(status, payload, headers)
                return
            head = (
                f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n"
            )
            self.wfile.write(head.encode() + payload[: len(payload) // 2])
            self.wfile.flush()
            self.close_connection = True

    openai_server.httpd.RequestHandlerClass = Cutting
    openai_server.responder = scripted_agent
    return openai_server


def _attempts(root: Path, release_id: int) -> list[tuple[str, str, int, str]]:
    with Workspace(root / "ws") as workspace:
        rows = workspace.db.execute(
            "SELECT probe_id, side, sample, status FROM runs WHERE release_id = ?"
            " ORDER BY probe_id, side, sample",
            (release_id,),
        ).fetchall()
        assert workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_is_stored_with_its_cause_and_the_rerun_sends_only_what_is_missing(
    tmp_path: Path, server: OpenAIServer, fault: str
) -> None:
    make, cause = FAULTS[fault]
    # every attempt (1 try + 1 retry) of the greet probe's two runs (base and head) fails
    server.script("[greet]", *[make() for _ in range(4)])
    timeout = 0.4 if fault == "hang" else 10.0  # a short timeout only where it is the fault
    first = run(tmp_path, timeout=timeout, max_retries=1, concurrency=1)
    assert first.counts == {"ok": 2, "error": 2} and not first.complete
    stored = transcripts(tmp_path, first.release_id)
    for transcript in by_probe(stored, "greet"):
        assert cause in (transcript.error or ""), transcript.error
        assert "after 2 attempts" in (transcript.error or "")
        assert "internal error" not in (transcript.error or "")
    assert all(t.error is None for t in by_probe(stored, "order"))
    sent = server.request_count

    second = run(tmp_path, timeout=timeout, max_retries=1, concurrency=1)
    assert second.resumed and second.release_id == first.release_id
    assert second.counts == {"ok": 4} and second.complete
    assert server.request_count == sent + 2  # the two greet runs, one request each
    rows = _attempts(tmp_path, first.release_id or 0)
    assert [row[:3] for row in rows] == sorted({row[:3] for row in rows})  # none duplicated
    assert len(rows) == 4 and all(row[3] == "ok" for row in rows)


def test_invalid_tool_argument_json_is_a_recorded_tool_error_not_rerun(
    tmp_path: Path, server: OpenAIServer
) -> None:
    """The model's fault, not the endpoint's: the run is stored ok with the cause in its tool
    errors (the model was told), and a rerun sends nothing."""
    from tests.runner_project import probe

    probes = [
        probe("bad", "[malformed] where is A1?", tool_fixtures={"lookup_order": {"s": "x"}}),
        probe("greet", "[greet] hello"),
    ]
    first = run(tmp_path, probes=probes)
    assert first.counts == {"ok": 4} and first.complete
    for transcript in by_probe(transcripts(tmp_path, first.release_id), "bad"):
        assert transcript.error is None
        assert "not valid JSON" in transcript.metadata["tool_errors"][0]["error"]
    sent = server.request_count
    second = run(tmp_path, probes=probes)
    assert second.counts == {"ok": 4} and server.request_count == sent
