"""Trial 9 T20: a review file names the samples and agent versions of the release it was
reviewed on. CI gating from it is told to set `[run] samples` in the config (a `--samples`
typed once on a laptop never reaches CI's run), and a release of the same agent versions under
another name (CI's `origin/main`, HEAD moved by committing the file) raises no warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from behaviordiff.drafting import draft_release
from behaviordiff.publish.ack import acknowledge, mark_done
from behaviordiff.publish.review_file import read_review_file
from tests.publish.conftest import Invoke, Release, approve_all, json_of

VERSIONS = {"base": {"fingerprint": "aaaa1111"}, "head": {"fingerprint": "bbbb2222"}}


def _release(drafted: Release, name: str, samples: int, versions: dict[str, Any]) -> int:
    """Another release of the same analysis, as a run with `samples` would store it."""
    workspace, first, project = drafted
    analysis = workspace.load_analysis(first)
    assert analysis is not None
    release = workspace.create_release(
        name=name,
        base_label=name.split(" → ")[0],
        head_label=name.split(" → ")[1],
        diff=workspace.release_diff(first),
        settings={
            "run": {"samples": samples, "probes": len(analysis.probes)},
            "versions": versions,
        },
    )
    workspace.save_analysis(release.id, analysis)
    draft_release(workspace, release.id, project, drafter="template")
    return release.id


def _reviewed_file(invoke: Invoke, drafted: Release, tmp_path: Path, samples: int) -> Path:
    """The writer's release at `samples`, every change approved, acknowledged and applied,
    exported."""
    workspace = drafted[0]
    laptop = _release(drafted, "main@1a2b3c4 → HEAD@5d6e7f8", samples, VERSIONS)
    approve_all(workspace, laptop)
    acknowledge(workspace, laptop, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, laptop, [], all_approved=True, by="Sam (CS)")
    path = tmp_path / "behaviordiff-reviews.json"
    result = invoke("review", "export", "--release", str(laptop), "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def _gate(invoke: Invoke, release_id: int, path: Path) -> tuple[int, Any]:
    result = invoke(
        "gate",
        "--stage",
        "canary",
        "--release",
        str(release_id),
        "--reviews",
        str(path),
        "--format",
        "json",
    )
    return result.exit_code, json_of(result)


def test_the_file_names_the_samples_and_versions_it_was_reviewed_at(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    path = _reviewed_file(invoke, drafted, tmp_path, samples=5)
    document = json.loads(path.read_text())
    assert document["behaviordiff-reviews"] == 3
    assert document["reviewed_at"] == {
        "samples": 5,
        "probes": len(drafted[0].load_analysis(drafted[1]).probes),  # type: ignore[union-attr]
        "base": "aaaa1111",
        "head": "bbbb2222",
    }
    assert read_review_file(path).reviewed_at is not None


def test_ci_at_other_samples_is_told_the_config_key(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    path = _reviewed_file(invoke, drafted, tmp_path, samples=5)
    workspace = drafted[0]
    # CI: the same versions by content, named after origin/main and a HEAD the commit moved,
    # run at the config's 3 samples; two probes are left undecided there
    ci = _release(drafted, "origin/main@1a2b3c4 → HEAD@9f9f9f9", 3, VERSIONS)
    analysis = workspace.load_analysis(ci)
    assert analysis is not None
    quiet = [probe for probe in analysis.probes if probe.verdict == "unchanged"]
    for probe in quiet[:2]:
        probe.verdict, probe.facets, probe.more_samples = "inconclusive", ["meaning"], 2
    workspace.save_analysis(ci, analysis)

    code, data = _gate(invoke, ci, path)
    assert code == 1
    reviews = data["reviews"]
    assert reviews["other_release"] is None  # same agent versions: nothing to check
    assert (reviews["reviewed_samples"], reviews["release_samples"]) == (5, 3)
    assert "`[run] samples = 5` in behaviordiff.toml and commit it" in reviews["other_samples"]
    [probes] = [item for item in data["missing"] if item["subject"] == "probes"]
    assert probes["role"] == "engineering"
    assert "`[run] samples = 5` in behaviordiff.toml and commit it" in probes["fix"]
    assert "--samples" not in probes["fix"]  # a command-line flag CI's next run never sees
    # every decision read the same here: the difference is said, not a second missing item
    assert reviews["skipped"] == [] and reviews["cs_skipped"] == []
    assert any("5 sample(s) per version" in warning for warning in data["warnings"])

    text = invoke("gate", "--stage", "canary", "--release", str(ci), "--reviews", str(path))
    said = " ".join(text.output.split())
    assert "the file was exported from release" not in said
    assert "set `[run] samples = 5` in behaviordiff.toml and commit it" in said


def test_decisions_lost_to_other_samples_are_engineerings_to_fix(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """A decision that does not match CI's release because the samples differ is for
    engineering (run at the reviewed samples, set in the config), not a writer's to redo."""
    path = _reviewed_file(invoke, drafted, tmp_path, samples=5)
    document = json.loads(path.read_text())
    document["drafts"][0]["reviewed_text"]["title"] = "What the 5-sample release drafted"
    path.write_text(json.dumps(document))
    ci = _release(drafted, "origin/main@1a2b3c4 → HEAD@9f9f9f9", 3, VERSIONS)
    code, data = _gate(invoke, ci, path)
    assert code == 1 and data["reviews"]["skipped"]
    [samples] = [item for item in data["missing"] if item["subject"] == "samples"]
    assert samples["role"] == "engineering"
    assert "made on a release of 5 sample(s) per version, this release ran 3" in samples["message"]
    assert "`[run] samples = 5` in behaviordiff.toml" in samples["fix"]


