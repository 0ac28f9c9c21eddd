"""Which release `draft` and `review` pick without --release when newer releases have no
analysis (a run stopped by its budget or Ctrl-C) or no drafts (a run with --no-draft)."""

from __future__ import annotations

import json
from typing import Any

from behaviordiff.config import Project
from behaviordiff.detect.model import Analysis
from behaviordiff.diffing.model import VersionDiff
from behaviordiff.drafting import draft_release
from behaviordiff.store import Workspace
from tests.conftest import EXAMPLE, CliRunner

Release = tuple[Workspace, int, Project]


def test_draft_picks_the_newest_release_with_an_analysis(
    cli: CliRunner, example_release: Release
) -> None:
    workspace, release_id, _ = example_release
    stopped = workspace.create_release(base_label="support-v1", head_label="support-v2")
    env = {"BEHAVIORDIFF_WORKSPACE": str(workspace.folder)}
    result = cli("draft", "--format", "json", cwd=EXAMPLE, env=env)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["release_id"] == release_id
    stderr = " ".join(result.stderr.split())
    assert f"release(s) #{stopped.id} have no analysis" in stderr
    assert f"drafting #{release_id}" in stderr

    quiet = cli("draft", "--release", str(release_id), "--format", "json", cwd=EXAMPLE, env=env)
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr


def test_draft_without_any_analysis_still_says_why(cli: CliRunner, tmp_path: Any) -> None:
    with Workspace(tmp_path / "ws") as workspace:
        workspace.create_release(base_label="a", head_label="b")
    env = {"BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ws")}
    result = cli("draft", cwd=EXAMPLE, env=env)
    assert result.exit_code == 2 and "no stored analysis" in result.stderr


def test_review_names_the_command_that_drafts_a_newer_release(
    cli: CliRunner,
    example_release: Release,
    example_analysis: tuple[Analysis, VersionDiff],
) -> None:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project)
    analysis, diff = example_analysis
    undrafted = workspace.create_release(
        base_label="support-v1", head_label="support-v2", diff=diff.to_dict()
    )
    workspace.save_analysis(undrafted.id, analysis)  # run with --no-draft
    listed = cli("review", "list", "--workspace", str(workspace.folder))
    assert listed.exit_code == 0, listed.stderr
    stderr = " ".join(listed.stderr.split())
    assert f"release(s) #{undrafted.id} have no drafts yet: showing #{release_id}" in stderr
    assert f"`behaviordiff draft --release {undrafted.id}`" in stderr
    assert "behaviordiff run" not in stderr

    stopped = workspace.create_release(base_label="support-v1", head_label="support-v2")
    both = cli("review", "list", "--workspace", str(workspace.folder))
    stderr = " ".join(both.stderr.split())
    assert f"#{stopped.id}, #{undrafted.id} have no drafts yet" in stderr
    assert f"`behaviordiff draft --release {undrafted.id}`" in stderr
    assert f"run `behaviordiff run` again to finish #{stopped.id}" in stderr


def test_a_newer_release_that_found_no_change_is_not_sent_to_draft(
    cli: CliRunner,
    example_release: Release,
    example_analysis: tuple[Analysis, VersionDiff],
) -> None:
    """A rerun whose analysis found no behavior change (here: probes left undecided by too few
    samples) has nothing to draft: the warning says so and what would decide it, instead of
    a `draft --release N` that drafts nothing."""
    import copy

    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project)
    analysis, diff = example_analysis
    quiet = copy.deepcopy(analysis)
    quiet.changes, quiet.wording_groups = [], []
    for probe in quiet.probes:
        probe.verdict, probe.facets, probe.change_id = "unchanged", [], None
    for probe in quiet.probes[:3]:
        probe.verdict, probe.facets, probe.more_samples = "inconclusive", ["meaning"], 2
    rerun = workspace.create_release(
        base_label="support-v1", head_label="support-v2", diff=diff.to_dict()
    )
    workspace.save_analysis(rerun.id, quiet)
    listed = cli("review", "list", "--workspace", str(workspace.folder))
    assert listed.exit_code == 0, listed.stderr
    stderr = " ".join(listed.stderr.split())
    assert f"draft --release {rerun.id}" not in stderr
    assert "have no drafts yet" not in stderr
    assert (
        f"release(s) #{rerun.id} found no behavior change, so there is nothing to draft "
        f"(#{rerun.id}: 3 probe(s) undecided, run it again with more samples): showing "
        f"#{release_id}"
    ) in stderr
