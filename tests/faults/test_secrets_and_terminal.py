"""Known secret values never reach what is stored, printed or exported; HTML a drafting model
adds is judged by an allow-list sanitiser; control characters in data never reach a terminal
raw."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from behaviordiff.cli import console
from behaviordiff.drafting import draft_release
from behaviordiff.errors import BehaviordiffError
from behaviordiff.htmlsafety import unsafe_additions
from behaviordiff.secrets import REDACTED, scrub
from tests.conftest import EXAMPLE
from tests.drafting.test_llm import rewritten
from tests.drafting.test_llm_checks import RETURNS_MACRO, Release, _edit_for
from tests.faults.conftest import InProcessCli
from tests.openai_server import OpenAIServer, Reply
from tests.runner_project import run

KEY = "sk-test-4f9c2a7e1b8d6c3f0a5e"


def _echo_key(body: dict[str, Any]) -> Reply:
    error = {"error": {"message": f"Incorrect API key provided: {KEY}", "type": "auth"}}
    return Reply(status=500, body=json.dumps(error).encode())


def _every_byte(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_a_key_echoed_by_the_server_is_never_stored(
    tmp_path: Path, openai_server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    openai_server.responder = _echo_key
    outcome = run(tmp_path, max_retries=1, concurrency=1)
    assert outcome.counts.get("error", 0) > 0
    stored = _every_byte(tmp_path / "ws")
    assert KEY.encode() not in stored
    assert REDACTED.encode() in stored


def test_a_key_is_not_printed_nor_exported(
    tmp_path: Path,
    openai_server: OpenAIServer,
    monkeypatch: pytest.MonkeyPatch,
    bd: InProcessCli,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    openai_server.responder = _echo_key
    run(tmp_path, max_retries=0, concurrency=1)
    monkeypatch.setenv("BEHAVIORDIFF_WORKSPACE", str(tmp_path / "ws"))
    exported = tmp_path / "out"
    listing = bd(
        "transcripts", "-s", "both", "--include-errors", "-o", str(exported), "--format", "json"
    )
    assert listing.exit_code == 0, listing.stderr
    assert KEY not in listing.stdout + listing.stderr
    assert KEY.encode() not in _every_byte(exported)
    shown = bd("releases", "--format", "json")
    assert KEY not in shown.stdout + shown.stderr


def test_errors_and_output_are_scrubbed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZENDESK_API_TOKEN", "zd-token-0123456789")
    error = BehaviordiffError("server said zd-token-0123456789", hint="key zd-token-0123456789")
    assert "zd-token" not in str(error) and REDACTED in str(error)
    console.print_json({"note": "zd-token-0123456789"})
    console.line("printed zd-token-0123456789")
    out = capsys.readouterr().out
    assert "zd-token" not in out and out.count(REDACTED) == 2
    assert scrub("short value abc") == "short value abc"


def test_control_characters_in_data_never_reach_the_terminal_raw(
    capsys: pytest.CaptureFixture[str],
) -> None:
    hostile = "Refunds\x1b]0;owned\x07 in 5 days\x1b[2J\x9b31m"
    console.line(Text(hostile))
    console.line(hostile)
    console.print_json({"body": hostile})
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "\\x1b]0;owned" in out


@pytest.mark.parametrize(
    ("added", "named"),
    [
        ('<img src="x" onerror="alert(1)">', "<img onerror>"),
        ("<script>alert(1)</script>", "<script>"),
        ('<a href="javascript:alert(1)">here</a>', '<a href="javascript:alert(1)">'),
        ('<iframe src="https://evil.example"></iframe>', "<iframe>"),
    ],
)
def test_active_content_added_to_html_is_named(added: str, named: str) -> None:
    original = '<p style="color:red">Returns within <strong>30 days</strong>.</p>'
    assert unsafe_additions(original, original.replace("30", "45")) == []
    draft = original.replace("30 days", "45 days") + added
    assert named in unsafe_additions(original, draft)


def _html_macros(tmp_path: Path) -> Path:
    """The example's macros with "Returns::Return window" as an HTML body."""
    data = json.loads((EXAMPLE / "kb" / "macros.json").read_text(encoding="utf-8"))
    for macro in data["macros"]:
        if macro["title"] == "Returns::Return window":
            for action in macro["actions"]:
                if action["field"] == "comment_value":
                    action["field"] = "comment_value_html"
                    paragraphs = action["value"].split("\n\n")
                    action["value"] = "".join(f"<p>{text}</p>" for text in paragraphs)
    path = tmp_path / "macros.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_drafted_html_macro_with_an_event_handler_is_refused(
    openai_server: OpenAIServer, example_release: Release, tmp_path: Path
) -> None:
    workspace, release_id, project = example_release
    kb = project.config.knowledge_base.model_copy(update={"macros": [str(_html_macros(tmp_path))]})
    project = replace(project, config=project.config.model_copy(update={"knowledge_base": kb}))

    def with_handler(original: str) -> str:
        return rewritten(original).replace("</p>", '<img src=x onerror="fetch(1)"></p>', 1)

    openai_server.responder = _edit_for(RETURNS_MACRO, with_handler)
    outcome = draft_release(workspace, release_id, project, drafter="llm")
    edit = next(r for r in outcome.edits if r.content["item_title"] == "Returns::Return window")
    assert "onerror" not in edit.content["new_body"]
    assert edit.origin == "llm-fallback"
    assert any("unsafe HTML" in fallback["reason"] for fallback in outcome.fallbacks)
