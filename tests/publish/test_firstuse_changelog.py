"""First-use fix to the Markdown changelog: its paragraphs stay apart."""

from __future__ import annotations

import pytest

from tests.publish.conftest import Invoke, Release, approve_all


@pytest.mark.parametrize("effective", [None, "2026-12-20"])
def test_changelog_markdown_keeps_its_paragraphs_apart(
    invoke: Invoke, drafted: Release, effective: str | None
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    if effective:
        workspace.set_effective_date(release_id, effective)
    text = invoke("changelog").stdout
    lines = text.splitlines()
    effective_at = next(i for i, line in enumerate(lines) if line.startswith("**Effective"))
    assert lines[effective_at + 1] == ""
    heading = lines.index("### What changed in behavior")
    assert lines[heading - 1] == "" and lines[heading - 2].endswith(".")
    assert "analysed 20" in lines[heading - 2] and "T" not in lines[heading - 2].split()[-1]


def test_changelog_actions_name_their_change_and_removed_ones_their_scope(
    invoke: Invoke, drafted: Release
) -> None:
    approve_all(drafted[0], drafted[1])
    text = invoke("changelog").stdout
    new = text.split("### New actions\n\n", 1)[1]
    assert new.startswith("- `issue_refund(type=shipping)` (C1)\n")
    removed = text.split("### Removed actions\n\n", 1)[1]
    assert removed.startswith("Removed where each change says")
    assert "- `escalate_to_human(priority=normal)` (C1)\n" in removed.split("###")[0]
