"""What `run` tells an engineer, from the second new-user trial: a file that stops runs being
reused is named once, on one line; a persistent agent that prints a banner on stdout is told
to log to stderr."""

from __future__ import annotations

from pathlib import Path

from tests.engineer.conftest import Invoke
from tests.engineer.project import command_project

RUN = ("run", "agent", "agent-v2", "--samples", "2")

BANNER_AGENT = """\
import json, sys
print("agent ready", flush=True)
for line in sys.stdin:
    messages = json.loads(line)["probe"]["messages"]
    messages.append({"role": "assistant", "content": "Happy to help."})
    print(json.dumps({"messages": messages, "finish_reason": "stop"}), flush=True)
"""


def test_a_changed_agent_script_is_named_once_on_one_line(invoke: Invoke, tmp_path: Path) -> None:
    """The script in the version folder is hashed as one of its files and as the command's
    source: it is still one file to the engineer."""
    project = command_project(invoke, tmp_path / "shop")
    first = invoke(*RUN, cwd=project)
    assert first.exit_code == 0, first.message
    script = project / "agent" / "agent.py"
    script.write_text(script.read_text() + "# tidied\n")

    narrow = {"COLUMNS": "60"}  # narrower than the message: piped, it still is one line
    ran = invoke(*RUN, cwd=project, env=narrow)
    assert ran.exit_code == 0, ran.message
    said = [line for line in ran.stderr.splitlines() if "cannot reuse" in line]
    assert said == [
        "6 base run(s) cannot reuse release #1's, because since then changed: agent/agent.py"
    ], ran.stderr


def test_a_persistent_agent_printing_a_banner_is_told_to_log_to_stderr(
    invoke: Invoke, tmp_path: Path
) -> None:
    project = command_project(invoke, tmp_path / "shop")
    for version in ("agent", "agent-v2"):
        (project / version / "agent.py").write_text(BANNER_AGENT)
        agent_yaml = project / version / "agent.yaml"
        agent_yaml.write_text(
            agent_yaml.read_text().replace("persistent: false", "persistent: true")
        )
        assert "persistent: true" in agent_yaml.read_text()

    ran = invoke(*RUN, cwd=project)
    assert ran.exit_code != 0
    errors = [line for line in ran.stderr.splitlines() if line.startswith("error: ")]
    assert errors, ran.stderr
    first = errors[0]
    assert "stdout began: 'agent ready'" in first
    assert "a persistent command must write only JSON lines to stdout" in first
    assert "log (a start-up banner such as this) to stderr" in first