def test_a_file_of_other_agent_versions_is_still_said(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    path = _reviewed_file(invoke, drafted, tmp_path, samples=3)
    moved = {**VERSIONS, "head": {"fingerprint": "cccc3333"}}
    ci = _release(drafted, "origin/main@1a2b3c4 → HEAD@9f9f9f9", 3, moved)
    data = _gate(invoke, ci, path)[1]
    said = data["reviews"]["other_release"]
    assert said is not None and "of another new version of the agent" in said
    assert data["reviews"]["other_samples"] is None


def test_a_file_older_than_format_3_is_compared_by_name(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    path = _reviewed_file(invoke, drafted, tmp_path, samples=3)
    document = json.loads(path.read_text())
    document["behaviordiff-reviews"] = 2
    del document["reviewed_at"]
    path.write_text(json.dumps(document))
    ci = _release(drafted, "origin/main@1a2b3c4 → HEAD@9f9f9f9", 3, VERSIONS)
    data = _gate(invoke, ci, path)[1]
    assert "main@1a2b3c4 → HEAD@5d6e7f8" in data["reviews"]["other_release"]
    assert data["reviews"]["reviewed_samples"] is None


def test_a_file_made_on_fewer_samples_than_ci_runs_is_reviewed_again(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """The config already asks for more samples than the writer's release had (a `--samples 2`
    on a laptop): lowering the config is no fix; the writer reviews a release of the config's
    samples."""
    path = _reviewed_file(invoke, drafted, tmp_path, samples=2)
    document = json.loads(path.read_text())
    document["drafts"][0]["reviewed_text"]["title"] = "What the 2-sample release drafted"
    path.write_text(json.dumps(document))
    ci = _release(drafted, "origin/main@1a2b3c4 → HEAD@9f9f9f9", 5, VERSIONS)
    data = _gate(invoke, ci, path)[1]
    [samples] = [item for item in data["missing"] if item["subject"] == "samples"]
    assert samples["role"] == "writer"
    assert "review a release of 5 sample(s) per version" in samples["fix"]
    assert "`behaviordiff review export` again" in samples["fix"]
    assert "samples = 2" not in samples["fix"]
