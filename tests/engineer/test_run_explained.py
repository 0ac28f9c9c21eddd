"""`run` says what it reuses and why not: a no-op rerun makes no release, a changed file is
named with the runs it costs, the estimate shows probes × samples × versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.engineer.conftest import Invoke
from tests.engineer.project import command_project

RUN = ("run", "agent", "agent-v2", "--samples", "2")


def _json(invoke: Invoke, *args: str, cwd: Path) -> Any:
    result = invoke(*args, "--format", "json", cwd=cwd)
    assert result.exit_code == 0, result.message
    return json.loads(result.stdout)


def test_a_rerun_that_changes_nothing_makes_no_release(invoke: Invoke, tmp_path: Path) -> None:
    project = command_project(invoke, tmp_path / "shop")
    first = _json(invoke, *RUN, cwd=project)
    assert first["release"] == 1 and not first["unchanged"]

    again = _json(invoke, *RUN, cwd=project)
    assert again["release"] == 1 and again["unchanged"] and again["ran"] == 0
    assert again["analysis"]["summary"] == first["analysis"]["summary"]
    text = invoke(*RUN, cwd=project)
    assert text.exit_code == 0, text.message
    assert "no new release was made" in " ".join(text.stdout.split())
    dry = invoke(*RUN, "--dry-run", cwd=project)
    assert "Nothing to run: release #1 already holds these 12 runs" in " ".join(dry.stdout.split())

    releases = _json(invoke, "releases", cwd=project)["releases"]
    assert [row["id"] for row in releases] == [1]
    assert releases[0]["unchanged_reruns"] == 2 and releases[0]["reused_runs"] == 0

    # the same versions under new names: a new release, every run reused, and `releases` says so
    shutil.copytree(project / "agent-v2", project / "agent-v3")
    renamed = _json(invoke, "run", "agent", "agent-v3", "--samples", "2", cwd=project)
    assert renamed["release"] == 2 and renamed["reused_runs"] == 12 and renamed["ran"] == 0
    listed = invoke("releases", cwd=project)
    shown = " ".join(listed.stdout.split())
    assert "12 reused from earlier releases" in shown
    assert "rerun 2× with nothing changed" in shown
    # every run reused: the progress line states no rate of runs (nothing ran: not "0.0/s")
    shutil.copytree(project / "agent-v2", project / "agent-v4")
    reused = invoke("run", "agent", "agent-v4", "--samples", "2", cwd=project)
    assert reused.exit_code == 0, reused.message
    assert "12/12 runs, 0 errors" in reused.stderr and "/s," not in reused.stderr

    # --no-cache asks for the runs again: a release of its own
    fresh = _json(invoke, *RUN, "--no-cache", cwd=project)
    assert fresh["release"] == 4 and fresh["ran"] == 12


def test_a_changed_neighbour_file_of_a_command_agent_is_named_with_its_cost(
    invoke: Invoke, tmp_path: Path
) -> None:
    project = command_project(invoke, tmp_path / "shop", script="{project_root}/bot/agent.py")
    helpers = project / "bot" / "helpers.py"
    helpers.write_text("GREETING = 'Hi'\n")
    script = project / "bot" / "agent.py"
    script.write_text("import helpers  # noqa: F401\n" + script.read_text())
    assert _json(invoke, *RUN, cwd=project)["release"] == 1

    helpers.write_text("GREETING = 'Hello'\n")  # not run by name: hashed as a module it imports
    dry = invoke(*RUN, "--dry-run", cwd=project)
    assert dry.exit_code == 0, dry.message
    said = " ".join(dry.stdout.split())
    assert (
        "6 base run(s) cannot reuse release #1's, because since then changed: bot/helpers.py"
        in (said)
    )
    assert "6 head run(s) cannot reuse release #1's" in said
    assert "runs 12 (3 probes × 2 samples × 2 versions)" in said

    as_json = _json(invoke, *RUN, "--dry-run", cwd=project)
    assert as_json["not_reused"] == [
        {
            "side": side,
            "runs": 6,
            "release": 1,
            "changed": ["bot/helpers.py"],
            "added": [],
            "removed": [],
        }
        for side in ("base", "head")
    ]

    ran = invoke(*RUN, cwd=project)
    assert ran.exit_code == 0, ran.message
    before_runs = ran.stderr.split("runs,")[0]
    assert "changed: bot/helpers.py" in " ".join(before_runs.split()), ran.stderr

    # a prompt edit of one version costs that side only, and names the file
    prompt = project / "agent-v2" / "system.md.j2"
    prompt.write_text(prompt.read_text() + "\nSign every reply with the shop's name.\n")
    edited = _json(invoke, *RUN, "--dry-run", cwd=project)
    assert [(item["side"], item["changed"]) for item in edited["not_reused"]] == [
        ("head", ["agent-v2/system.md.j2"])
    ]


def test_a_rerun_after_other_runs_reports_the_release_that_holds_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    project = command_project(invoke, tmp_path / "shop")
    assert _json(invoke, *RUN, cwd=project)["release"] == 1
    shutil.copytree(project / "agent-v2", project / "agent-v3")
    other = _json(invoke, "run", "agent", "agent-v3", "--samples", "2", cwd=project)
    assert other["release"] == 2

    again = _json(invoke, *RUN, cwd=project)
    assert again["release"] == 1 and again["unchanged"] and again["ran"] == 0
    text = invoke(*RUN, cwd=project)
    said = " ".join(text.stdout.split())
    assert "Release #1:" in said
    assert "it already holds these versions and runs" in said and "no new release" in said
    dry = invoke(*RUN, "--dry-run", cwd=project)
    assert "Nothing to run: release #1 already holds these 12 runs" in " ".join(dry.stdout.split())
    listed = _json(invoke, "releases", cwd=project)["releases"]
    assert [row["id"] for row in listed] == [2, 1]
    # the rerun came back to #1: commands that name no release read it
    assert [row["current"] for row in listed] == [False, True]
    shown = " ".join(invoke("releases", cwd=project).stdout.split())
    assert "#1 agent → agent-v2 (current: a rerun came back to it" in shown
    assert _json(invoke, "review", "list", cwd=project)["release_id"] == 1


BROKEN_AGENT = """\
import json, sys


