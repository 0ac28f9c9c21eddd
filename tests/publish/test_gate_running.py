"""A release whose run is still going (another `behaviordiff run` holds the workspace) is
said to be running, not stopped. trial23: while a CI run was in flight, `gate` said its runs
"were never done (the run was stopped: budget, Ctrl-C …)" and `draft` that the run "stopped
before" the analysis, each with the fix "run `behaviordiff run` again", which the lock
refuses."""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager

from behaviordiff.store import Workspace
from behaviordiff.store.runs import RunRecord, RunStore, RunWriter
from behaviordiff.transcripts import Transcript
from tests.publish.conftest import Invoke, Release


@contextmanager
def _run_in_flight(workspace: Workspace) -> Iterator[None]:
    """The lock another process's `behaviordiff run` holds while it runs."""
    with (workspace.folder / "run.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _half_run(workspace: Workspace) -> int:
    release_id = workspace.create_release(base_label="a", head_label="b").id
    RunStore(workspace).save_plan(release_id, "plan", 3, {})
    writer = RunWriter(workspace, release_id)
    writer.add(RunRecord("base", "p1", 0, Transcript("p1", 0, [], final_reply="ok")))
    writer.flush()
    return release_id


def test_the_gate_says_a_release_is_still_running(invoke: Invoke, drafted: Release) -> None:
    workspace = drafted[0]
    release_id = _half_run(workspace)
    with _run_in_flight(workspace):
        result = invoke("gate", "--stage", "shadow", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["release_id"] == release_id
    messages = [item["message"] for item in data["missing"]]
    fixes = [item["fix"] for item in data["missing"]]
    assert messages == [
        "2 of 3 planned run(s) are not done yet: a behaviordiff run is working on this release now",
        "the release has no analysis yet: its run analyses it once every run is done",
    ]
    assert all(fix.startswith("wait for that run to finish") for fix in fixes), fixes
    # once the run is gone (stopped), the gate says so again, with the rerun
    stopped = json.loads(invoke("gate", "--stage", "shadow", "--format", "json").stdout)
    assert "were never done (the run was stopped" in stopped["missing"][0]["message"]


def test_draft_says_the_newer_release_is_still_running(invoke: Invoke, drafted: Release) -> None:
    workspace, drafted_id, _ = drafted
    release_id = _half_run(workspace)
    with _run_in_flight(workspace):
        result = invoke("draft", "--format", "json")
    assert result.exit_code == 0, result.output
    warning = " ".join(result.stderr.split())
    assert (
        f"release(s) #{release_id} have no analysis yet: a behaviordiff run is working on "
        f"#{release_id} now: drafting #{drafted_id}" in warning
    ), warning
    assert "stopped before" not in warning


def test_review_list_says_the_newer_release_is_still_running(
    invoke: Invoke, drafted: Release
) -> None:
    workspace = drafted[0]
    release_id = _half_run(workspace)
    with _run_in_flight(workspace):
        result = invoke("review", "list")
    assert result.exit_code == 0, result.output
    warning = " ".join(result.stderr.split())
    assert f"#{release_id} is still running (a behaviordiff run is working on it now)" in warning
    assert "stopped before" not in warning


def test_draft_and_review_list_of_the_running_release_say_it_is_running(
    invoke: Invoke, drafted: Release
) -> None:
    """trial (w43): `draft --release N` of the release being run said its run "stopped" and
    `review list` said "draft them"; following either was refused by the run lock."""
    workspace = drafted[0]
    release_id = _half_run(workspace)
    with _run_in_flight(workspace):
        drafting = invoke("draft", "--release", str(release_id))
        listed = invoke("review", "list", "--release", str(release_id))
    assert drafting.exit_code != 0  # the entry point prints the error, exit 2
    said = " ".join(str(drafting.exception or drafting.output).split())
    assert "a behaviordiff run is working on it now" in said and "stopped" not in said
    assert listed.exit_code == 0, listed.output
    shown = " ".join(listed.stdout.split())
    assert f"a behaviordiff run is working on release #{release_id} now" in shown
    assert "Draft them with" not in shown
    # once the run is gone, the draft fix is the rerun again
    after = invoke("draft", "--release", str(release_id))
    assert "its run stopped before the analysis" in str(getattr(after.exception, "hint", ""))
