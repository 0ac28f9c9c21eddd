"""`behaviordiff run` as a user runs it: the example offline, budget, dry run, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import EXAMPLE, CliRunner
from tests.openai_server import OpenAIServer
from tests.runner_project import write_probes, write_version

V1 = str(EXAMPLE / "agents" / "support-v1")
V2 = str(EXAMPLE / "agents" / "support-v2")
CONFIG = str(EXAMPLE / "behaviordiff.toml")


def example_subset(tmp_path: Path, ids: tuple[str, ...]) -> Path:
    suite = yaml.safe_load((EXAMPLE / "probes" / "core.yaml").read_text())
    suite["probes"] = [p for p in suite["probes"] if p["id"] in ids]
    path = tmp_path / "subset.yaml"
    path.write_text(yaml.safe_dump(suite))
    return path


def test_run_example_text_then_json_rerun(cli: CliRunner, tmp_path: Path) -> None:
    subset = example_subset(tmp_path, ("delay-25-72h", "talk-to-human"))
    args = ("run", V1, V2, "--config", CONFIG, "--suite", str(subset))
    first = cli(*args)
    assert first.exit_code == 0, first.stderr
    text = " ".join(first.stdout.split())
    # with an analysis, probes are shown grouped by change rather than one row each
    assert "Release #1: 12 of 12 runs ok" in text
    assert "2 probes: 0 behavior-changed, 0 wording-only, 0 inconclusive, 2 unchanged" in text
    assert "Release #1: 12 runs" in first.stderr  # plain progress lines when not a terminal
    assert "12/12 runs" in first.stderr

    second = cli(*args, "--format", "json")
    assert second.exit_code == 0, second.stderr
    data = json.loads(second.stdout)
    # nothing changed: the release is reported again, not made anew
    assert data["release"] == 1 and data["complete"] and data["unchanged"]
    assert data["requests"] == 0 and data["reused_runs"] == 0
    assert data["adapters"] == {"base": "command", "head": "command"}
    probes = {p["probe"]: p for p in data["probes"]}
    assert probes["talk-to-human"]["head"]["escalated"] == 3
    assert probes["talk-to-human"]["head"]["actions"] == {"escalate_to_human": 3}


def _metered(tmp_path: Path, version: str) -> str:
    """The example's version as an executable that calls its model and reports usage."""
    import shutil

    target = tmp_path / Path(version).name
    shutil.copytree(version, target)
    config = target / "agent.yaml"
    config.write_text(config.read_text().replace("metered: false", "metered: true"))
    return str(target)


