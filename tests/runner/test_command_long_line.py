"""A persistent command writing a line past the line limit fails its run saying so (it was
"internal error: ValueError: Separator is not found, and chunk exceed the limit"); a model
server whose usage counts are not numbers is a model-call error naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.llm.model import ModelCallError
from behaviordiff.llm.openai_client import _tokens
from behaviordiff.runner import adapters
from tests.runner.test_command_persistent import persistent_extra
from tests.runner_project import by_probe, probe, run, transcripts

LONG = """\
import sys
for line in sys.stdin:
    print("y" * 5000, flush=True)
"""


def test_a_line_past_the_limit_fails_its_run_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adapters, "LINE_LIMIT", 1024)
    (tmp_path / "long.py").write_text(LONG)
    outcome = run(
        tmp_path,
        concurrency=1,
        adapter="command",
        extra=persistent_extra("long.py"),
        probes=[probe("a", "hello")],
    )
    assert outcome.counts == {"error": 2}
    for transcript in by_probe(transcripts(tmp_path, outcome.release_id), "a"):
        assert "wrote more than 0 MB on one line" in (transcript.error or "")
        assert "ValueError" not in (transcript.error or "")


def test_usage_counts_that_are_not_numbers_name_the_field() -> None:
    assert _tokens({"prompt_tokens": 12.0}, "prompt_tokens", "x") == 12
    assert _tokens({}, "completion_tokens", "x") == 0
    with pytest.raises(ModelCallError) as caught:
        _tokens({"prompt_tokens": "lots"}, "prompt_tokens", "http://127.0.0.1/v1")
    assert "usage.prompt_tokens is 'lots', not a whole number" in caught.value.message
