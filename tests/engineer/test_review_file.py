"""Writers review on their own machines; CI's gate reads their decisions from a committed
review file (`review export` there, `gate --reviews FILE` / `review import FILE` in CI)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import CliResult, CliRunner
from tests.engineer.conftest import Invocation
from tests.engineer.project import command_project
from tests.engineer.test_schemas import assert_output, problems

RUN = ("run", "agent", "agent-v2", "--samples", "2")


def _ok(result: CliResult, code: int = 0) -> CliResult:
    assert result.exit_code == code, result.stderr
    return result


def test_a_writers_decisions_reach_the_ci_gate(cli: CliRunner, tmp_path: Path) -> None:
    def invoke(*args: str, cwd: Path | None = None) -> Invocation:
        result = cli(*args, cwd=cwd)
        return Invocation(result.exit_code, result.stdout, result.stderr)

    project = command_project(invoke, tmp_path / "shop")
    laptop = {"BEHAVIORDIFF_WORKSPACE": str(tmp_path / "laptop"), "BEHAVIORDIFF_ACTOR": "wendy"}
    ci = {"BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ci"), "BEHAVIORDIFF_ACTOR": "ci"}

    def on(env: dict[str, str], *args: str, code: int = 0) -> CliResult:
        return _ok(cli(*args, cwd=project, env=env), code)

    def as_json(env: dict[str, str], *args: str, code: int = 0) -> Any:
        return json.loads(on(env, *args, "--format", "json", code=code).stdout)

    # the writer's machine: run, edit the note's title, approve
    on(laptop, *RUN)
    (project / "c1.yaml").write_text("title: Hands over less often\n")
    on(laptop, "review", "edit", "C1", "--from", "c1.yaml")
    on(laptop, "review", "approve", "--all")
    written = on(laptop, "review", "export")
    assert "Wrote 1 review decision(s) of release #1" in " ".join(written.stdout.split())
    committed = project / "behaviordiff-reviews.json"
    document = json.loads(committed.read_text())
    assert problems("reviews", document, closed=True) == []
    (entry,) = document["drafts"]
    assert entry["status"] == "approved" and entry["handle"] == "C1"
    assert entry["text"]["title"] == "Hands over less often" and entry["edited_by"] == "wendy"

    # CI: its own workspace, the same versions; not reviewed until the file is read
    on(ci, *RUN)
    assert as_json(ci, "gate", "--stage", "canary", code=1)["roles"] == ["writer"]
    gated = as_json(ci, "gate", "--stage", "canary", "--reviews", str(committed))
    assert gated["passed"] and gated["reviews"]["applied"] == [entry["key"]]
    assert_output("gate", gated)
    listed = as_json(ci, "review", "list")["drafts"][0]
    assert listed["status"] == "approved"
    assert listed["content"]["title"] == "Hands over less often"
    assert listed["edited_by"] == "wendy"
    again = as_json(ci, "review", "import", str(committed))
    assert again["applied"] == [] and again["unchanged"] == [entry["key"]]
    assert gated["reviews"]["other_release"] is None and again["other_release"] is None

    # a file of the same agent versions under another name (CI's `origin/main`, a HEAD moved
    # by committing the file): nothing to check, nothing said (trial 9 T20)
    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps({**document, "release": "origin/main → HEAD@1234567"}))
    assert as_json(ci, "review", "import", str(renamed))["other_release"] is None
    # a file of a release of other agent versions: said, with both names (trial H6)
    other = tmp_path / "other.json"
    moved = {**document["reviewed_at"], "head": "0123456789abcdef"}
    other.write_text(json.dumps({**document, "release": "shop-v7 → shop-v8", "reviewed_at": moved}))
    said = " ".join(on(ci, "review", "import", str(other)).stdout.split())
    assert (
        "the file was exported from release “shop-v7 → shop-v8”, of another new version of the "
        "agent; it was read into " in said
    )
    assert "release #1 “agent → agent-v2”" in said
    assert "shop-v7 → shop-v8" in as_json(ci, "review", "import", str(other))["other_release"]

    # a decision about a text that reads differently is not taken over
    entry["reviewed_text"]["before"] = "Something the agent no longer does."
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(document))
    on({**ci, "BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ci2")}, *RUN)
    fresh = {**ci, "BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ci2")}
    held = on(fresh, "gate", "--stage", "canary", "--reviews", str(moved), code=1)
    said = " ".join(held.stdout.split())
    assert "0 decision(s) recorded in release #1, 0 already held, 1 not applied" in said
    assert "C1: its machine draft reads differently here than the text wendy reviewed" in said
    assert "may not proceed to canary" in said


def test_a_broken_review_file_is_named_with_its_key(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "reviews.json"
    bad.write_text(json.dumps({"behaviordiff-reviews": 1, "release": "r", "drafts": []}))
    result = cli("review", "import", str(bad))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert str(bad) in said and "exported_at: Field required" in said
    assert "behaviordiff review export -o FILE" in said

    bad.write_text("{not json")
    result = cli("gate", "--stage", "canary", "--reviews", str(bad))
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_a_review_file_or_export_over_the_size_limit_names_a_fix_that_fits(
    tmp_path: Path,
) -> None:
    """Trial H7: "split it into several files" fits a probe suite, not a review file or an
    export, which `behaviordiff` writes whole: their fix is to write them again."""
    import pytest

    from behaviordiff.errors import BehaviordiffError
    from behaviordiff.export.push import load_export
    from behaviordiff.publish.review_file import read_review_file

    for name, read, fix in (
        ("reviews.json", read_review_file, "`behaviordiff review export` wrote"),
        ("zendesk.json", lambda path: load_export(path, "zendesk"), "`behaviordiff export"),
    ):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(65 * 1024 * 1024)  # sparse: the size is read, never the bytes
        with pytest.raises(BehaviordiffError) as caught:
            read(path)
        assert "over the 64 MB limit for one file" in caught.value.message
        assert fix in (caught.value.hint or "") and "split" not in (caught.value.hint or "")
