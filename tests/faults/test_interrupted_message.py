"""Ctrl-C in any command says that finished work is stored and exits 130. Typer turns a
KeyboardInterrupt in a command into a silent exit code 130, so only `run` (which stops its
runs itself) said anything; `draft`, `export`, `review redraft` … ended without a word."""

from __future__ import annotations

import pytest

from tests.faults.conftest import InProcessCli


def _interrupted(*args: object, **kwargs: object) -> object:
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", [("draft",), ("review", "list"), ("gate", "--stage", "full")])
def test_ctrl_c_in_a_command_says_what_was_kept(
    command: tuple[str, ...], bd: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import behaviordiff.pipeline
    import behaviordiff.publish.session

    monkeypatch.setattr(behaviordiff.pipeline, "open_project", _interrupted)
    monkeypatch.setattr(behaviordiff.publish.session, "open_session", _interrupted)
    result = bd(*command)
    assert result.exit_code == 130, result
    assert "Interrupted; finished work is stored." in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_in_a_listing_says_only_interrupted(
    bd: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kb check` stores nothing: "run it again to resume" would promise what is not so."""
    import behaviordiff.pipeline

    monkeypatch.setattr(behaviordiff.pipeline, "check_knowledge_base", _interrupted)
    result = bd("kb", "check")
    assert result.exit_code == 130, result
    assert "Interrupted." in result.stderr
    assert "finished work is stored" not in result.stderr and "Traceback" not in result.stderr
