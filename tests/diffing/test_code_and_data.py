"""Code and data files of a version are diffed as code (by line) and data (by key path), never
split into prose sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from behaviordiff.agent import resolve_version
from behaviordiff.config import find_project
from behaviordiff.diffing import diff_versions
from behaviordiff.diffing.files import file_kind
from tests.conftest import FIXTURES

AGENT = '''#!/usr/bin/env python3
"""A command agent. It hands over. Then it stops."""
import json
import sys

request = json.load(sys.stdin)
if "person" in request["probe"]["messages"][-1]["content"]:
    print(json.dumps({"reply": "A colleague will get back to you."}))
else:
    print(json.dumps({"reply": "Happy to help with that."}))
'''


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("agent.py", "import json\n", "code"),
        ("tools/refund.ts", "export const x = 1;\n", "code"),
        ("run", "#!/bin/sh\necho hi\n", "code"),
        ("policy.json", "{}", "data"),
        ("rules/tiers.yaml", "a: 1\n", "data"),
        ("cases.csv", "a,b\n", "data"),
        ("system.md.j2", "# Agent\n", "prompt"),
        ("notes.txt", "Be kind.\n", "prompt"),
        ("prompt.json", "{}", "prompt"),  # named as a prompt by agent.yaml: a prompt
    ],
)
def test_file_kind(name: str, text: str, kind: str) -> None:
    assert file_kind(name, text, prompts={"prompt.json"}) == kind


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FIXTURES / "broken" / "agent_ok", old)
    (old / "agent.py").write_text(AGENT)
    (old / "policy.json").write_text('{"refund": {"days": 30, "tiers": ["gold"]}, "cap": 50}')
    (old / "cases.csv").write_text("id,total\nA1,10\nA2,20\n")
    (old / "old_helper.js").write_text("module.exports = 1;\n")
    shutil.copytree(old, new)
    (new / "agent.py").write_text(
        AGENT.replace("Happy to help with that.", "Glad to help, thanks!").replace(
            "import sys\n", "import sys\nimport time\n"
        )
    )
    (new / "policy.json").write_text('{"refund": {"days": 45, "tiers": ["gold", "silver"]}}')
    (new / "cases.csv").write_text("id,total\nA1,10\nA2,25\n")
    (new / "old_helper.js").unlink()
    (new / "rules.yaml").write_text("escalate_over: 500\n")
    return old, new


def test_code_by_line_and_data_by_key(tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    project = find_project(tmp_path)
    diff = diff_versions(resolve_version(str(old), project), resolve_version(str(new), project))
    assert diff.prompt_hunks == [] and diff.config_hunks == []
    summaries = [hunk.summary() for hunk in diff.code_hunks]
    assert summaries == [
        "agent code changed in agent.py (line 5)",
        "agent code changed in agent.py (line 11)",
        "data changed in cases.csv (line 3)",
        "agent code file old_helper.js removed",
        "data policy.json → cap removed (was 50)",
        "data policy.json → refund.days: 30 → 45",
        "data policy.json → refund.tiers[1] added: silver",
        "data file rules.yaml added",
    ]
    added, changed = diff.code_hunks[:2]
    assert added.old is None and added.new == "import time"
    assert changed.old == '    print(json.dumps({"reply": "Happy to help with that."}))'
    assert changed.new == '    print(json.dumps({"reply": "Glad to help, thanks!"}))'
    assert not any(hunk.kind.startswith(("sentence", "section")) for hunk in diff.hunks)
    data = diff.to_dict()
    assert data["prompt"] == [] and len(data["code"]) == 8
    assert data["stats"]["code_changed"] == 2


def test_a_data_file_that_does_not_parse_is_diffed_by_line(tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    (new / "policy.json").write_text('{"refund": {"days": 45,\n')
    project = find_project(tmp_path)
    diff = diff_versions(resolve_version(str(old), project), resolve_version(str(new), project))
    broken = [hunk for hunk in diff.hunks if hunk.file == "policy.json"]
    assert [hunk.kind for hunk in broken] == ["data_lines_changed"]
    assert broken[0].new == '{"refund": {"days": 45,'
