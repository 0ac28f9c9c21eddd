"""Ctrl-C leaves no empty release behind, and "run the same command again" resumes the release
it stopped, though another run was made since (trial 11, T8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.errors import Interrupted
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from behaviordiff.store import Workspace
from tests.runner_project import probe, replace_options, run

PROBES = [probe(f"p{index}", f"[greet] hello {index}") for index in range(5)]


def _interrupting_at(call: int) -> FakeChatModel:
    calls = {"n": 0}

    def responder(request: ChatRequest) -> str:
        calls["n"] += 1
        if calls["n"] == call:
            raise KeyboardInterrupt
        return "fine"

    return FakeChatModel(responder=responder)


def test_ctrl_c_before_any_run_is_stored_keeps_no_release(tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as caught:
        run(tmp_path, probes=PROBES, concurrency=1, chat_model=_interrupting_at(1))
    assert caught.value.exit_code == 130
    assert "no release was kept" in caught.value.message
    with Workspace(tmp_path / "ws") as workspace:
        assert workspace.releases() == []
        assert workspace.audit()[-1]["action"] == "releases.delete"
    again = run(tmp_path, probes=PROBES, concurrency=1, chat_model=FakeChatModel(default="fine"))
    assert not again.resumed and again.counts == {"ok": 10}


def test_the_same_command_resumes_its_release_after_another_run(tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as caught:
        run(tmp_path, probes=PROBES, samples=1, concurrency=1, chat_model=_interrupting_at(4))
    assert "of 10 runs of release #1 are stored" in caught.value.message
    fine = FakeChatModel(default="fine")
    other = run(tmp_path, probes=PROBES, samples=2, concurrency=1, chat_model=fine)
    assert other.release_id == 2 and other.counts == {"ok": 20}
    dry_run = replace_options(dry_run=True)
    dry = run(tmp_path, dry_run, probes=PROBES, samples=1, chat_model=fine)
    assert dry.resumed and dry.release_id == 1
    again = run(tmp_path, probes=PROBES, samples=1, concurrency=1, chat_model=fine)
    assert again.resumed and again.release_id == 1 and again.counts == {"ok": 10}
    with Workspace(tmp_path / "ws") as workspace:
        assert [release.id for release in workspace.releases()] == [1, 2]
        current = workspace.latest_release()
        assert current is not None and current.id == 1  # what commands read next