def test_dry_run_and_budget_refusal(cli: CliRunner, tmp_path: Path) -> None:
    subset = example_subset(tmp_path, ("tracking-on-time",))
    free = cli("run", V1, V2, "--config", CONFIG, "--suite", str(subset), "--dry-run")
    assert free.exit_code == 0, free.stderr
    text = " ".join(free.stdout.split())  # the simulator calls no model: nothing to spend
    assert "requests 0" in text and "estimated cost $0.0000" in text
    v1, v2 = _metered(tmp_path, V1), _metered(tmp_path, V2)
    args = ("run", v1, v2, "--config", CONFIG, "--suite", str(subset), "--samples", "2")
    dry = cli(*args, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    text = " ".join(dry.stdout.split())
    assert "runs to do 4" in text and "requests 4" in text and "estimated cost $" in text
    refused = cli(*args, "--max-requests", "3")
    assert refused.exit_code == 2
    message = " ".join(refused.stderr.replace("│", " ").split())
    assert "Budget exceeded" in message and "about 4 requests, over --max-requests 3" in message
    as_json = cli(*args, "--max-cost", "0.0000001", "--format", "json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stderr)["error"] == "BudgetExceeded"
    releases = cli("releases", "--format", "json", "--config", CONFIG)
    assert json.loads(releases.stdout)["releases"] == []


def test_a_dry_run_creates_no_workspace(cli: CliRunner, tmp_path: Path) -> None:
    """A dry run with a workspace that does not exist yet (a typo, or a first look) estimates
    in a throwaway one: nothing is made at the path given."""
    subset = example_subset(tmp_path, ("tracking-on-time",))
    missing = tmp_path / "no" / "such" / "workspace"
    args = ("run", V1, V2, "--config", CONFIG, "--suite", str(subset), "--dry-run")
    dry = cli(*args, "--workspace", str(missing), "--format", "json")
    assert dry.exit_code == 0, dry.stderr
    assert json.loads(dry.stdout)["estimate"]["runs"] == 6
    assert not (tmp_path / "no").exists()


def test_adapter_override_needs_its_settings(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("run", V1, V2, "--config", CONFIG, "--adapter", "replay")
    assert result.exit_code == 2
    assert "the replay adapter needs a `replay:` section" in " ".join(
        result.stderr.replace("│", " ").split()
    )


SLOW_AGENT = """\
import json, os, sys, time
request = json.load(sys.stdin)
time.sleep(float(os.environ.get("AGENT_DELAY", "0")))
messages = request["probe"]["messages"] + [{"role": "assistant", "content": "done"}]
json.dump({"messages": messages, "usage": {}, "finish_reason": "stop"}, sys.stdout)
"""


def test_ctrl_c_exits_130_and_the_next_run_resumes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    extra = 'command:\n  argv: ["{python}", "{project_root}/agent.py"]\n'
    write_version(project / "v1", "v1", adapter="command", extra=extra)
    write_version(project / "v2", "v2", adapter="command", extra=extra)
    (project / "agent.py").write_text(SLOW_AGENT)
    probes = [
        {
            "id": f"p{i}",
            "messages": [{"role": "user", "content": f"hello {i}"}],
            "variables": {"customer_name": "Alex"},
        }
        for i in range(12)
    ]
    write_probes(project / "probes.jsonl", probes)
    (project / "behaviordiff.toml").write_text(
        '[probes]\nsuites = ["probes.jsonl"]\n[run]\nsamples = 1\nconcurrency = 1\n'
    )
    env = {**os.environ, "BEHAVIORDIFF_WORKSPACE": str(tmp_path / "ws"), "COLUMNS": "100"}
    command = [sys.executable, "-m", "behaviordiff", "run", "v1", "v2"]
    # slow enough for Ctrl-C to land mid-run; the resume needs no delay (the process's
    # environment is not part of a run's identity: agent.yaml's `env` is)
    process = subprocess.Popen(
        command,
        cwd=project,
        env={**env, "AGENT_DELAY": "0.15"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal gives it: the default disposition, whatever the test worker
        # that starts it inherited (an ignored SIGINT is inherited, and Python then keeps it)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    database = tmp_path / "ws" / "workspace.sqlite3"
    # Ctrl-C once the progress line says 3 runs are done (read from the process itself, not
    # by polling the database, which a loaded machine can starve until the run has ended)
    assert process.stderr is not None
    seen: list[str] = []
    for line in process.stderr:
        seen.append(line)
        done = re.match(r"\s*(\d+)/24 runs", line)
        if done and int(done.group(1)) >= 3:
            break
    else:
        raise AssertionError("".join(seen))
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=60)
    stderr = "".join(seen) + rest
    assert process.returncode == 130, stderr
    assert "run the same command again to resume" in " ".join(stderr.lower().split())
    with sqlite3.connect(database) as db:
        kept = db.execute("SELECT COUNT(*) FROM runs WHERE status = 'ok'").fetchone()[0]
    assert 3 <= kept < 24

    resumed = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"Resuming release #1: {kept} of 24 runs already stored" in resumed.stderr
    assert "Release #1: 24 of 24 runs ok" in " ".join(resumed.stdout.split())


def test_fail_on_change_gates_ci(cli: CliRunner, tmp_path: Path) -> None:
    subset = example_subset(tmp_path, ("delay-120-72h", "password-reset"))
    args = ("run", V1, V2, "--config", CONFIG, "--suite", str(subset), "--no-draft")
    gated = cli(*args, "--fail-on-change", "--format", "json")
    assert gated.exit_code == 1, gated.stderr
    verdicts = {p["probe_id"]: p["verdict"] for p in json.loads(gated.stdout)["analysis"]["probes"]}
    assert verdicts == {"delay-120-72h": "behavior-changed", "password-reset": "unchanged"}
    same = cli("run", V1, V1, "--config", CONFIG, "--suite", str(subset), "--fail-on-change")
    assert same.exit_code == 0, same.stderr


def _failing_agent(config: str, tmp_path: Path) -> str:
    """agent.yaml with the command replaced by one that exits at once with an error."""
    failing = tmp_path / "failing_agent.py"
    failing.write_text("import sys\nsys.exit('cannot reach the model')\n")
    return config.replace("{project_root}/sim/acme_agent.py", str(failing))


def test_failed_runs_exit_3_and_say_how_to_retry(cli: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken-agent"
    import shutil

    shutil.copytree(V2, broken)
    config = (broken / "agent.yaml").read_text()
    (broken / "agent.yaml").write_text(_failing_agent(config, tmp_path))
    subset = example_subset(tmp_path, ("password-reset",))
    result = cli("run", V1, str(broken), "--config", CONFIG, "--suite", str(subset))
    assert result.exit_code == 3, result.stderr
    assert "run again by the next `behaviordiff run`" in " ".join(result.stdout.split())


def test_json_of_an_incomplete_run_says_exit_3_and_the_undecided_probes(
    cli: CliRunner, tmp_path: Path
) -> None:
    """trial14: the process exited 3 while the JSON's gate said exit code 1 and listed no
    inconclusive probe although the failed runs left one undecided."""
    import shutil

    from behaviordiff.schemas.outputs import RunOutput

    broken = tmp_path / "broken-agent"
    shutil.copytree(V2, broken)
    config = (broken / "agent.yaml").read_text()
    (broken / "agent.yaml").write_text(_failing_agent(config, tmp_path))
    subset = example_subset(tmp_path, ("password-reset",))
    args = ("run", V1, str(broken), "--config", CONFIG, "--suite", str(subset), "--no-draft")
    result = cli(*args, "--fail-on-change", "--format", "json")
    assert result.exit_code == 3, result.stderr
    data = json.loads(result.stdout)
    RunOutput.model_validate(data)
    gate = data["gate"]
    assert gate["exit_code"] == 3 and "incomplete" in gate["reason"]
    assert [p["probe_id"] for p in gate["inconclusive"]] == ["password-reset"]


def test_a_broken_agent_stops_the_run_early(cli: CliRunner, tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "broken-agent"
    shutil.copytree(V2, broken)
    config = (broken / "agent.yaml").read_text()
    (broken / "agent.yaml").write_text(_failing_agent(config, tmp_path))
    result = cli("run", V1, str(broken), "--config", CONFIG, "--concurrency", "2", "--no-draft")
    assert result.exit_code == 3, result.stderr
    assert "runs of the head version all failed" in " ".join(result.stderr.split())
    data = cli("run", V1, str(broken), "--config", CONFIG, "--concurrency", "2", "--format", "json")
    summary = json.loads(data.stdout)
    assert summary["stored"]["error"] < 58 * 3  # stopped long before every run was tried


def test_run_takes_the_meaning_backend_from_the_config(
    cli: CliRunner, tmp_path: Path, openai_server: OpenAIServer
) -> None:
    """[detect] similarity = "embeddings": `run` embeds replies through the OpenAI client at
    the configured endpoint, caches the vectors in the workspace, and a rerun sends none."""
    import shutil

    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project)
    config = project / "behaviordiff.toml"
    config.write_text(
        config.read_text()
        + f'\n[drafting]\ndrafter = "template"\n\n[detect]\nsimilarity = "embeddings"\n'
        f'embeddings_model = "test-embedding"\nbase_url = "{openai_server.base_url}"\n'
    )
    subset = example_subset(tmp_path, ("delay-25-72h", "return-window-member"))
    args = ("run", "agents/support-v1", "agents/support-v2", "--suite", str(subset))
    first = cli(*args, "--format", "json", cwd=project)
    assert first.exit_code == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["analysis"]["noise"]["backend"] == "embeddings"
    sent = openai_server.request_count
    assert sent >= 1
    assert all(body["model"] == "test-embedding" for body in openai_server.requests)

    second = cli(*args, "--format", "json", cwd=project)
    assert second.exit_code == 0, second.stderr
    assert openai_server.request_count == sent


def test_a_release_stopped_before_its_analysis_is_finished_not_made_again(
    cli: CliRunner, tmp_path: Path
) -> None:
    subset = example_subset(tmp_path, ("delay-25-72h", "talk-to-human"))
    args = ("run", V1, V2, "--config", CONFIG, "--suite", str(subset), "--format", "json")
    first = cli(*args)
    assert json.loads(first.stdout)["release"] == 1
    database = next(Path(os.environ["BEHAVIORDIFF_WORKSPACE"]).glob("*.sqlite3"))
    with sqlite3.connect(database) as db:  # as if Ctrl-C came between runs and analysis
        db.execute("DELETE FROM analyses")
    db.close()
    again = json.loads(cli(*args).stdout)
    assert again["release"] == 1 and again["resumed"] and "analysis" in again
    third = json.loads(cli(*args).stdout)
    assert third["release"] == 1 and not third["resumed"] and third["unchanged"]


def test_a_drafting_endpoint_that_does_not_answer_leaves_the_analysis_shown(
    cli: CliRunner, tmp_path: Path
) -> None:
    import shutil

    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project)
    config = project / "behaviordiff.toml"
    config.write_text(
        config.read_text().replace("[run]\n", "[run]\nmax_retries = 0\n")
        + '\n[drafting]\ndrafter = "llm"\nbase_url = "http://127.0.0.1:9/v1"\n'
    )
    subset = example_subset(tmp_path, ("delay-120-72h", "password-reset"))
    args = ("run", "agents/support-v1", "agents/support-v2", "--suite", str(subset))
    result = cli(*args, cwd=project)
    assert result.exit_code == 3, result.stderr
    assert "Behavior changes" in result.stdout  # the analysis is shown
    message = " ".join(result.stderr.split())
    assert "cannot connect" in message and "Nothing was changed" in message
    data = json.loads(cli(*args, "--format", "json", cwd=project).stdout)
    assert data["analysis"]["changes"] and data["draft_error"]["error"] == "DraftingError"


def test_old_releases_are_pruned_but_a_writers_work_is_kept(cli: CliRunner, tmp_path: Path) -> None:
    subset = example_subset(tmp_path, ("delay-120-72h", "password-reset"))
    args = ("run", V1, V2, "--config", CONFIG, "--suite", str(subset), "--format", "json")
    for _ in range(3):  # --no-cache: each run a release of its own
        assert cli(*args, "--no-cache").exit_code == 0
    approved = cli("review", "approve", "--all", "--release", "1", "--config", CONFIG)
    assert approved.exit_code == 0, approved.stderr

    dry = json.loads(cli("releases", "--prune", "--keep", "1", "--dry-run", "-f", "json").stdout)
    assert [item["id"] for item in dry["would_delete"]] == [2] and len(dry["releases"]) == 3
    pruned = json.loads(cli("releases", "--prune", "--keep", "1", "-f", "json").stdout)
    assert [item["id"] for item in pruned["deleted"]] == [2]
    assert [row["id"] for row in pruned["releases"]] == [3, 1]  # #1 holds approvals

    refused = cli("releases", "--delete", "1")
    assert refused.exit_code == 2 and "hold a writer's work" in refused.stderr
    forced = json.loads(cli("releases", "--delete", "1", "--force", "-f", "json").stdout)
    assert [row["id"] for row in forced["releases"]] == [3]
    cli("releases", "--delete", "3")
    again = json.loads(cli(*args).stdout)  # no run left to reuse, but the call cache stays
    assert again["reused_runs"] == 0 and again["cached_runs"] == 12


def test_a_run_from_a_reviewed_head_says_the_review_may_be_out_of_date(
    cli: CliRunner, tmp_path: Path
) -> None:
    """v1 → v2 was reviewed; a run v2 → v3 means v2 moved on: say so, naming the release."""
    import shutil

    subset = example_subset(tmp_path, ("delay-120-72h", "password-reset"))
    common = ("--config", CONFIG, "--suite", str(subset))
    assert cli("run", V1, V2, *common).exit_code == 0
    assert cli("review", "approve", "--all", "--config", CONFIG).exit_code == 0
    v3 = tmp_path / "support-v3"
    shutil.copytree(V2, v3)
    prompt = v3 / "system.md.j2"
    prompt.write_text(prompt.read_text().replace("refund of 50% of", "refund of 100% of"))
    result = cli("run", V2, str(v3), *common, "--format", "json")
    assert result.exit_code == 0, result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    said = next(w for w in warnings if w.startswith("release #1 ("))
    # v2 itself did not change: the run compares it with a newer version
    assert "support-v2, which this run now compares with " in said
    assert "has since changed" not in said
    assert "support-v1 (where release #1 started)" in said