def answer(request):
    return helper(request)


def helper(request):
    return request["no such key"]


answer(json.load(sys.stdin))
"""


def test_a_broken_agent_shows_its_traceback_once_and_counts_the_rest(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Every run of an agent that crashes fails alike: the first failure is shown, trimmed to
    its innermost frame and exception, the others are counted; the whole text stays in each
    run's stored transcript."""
    project = command_project(invoke, tmp_path / "shop")
    (project / "agent-v2" / "agent.py").write_text(BROKEN_AGENT)
    ran = invoke(*RUN, cwd=project)
    assert ran.exit_code == 3, ran.message  # incomplete: runs failed
    assert ran.stderr.count("Traceback (most recent call last)") == 1, ran.stderr
    assert ran.stderr.count("KeyError: 'no such key'") == 1
    assert 'in helper\n      return request["no such key"]' in ran.stderr
    assert "in answer" not in ran.stderr  # an outer frame, left out
    repeats = [line for line in ran.stderr.splitlines() if "failed the same way" in line]
    assert len(repeats) == 1 and repeats[0].startswith("error: "), ran.stderr
    assert "`behaviordiff transcripts --side both -o runs/`" in ran.stderr
    # the inconclusive probes name the first one's failure, not the traceback again
    assert ran.stdout.count("Traceback (most recent call last)") == 1, ran.stdout
    assert "runs failed the same way as" in ran.stdout
    head = tmp_path / "head.jsonl"
    written = invoke("transcripts", "--side", "head", "-o", str(head), cwd=project)
    assert written.exit_code == 0, written.message
    stored = [json.loads(row) for row in head.read_text().splitlines()]
    assert stored and all("in answer" in (row.get("error") or "") for row in stored)


def test_a_run_stopped_because_every_run_fails_quotes_the_error_trimmed(
    invoke: Invoke, tmp_path: Path
) -> None:
    project = command_project(invoke, tmp_path / "shop")
    (project / "agent-v2" / "agent.py").write_text(BROKEN_AGENT)
    ran = invoke("run", "agent", "agent-v2", "--samples", "4", "--no-cache", cwd=project)
    assert "runs of the head version all failed, the last with" in ran.stderr, ran.stderr
    # the first failure, and the reason the run stopped: each trimmed
    assert ran.stderr.count("Traceback (most recent call last)") == 2, ran.stderr
    assert "KeyError: 'no such key'" in ran.stderr and "in answer" not in ran.stderr
