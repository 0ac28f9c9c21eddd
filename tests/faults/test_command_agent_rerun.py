"""A command agent that crashes, hangs, prints garbage or is cut off mid-output on one probe:
each run of that probe is stored with its cause, the other probe's runs are ok, and once the
agent is fixed the rerun starts the agent only for the runs that are missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.runner.test_command import command_extra
from tests.runner_project import by_probe, probe, run, transcripts

AGENT = """\
import json, sys, time
from pathlib import Path
root = Path(sys.argv[1])
request = json.load(sys.stdin)
with (root / "spawns.txt").open("a") as spawns:
    spawns.write(request["probe"]["id"] + "\\n")
mode = (root / "fault-mode.txt").read_text().strip() if (root / "fault-mode.txt").exists() else ""
if mode and "[broken]" in json.dumps(request["probe"]["messages"]):
    if mode == "crash":
        print("Traceback: KeyError 'order'", file=sys.stderr)
        sys.exit(3)
    if mode == "hang":
        time.sleep(30)
    if mode == "garbage":
        print("hello, this is not JSON")
        sys.exit(0)
    if mode == "binary":
        sys.stdout.buffer.write(bytes(range(256)) * 4)
        sys.exit(0)
    if mode == "cut":
        sys.stdout.write('{"messages": [{"role": "assistant", "content": "hal')
        sys.stdout.flush()
        sys.exit(0)
messages = request["probe"]["messages"] + [{"role": "assistant", "content": "done"}]
json.dump({"messages": messages, "usage": {}, "finish_reason": "stop"}, sys.stdout)
"""
"""The mode is read from fault-mode.txt (not a source file beside the agent, so changing it
does not invalidate the agent's cached runs)."""

HANG_TIMEOUT = 3
"""The agent's timeout where the fault is a hang (10 s otherwise): the probe that is fine must
still start and answer within it, and on a loaded machine an interpreter alone can take a
second to start."""

CAUSES = {
    "crash": "the command exited with code 3: Traceback: KeyError 'order'",
    "hang": f"the command timed out after {HANG_TIMEOUT}s",
    "garbage": "the command's stdout is not a transcript JSON object",
    "binary": "the command's stdout is not",
    "cut": "the command's stdout is not a transcript JSON object",
}


@pytest.mark.parametrize("mode", sorted(CAUSES))
def test_a_broken_command_agent_is_stored_per_probe_and_rerun_only_where_missing(
    tmp_path: Path, mode: str
) -> None:
    (tmp_path / "agent.py").write_text(AGENT)
    (tmp_path / "fault-mode.txt").write_text(mode)
    spawns = tmp_path / "spawns.txt"
    probes = [probe("broken", "[broken] where is my order?"), probe("fine", "hello")]
    settings = {
        "adapter": "command",
        "extra": command_extra("agent.py", timeout=HANG_TIMEOUT if mode == "hang" else 10),
        "probes": probes,
    }

    first = run(tmp_path, **settings)
    assert first.counts == {"ok": 2, "error": 2} and not first.complete
    stored = transcripts(tmp_path, first.release_id)
    for transcript in by_probe(stored, "broken"):
        assert CAUSES[mode] in (transcript.error or ""), transcript.error
        assert "internal error" not in (transcript.error or "")
        assert len(transcript.error or "") < 2000
        assert not any(ch in (transcript.error or "") for ch in "\x00\x1b")
    assert all(t.error is None for t in by_probe(stored, "fine"))
    assert sorted(spawns.read_text().split()) == ["broken", "broken", "fine", "fine"]

    (tmp_path / "fault-mode.txt").unlink()  # the agent is fixed
    spawns.unlink()
    second = run(tmp_path, **settings)
    assert second.resumed and second.release_id == first.release_id
    assert second.counts == {"ok": 4} and second.complete
    assert spawns.read_text().split() == ["broken", "broken"]  # only the missing runs
    for transcript in by_probe(transcripts(tmp_path, second.release_id), "broken"):
        assert transcript.error is None and transcript.final_reply == "done"
        assert json.dumps(transcript.messages).count("[broken]") == 1
