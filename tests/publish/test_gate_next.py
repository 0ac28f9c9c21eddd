"""When the 100% gate stops on CS (changes not acknowledged, approved edits not in the
helpdesk), it names the release, which changes CS has not acknowledged (and who acknowledged
an earlier text), and the few commands that clear it, in its text and in --format json; run
as said, those commands open the gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.publish.ack import acknowledge
from behaviordiff.publish.gate import fix_commands
from tests.conftest import EXAMPLE
from tests.publish.conftest import Invoke, Release, approve_all, edit, json_of


def test_the_full_gate_names_the_release_who_has_not_acknowledged_and_what_to_run(
    invoke: Invoke, drafted: Release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, ["C1"], all_approved=False, by="Sam")
    edit(workspace, release_id, "C1", {"title": "Shipping refunds for late orders"})
    approve_all(workspace, release_id)  # C1's acknowledgement is for an earlier text now
    monkeypatch.chdir(tmp_path)
    config = ("-c", str(EXAMPLE / "behaviordiff.toml"))
    name = workspace.release(release_id).name

    text = invoke("gate", "--stage", "full", *config)
    assert text.exit_code == 1
    said = " ".join(text.stdout.split())
    assert f"Release #{release_id} ({name}) may not proceed to 100%" in said
    assert f"Next, for CS on release #{release_id} ({name}):" in said
    assert (
        "C1 (acknowledged by Sam for an earlier text), C2 not acknowledged by CS: "
        f"`behaviordiff ack --release {release_id} --change C1,C2 --by NAME`"
    ) in said
    # each missing item once, its fix in the gathered commands only (trial: every item and
    # command was printed twice, 13 lines reading like 6 problems in a CI log)
    assert said.count("fix:") == 0
    assert said.count(f"ack --release {release_id} --change C1,C2") == 1

    data = json_of(invoke("gate", "--stage", "full", "--format", "json", *config))
    assert data["release"] == name and f"({name})" in data["summary"]
    for item in data["missing"]:
        assert item["commands"] == fix_commands(item["fix"]) and item["commands"]
    steps = {tuple(step["subjects"]): step["commands"] for step in data["next"]}
    assert all(step["role"] == "cs" for step in data["next"])
    assert steps[("C1", "C2")] == [
        f"behaviordiff ack --release {release_id} --change C1,C2 --by NAME"
    ]
    edits = {subject for step in data["next"] for subject in step["subjects"] if "." in subject}
    assert edits == {"C1.1", "C1.2", "C2.1", "C2.2"}  # every edit not in the helpdesk

    # what it says to run, run as said (CS imports by hand: no push), opens the gate
    for commands in steps.values():
        for command in commands:
            if " push " in command:
                continue
            args = [arg.replace("NAME", "Sam") for arg in command.split()[1:]]
            result = invoke(*args, *config)
            assert result.exit_code == 0, (command, result.output)
    assert invoke("gate", "--stage", "full", *config).exit_code == 0
