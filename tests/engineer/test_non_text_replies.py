"""A reply that is a JSON number, list or object where text is expected is read and shown as
its JSON text, never as Python's repr, and the user is told it was not a string."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.review import _sample
from behaviordiff.transcripts import (
    build_transcript,
    empty_reply_warnings,
    message_text,
    reply_not_text,
)
from tests.conftest import CliRunner

USER = {"role": "user", "content": "is my order late?"}


@pytest.mark.parametrize(
    ("content", "text", "kind"),
    [
        ({"status": "late", "days": 3}, '{"status": "late", "days": 3}', "a JSON object"),
        (["late", "sorry"], '["late", "sorry"]', "a JSON list"),
        (12.5, "12.5", "a JSON number"),
        (True, "true", "a JSON true/false"),
        ([{"type": "text", "text": {"eta": None}}], '{"eta": null}', "a JSON object"),
        ([{"type": "text", "text": "on its way"}], "on its way", None),
        ("on its way", "on its way", None),
    ],
)
def test_content_that_is_not_text_is_its_json_text(
    content: Any, text: str, kind: str | None
) -> None:
    assert message_text(content) == text
    assert reply_not_text(content) == kind
    run = build_transcript("p1", 0, [USER, {"role": "assistant", "content": content}])
    assert run.final_reply == text
    assert run.metadata.get("reply_not_text") == kind


def test_the_app_shows_the_json_text_and_says_it_was_not_a_string() -> None:
    run = build_transcript(
        "p1",
        0,
        [
            USER,
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "c1",
                        "function": {
                            "name": "lookup",
                            "arguments": json.dumps({"ids": [1, 2], "open": False}),
                        },
                    }
                ],
            },
            {"role": "assistant", "content": {"late": True}},
        ],
    )
    shown = _sample(run.to_dict()).text()
    assert "lookup(ids=[1, 2], open=false)" in shown
    assert "the reply was a JSON object, not a string" in shown
    assert shown.endswith('{"late": true}') and "True" not in shown


def _replay(path: Path, reply: Any) -> None:
    lines = [
        {
            "probe_id": probe,
            "sample": sample,
            "messages": [USER, {"role": "assistant", "content": reply}],
        }
        for probe in ("p1", "p2")
        for sample in range(3)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def test_compare_says_which_replies_were_not_strings(cli: CliRunner, tmp_path: Path) -> None:
    _replay(tmp_path / "old.jsonl", "It is three days late.")
    _replay(tmp_path / "new.jsonl", {"status": "late", "days": 3})
    result = cli("compare", "old.jsonl", "new.jsonl", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    said = [w for w in data["warnings"] if "not a string" in w]
    assert len(said) == 1 and "6 run(s) of new.jsonl (probe(s) p1, p2)" in said[0]
    assert "a JSON object" in said[0]
    assert "{'status'" not in result.stdout


def test_compare_says_which_runs_ended_with_an_empty_reply(cli: CliRunner, tmp_path: Path) -> None:
    """A model that said nothing (a content filter, its tokens spent, a server dropping the
    text) was compared as a reply saying nothing with no word of it; a run that called a
    tool and said nothing after is not empty."""
    _replay(tmp_path / "old.jsonl", "It is three days late.")
    _replay(tmp_path / "new.jsonl", "  ")
    result = cli("compare", "old.jsonl", "new.jsonl", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    said = [w for w in data["warnings"] if "empty reply" in w]
    assert len(said) == 1 and "6 run(s) of new.jsonl (probe(s) p1, p2)" in said[0]
    call = {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": "c1", "function": {"name": "escalate", "arguments": "{}"}}],
    }
    run = build_transcript("p1", 0, [USER, call, {"role": "assistant", "content": ""}])
    assert empty_reply_warnings({"v": [run]}) == []
