"""CS acknowledges approved changes, lists them, withdraws with a reason and marks edits done;
every step audited."""

from __future__ import annotations

from behaviordiff.publish.state import load_state
from tests.publish.conftest import Invoke, Release, approve_all, error_of, json_of


def test_only_approved_changes_can_be_acknowledged(invoke: Invoke, drafted: Release) -> None:
    result = invoke("ack", "--change", "C1", "--by", "Sam")
    error = error_of(result)
    assert "only approved notes can be acknowledged: C1 (draft)" in error.message
    assert "review approve" in (error.hint or "")
    assert not load_state(drafted[0], drafted[1]).changes[0].ack  # nothing recorded


def test_ack_list_and_withdraw_with_a_reason(invoke: Invoke, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    result = invoke("ack", "--change", "c1", "--by", "Sam (CS)", "--note", "macros updated")
    assert result.exit_code == 0 and "acknowledged  C1" in result.stdout
    again = json_of(invoke("ack", "--change", "C1,C2", "--by", "Sam", "--format", "json"))
    assert again["acknowledged"] == ["C2"] and again["already_acknowledged"] == ["C1"]

    listed = json_of(invoke("ack", "list", "--format", "json"))
    first = listed["changes"][0]
    assert (first["handle"], first["acknowledged"]) == ("C1", True)
    assert first["ack"]["acked_by"] == "Sam (CS)" and first["ack"]["note"] == "macros updated"
    assert [edit["handle"] for edit in first["edits"]] == ["C1.1", "C1.2"]
    text = invoke("ack", "list").stdout
    assert "acknowledged by Sam (CS)" in text and "(macros updated)" in text

    error = error_of(invoke("ack", "withdraw", "--change", "C1", "--by", "Sam"))
    assert "needs a reason" in error.message
    result = invoke(
        "ack", "withdraw", "--change", "C1", "--by", "Sam", "--reason", "macro rolled back"
    )
    assert result.exit_code == 0 and "withdrawn     C1" in result.stdout
    listed = json_of(invoke("ack", "list", "--format", "json"))
    assert listed["changes"][0]["acknowledged"] is False
    assert listed["withdrawn"][0]["withdraw_reason"] == "macro rolled back"
    assert listed["withdrawn"][0]["withdrawn_by"] == "Sam"

    actions = [(e["action"], e["subject"], e["detail"]) for e in workspace.audit(release_id)]
    assert actions[-1][0] == "ack.withdraw" and actions[-1][2]["reason"] == "macro rolled back"
    recorded = [a for a in actions if a[0] == "ack.record"]
    assert [detail["by"] for _, _, detail in recorded] == ["Sam (CS)", "Sam"]


def test_ack_needs_a_name_and_a_choice(invoke: Invoke, drafted: Release) -> None:
    approve_all(drafted[0], drafted[1])
    assert "--by NAME" in (error_of(invoke("ack", "--all")).hint or "")
    assert "or pass --all" in error_of(invoke("ack", "--by", "Sam")).message
    error = error_of(invoke("ack", "--change", "C9", "--by", "Sam"))
    assert "no behavior change 'C9'" in error.message and "C1, C2" in (error.hint or "")


def test_edits_are_marked_done_by_hand(invoke: Invoke, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    error = error_of(invoke("ack", "done", "C1.1", "--by", "Sam"))
    assert "C1.1 is draft, not approved" in error.message
    approve_all(workspace, release_id)
    result = invoke("ack", "done", "C1.1", "C2.2", "--by", "Sam", "--format", "json")
    assert json_of(result)["marked_done"] == ["C1.1", "C2.2"]
    state = load_state(workspace, release_id)
    assert set(state.delivered) == {
        state.changes[0].edits[0].record.key,
        state.changes[1].edits[1].record.key,
    }
    assert set(state.delivered.values()) == {"done"}
    result = invoke("ack", "done", "--all", "--by", "Sam", "--format", "json")
    assert json_of(result)["marked_done"] == ["C1.2", "C2.1"]


def test_publishing_commands_have_no_clashing_option_names() -> None:
    import typer

    from behaviordiff.cli.app import app

    root = typer.main.get_command(app)
    commands = [root.commands[name] for name in ("changelog", "report", "gate")]  # type: ignore[attr-defined]
    ack = root.commands["ack"]  # type: ignore[attr-defined]
    commands += [ack, *ack.commands.values()]
    for command in commands:
        flags = [flag for param in command.params for flag in getattr(param, "opts", [])]
        assert len(flags) == len(set(flags)), (command.name, flags)
