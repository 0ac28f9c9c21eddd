"""The structural diff of two agent versions: prompts by section and sentence, config by key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from behaviordiff.agent import resolve_version
from behaviordiff.config import find_project
from behaviordiff.diffing import diff_versions
from behaviordiff.diffing.text import split_sections, split_sentences
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "broken"


def test_sentences_and_sections() -> None:
    assert split_sentences("Refund 50% of the $4.50 fee, e.g. for late orders. Then say so!") == [
        "Refund 50% of the $4.50 fee, e.g. for late orders.",
        "Then say so!",
    ]
    sections = split_sections(
        "Intro.\n\n# Agent\nHello. Bye.\n## Refunds\n- One. Two.\n- Three\n```\n# code\n```\n"
    )
    assert list(sections) == ["(before the first heading)", "Agent", "Refunds"]
    assert sections["Refunds"] == ["One.", "Two.", "Three", "```\n# code\n```"]


def _two_versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(BROKEN / "agent_ok", old)
    shutil.copytree(BROKEN / "agent_ok", new)
    (new / "system.md.j2").write_text(
        "# Support agent\nYou help {{ customer_name }} with orders.\n\n"
        "## Returns\nItems can be returned within 45 days. Members get free return labels.\n"
        "\n## Tone\nBe warm.\n"
    )
    config = (new / "agent.yaml").read_text().replace("temperature: 0.2", "temperature: 0.5")
    config += (
        "  - type: function\n    function:\n      name: issue_refund\n"
        "      parameters: {type: object, properties: {amount: {type: number}}}\n"
    )
    (new / "agent.yaml").write_text(config)
    return old, new


def test_diff_names_sections_sentences_config_and_tools(tmp_path: Path) -> None:
    old, new = _two_versions(tmp_path)
    project = find_project(tmp_path)
    diff = diff_versions(resolve_version(str(old), project), resolve_version(str(new), project))
    summaries = [hunk.summary() for hunk in diff.hunks]
    assert (
        "section Returns: sentence changed: Items can be returned within 30 days. → "
        "Items can be returned within 45 days." in summaries
    )
    assert "section Returns: sentence added: Members get free return labels." in summaries
    assert "system.md.j2: section Tone added" in summaries
    assert "config temperature: 0.2 → 0.5" in summaries
    assert "tool issue_refund added" in summaries
    changed = next(h for h in diff.hunks if h.kind == "sentence_changed")
    assert changed.removed_words == ("30",) and changed.added_words == ("45",)
    data = json.loads(json.dumps(diff.to_dict()))
    assert data["stats"]["tool_added"] == 1
    assert not data["identical"]


def test_identical_versions_have_an_empty_diff(tmp_path: Path) -> None:
    project = find_project(tmp_path)
    version = resolve_version(str(BROKEN / "agent_ok"), project)
    assert diff_versions(version, version).is_empty()
