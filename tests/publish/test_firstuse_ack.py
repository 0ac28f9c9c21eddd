"""First-use fixes to `ack`: error titles that name the action, a handle of the wrong kind,
the edits' delivery and withdrawals by handle in `ack list`."""

from __future__ import annotations

from tests.publish.conftest import Invoke, Release, approve_all, error_of


def test_withdraw_and_done_errors_name_their_own_action(invoke: Invoke, drafted: Release) -> None:
    approve_all(drafted[0], drafted[1])
    withdraw = error_of(invoke("ack", "withdraw", "--change", "C1", "--reason", "x"))
    assert withdraw.title == "Cannot withdraw the acknowledgement"
    assert "who withdraws" in withdraw.message and "acknowledges" not in withdraw.message
    done = error_of(invoke("ack", "done", "C1.1"))
    assert done.title == "Cannot mark edits done"
    assert "who applied the edits" in done.message
    assert error_of(invoke("ack", "--change", "C1")).title == "Cannot acknowledge"


def test_a_handle_of_the_other_kind_says_which_command_takes_it(
    invoke: Invoke, drafted: Release
) -> None:
    approve_all(drafted[0], drafted[1])
    edit_as_change = error_of(invoke("ack", "--change", "C1.1", "--by", "Sam"))
    assert "C1.1 is a suggested" in (edit_as_change.hint or "")
    assert "--change C1" in (edit_as_change.hint or "")
    assert "ack done C1.1" in (edit_as_change.hint or "")
    change_as_edit = error_of(invoke("ack", "done", "C2", "--by", "Sam"))
    assert "ack --change C2" in (change_as_edit.hint or "")
    unknown = error_of(invoke("ack", "--change", "C9", "--by", "Sam"))
    assert "valid changes: C1, C2" in (unknown.hint or "")


def test_ack_list_shows_what_is_left_to_deliver_and_withdrawals_by_handle(
    invoke: Invoke, drafted: Release
) -> None:
    approve_all(drafted[0], drafted[1])
    assert invoke("ack", "--all", "--by", "Sam").exit_code == 0
    assert invoke("ack", "done", "C1.1", "--by", "Sam").exit_code == 0
    withdrawn = invoke("ack", "withdraw", "--change", "C2", "--by", "Sam", "--reason", "redo")
    assert withdrawn.exit_code == 0
    text = invoke("ack", "list").stdout
    lines = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    assert "· done" in lines["C1.1"]
    assert "not pushed or marked done yet" in lines["C1.2"]
    assert "withdrawn: C2 by Sam" in text and "change-" not in text
