"""A project made the way a new engineer makes one: `behaviordiff init`, then the command
adapter the init'd agent.yaml describes, with a tiny agent written here."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.engineer.conftest import Invoke

TINY_AGENT = '''\
"""A tiny command agent: it hands over when its prompt tells it to and the customer asks."""
import json
import sys

request = json.load(sys.stdin)
probe, prompt = request["probe"], request["version"]["system_prompt"]
messages = list(probe["messages"])
asked = str(messages[-1]["content"]).lower()
if "person" in asked and "escalate_to_human" in prompt:
    call = {"id": "call_1", "type": "function",
            "function": {"name": "escalate_to_human", "arguments": '{"reason": "asked"}'}}
    fixture = probe["tool_fixtures"].get("escalate_to_human", {})
    messages += [
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": json.dumps(fixture)},
        {"role": "assistant", "content": "A colleague will get back to you within one day."},
    ]
else:
    name = probe["variables"].get("customer_name", "there")
    messages.append({"role": "assistant", "content": f"Hi {name}, happy to help with that."})
print(json.dumps({"messages": messages, "finish_reason": "stop"}))
'''


def use_the_command_adapter(agent_yaml: Path) -> None:
    """What the comment in agent.yaml tells a user to do: the command lines instead of the
    openai ones."""
    lines = agent_yaml.read_text().splitlines()
    kept = [line for line in lines if not line.startswith(("adapter: openai", "model:"))]
    switched = [
        line[2:] if line.startswith(("# adapter: command", "# command:", "#   ")) else line
        for line in kept
    ]
    agent_yaml.write_text("\n".join(switched) + "\n")


def command_project(invoke: Invoke, root: Path, *, script: str = "agent.py") -> Path:
    """`init` into root, the command adapter running `script` (relative to the version folder,
    or `{project_root}/...`), and a second version `agent-v2` whose prompt no longer hands over.
    """
    made = invoke("init", str(root))
    assert made.exit_code == 0, made.message
    agent_yaml = root / "agent" / "agent.yaml"
    use_the_command_adapter(agent_yaml)
    agent_yaml.write_text(agent_yaml.read_text().replace('"agent.py"', f'"{script}"'))
    target = (
        root / script.replace("{project_root}/", "")
        if "{project_root}" in script
        else (root / "agent" / script)
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(TINY_AGENT)
    shutil.copytree(root / "agent", root / "agent-v2")
    prompt = root / "agent-v2" / "system.md.j2"
    prompt.write_text(prompt.read_text().split("## Handing over")[0])
    return root
