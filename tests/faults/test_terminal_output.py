"""Commands that print a document (changelog, schema, GitHub annotations) clean it as the
consoles do: an escape sequence a writer or a model put in a note is shown, never obeyed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.publish.ack import acknowledge
from tests.publish.conftest import (  # noqa: F401  (drafted and invoke are fixtures)
    Invoke,
    Release,
    approve_all,
    drafted,
    edit,
    invoke,
)

TITLE = "Refunds \x1b[2J\x1b]0;pwned\x07 now \x9b31m \u202eback"


def _approved_with_a_hostile_title(drafted: Release) -> None:  # noqa: F811
    workspace, release_id, _ = drafted
    edit(workspace, release_id, "C1", {"title": TITLE})
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)", note="ok")


def test_an_escape_sequence_in_a_note_title_is_made_visible(
    invoke: Invoke,  # noqa: F811
    drafted: Release,  # noqa: F811
) -> None:
    _approved_with_a_hostile_title(drafted)
    markdown = invoke("changelog").stdout
    assert "Refunds \\x1b[2J\\x1b]0;pwned\\x07 now \\x9b31m \\u202eback" in markdown
    assert not any(ch in markdown for ch in "\x1b\x07\x9b\u202e")
    # JSON keeps the exact title, escaped so that no control reaches the terminal either
    text = invoke("changelog", "--format", "json").stdout
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
    assert json.loads(text)["releases"][0]["changes"][0]["title"] == TITLE


def test_the_file_written_with_output_keeps_the_text_verbatim(
    invoke: Invoke,  # noqa: F811
    drafted: Release,  # noqa: F811
) -> None:
    _approved_with_a_hostile_title(drafted)
    target = drafted[0].folder.parent / "changelog.md"
    result = invoke("changelog", "--output", str(target))
    assert result.exit_code == 0 and "Wrote the changelog (markdown) to" in result.stderr
    assert TITLE in target.read_text()


def test_a_known_secret_in_a_note_is_not_printed(
    invoke: Invoke,  # noqa: F811
    drafted: Release,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = "sk-test-" + "7" * 40
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    workspace, release_id, _ = drafted
    edit(workspace, release_id, "C1", {"title": f"Refund with key {secret}"})
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)", note="ok")
    assert secret not in invoke("changelog").stdout


def test_github_annotations_show_an_escape_sequence_in_a_title(
    invoke: Invoke,  # noqa: F811
    drafted: Release,  # noqa: F811
    tmp_path: Path,
) -> None:
    workspace, release_id, _ = drafted
    edit(workspace, release_id, "C1", {"title": TITLE})
    approve_all(workspace, release_id)  # not acknowledged by CS: the full stage fails on C1
    summary = tmp_path / "summary.md"
    result = invoke(
        "gate", "--stage", "full", "--github", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any("Refunds \\x1b[2J\\x1b]0;pwned\\x07 now" in line for line in annotations)
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")
