"""The bundled example: its diff shows the changes the example was built around."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, CliRunner, Demo, git_commit, make_git_repo

V1 = EXAMPLE / "agents" / "support-v1"
V2 = EXAMPLE / "agents" / "support-v2"


def _check_example_diff(data: dict[str, Any]) -> None:
    prompt = data["prompt"]
    refunds_added = [
        h for h in prompt if h["section"] == "Refunds" and h["kind"] == "sentence_added"
    ]
    assert any(
        "$50" in h["new"] and "48 hours" in h["new"] and "issue_refund" in h["new"]
        for h in refunds_added
    ), refunds_added
    returns = [h for h in prompt if h["section"] == "Returns" and h["kind"] == "sentence_changed"]
    assert any("30 days" in h["old"] and "45 days" in h["new"] for h in returns), returns
    assert any(h["section"] == "Tone" for h in prompt)
    config = {h["summary"] for h in data["config"]}
    assert "tool issue_refund added" in config
    assert "config model: gpt-4o-mini → gpt-4.1-mini" in config
    assert "config temperature: 0.3 → 0.2" in config


def test_example_diff_json(cli: CliRunner) -> None:
    result = cli("diff", str(V1), str(V2), "--format", "json")
    assert result.exit_code == 0, result.stderr
    _check_example_diff(json.loads(result.stdout))


def test_example_diff_text(cli: CliRunner) -> None:
    result = cli("diff", str(V1), str(V2))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "§ Refunds + If an order over $50 is delayed more than 48 hours" in text
    assert "§ Returns ~ sentence changed - Items can be returned within 30 days" in text
    assert "+ tool issue_refund added" in text
    assert "config model: gpt-4o-mini → gpt-4.1-mini" in text


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A repo whose history holds v1 (tagged) then v2 of the example agent."""
    repo = make_git_repo(tmp_path / "acme")
    (repo / "behaviordiff.toml").write_text('[agent]\npath = "agents/support"\n')
    shutil.copytree(V1, repo / "agents" / "support")
    git_commit(repo, "support agent v1", tag="v1")
    shutil.rmtree(repo / "agents" / "support")
    shutil.copytree(V2, repo / "agents" / "support")
    git_commit(repo, "support agent v2: shipping refunds, member returns, warmer tone")
    return repo


def test_example_diff_between_git_refs(cli: CliRunner, example_repo: Path) -> None:
    result = cli("diff", "v1", "HEAD", "--format", "json", cwd=example_repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["base"]["label"] == "v1:agents/support"
    _check_example_diff(data)
    text = cli("diff", "v1", "HEAD", cwd=example_repo)
    assert "§ Refunds" in text.stdout


def test_example_ref_against_work_tree_folder(cli: CliRunner, example_repo: Path) -> None:
    result = cli("diff", "HEAD", "agents/support", "--exit-code", cwd=example_repo)
    assert result.exit_code == 0, result.stdout
    assert "identical" in result.stdout


def test_example_probe_suite_renders_for_both_versions(cli: CliRunner) -> None:
    result = cli(
        "probes",
        "check",
        "--agent",
        str(V1),
        "--agent",
        str(V2),
        "--format",
        "json",
        cwd=EXAMPLE,
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["probes"] >= 40
    assert summary["templates_checked"] == 2 * summary["probes"]
    assert {"shipping", "returns"} <= set(summary["tags"])


@pytest.mark.xdist_group("demo")
def test_demo_runs_offline_and_stores_a_release(cli: CliRunner, demo_run: Demo) -> None:
    target = demo_run.folder
    data = demo_run.output
    assert data["folder"] == str(target)
    assert data["workspace"] == str(demo_run.workspace)
    environment = {"BEHAVIORDIFF_WORKSPACE": str(demo_run.workspace)}
    _check_example_diff(data["diff"])
    assert data["probes"]["probes"] >= 40
    assert data["run"]["stored"]["ok"] == data["probes"]["probes"] * 3 * 2
    verdicts = {p["probe_id"]: p["verdict"] for p in data["analysis"]["probes"]}
    assert verdicts["delay-120-72h"] == "behavior-changed"
    assert verdicts["complaint-wrong-item"] == "wording-only"
    assert verdicts["password-reset"] == "unchanged"
    refund_note = next(n for n in data["drafts"]["notes"] if "$50" in n["content"]["title"])
    assert "48 hours" in refund_note["content"]["title"]
    releases = cli(
        "releases",
        "--format",
        "json",
        "--config",
        str(target / "behaviordiff.toml"),
        env=environment,
    )
    assert [r["id"] for r in json.loads(releases.stdout)["releases"]] == [data["release"]]

    # the demo folder is a git repo with v1 then v2 at agents/support: git refs work there
    from_git = cli("run", "HEAD~1", "HEAD", "--format", "json", cwd=target, env=environment)
    assert from_git.exit_code == 0, from_git.stderr
    rerun = json.loads(from_git.stdout)
    assert rerun["requests"] == 0 and rerun["reused_runs"] == data["run"]["stored"]["ok"]
    listed = cli("releases", "--format", "json", cwd=target, env=environment)
    stored = json.loads(listed.stdout)["releases"][0]
    head = stored["settings"]["versions"]["head"]
    assert head["git_ref"] == "HEAD" and len(head["git_commit"]) == 40
    assert stored["name"].startswith("HEAD~1@") and " → HEAD@" in stored["name"]


def test_demo_text_output(cli_process: CliRunner, tmp_path: Path) -> None:
    """End to end, in a new process, as a user first meets it."""
    result = cli_process("demo", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "What changed in the prompt and config" in text
    assert "§ Refunds" in text
    assert "11 behavior-changed, 6 wording-only" in text
    assert "delay_hours > 48 and order_total > 50: 6 of 6 changed" in text
    assert "Suggested edit Shipping::Delayed order" in text
    next_lines = text.split("Next", 1)[1]
    for command in (
        "review list",
        "changelog",
        "report -o report.html",
        "ack --all --by NAME",
        "gate --stage canary",
        "draft --effective",
    ):
        assert command in next_lines, command


def test_demo_refuses_a_non_empty_folder(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    result = cli("demo", str(tmp_path / "busy"))
    assert result.exit_code == 2
    assert "not empty" in " ".join(result.stderr.replace("│", " ").split())
    assert (tmp_path / "busy" / "notes.txt").read_text() == "mine"
