"""What `behaviordiff init` writes: the config, and a runnable starting point beside it (a
version folder with agent.yaml and a prompt template, a probe suite of three probes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from behaviordiff.config import CONFIG_FILENAME, STARTER_CONFIG
from behaviordiff.errors import AlreadyExists, UsageError

SUITE_PATH = "probes/starter.yaml"

AGENT_YAML = """\
# An agent version: this file plus the prompt templates it names. Every key and its meaning:
# `behaviordiff schema agent`; a version can also be a git ref (`behaviordiff run main HEAD`).
name: my-support-agent
adapter: openai          # chat completions with tools, on any OpenAI-compatible endpoint
model: gpt-4o-mini
temperature: 0.3
max_tokens: 400
prompts:
  system: system.md.j2   # Jinja2, rendered with each probe's `variables`
tools:                   # OpenAI tool definitions; a probe's `tool_fixtures` say what they return
  - type: function
    function:
      name: lookup_order
      description: Look up an order by its number.
      parameters:
        type: object
        properties:
          order_id: {type: string, description: "The order number, e.g. A1042."}
        required: [order_id]
  - type: function
    function:
      name: escalate_to_human
      description: Hand the conversation to a human colleague.
      parameters:
        type: object
        properties:
          reason: {type: string}
        required: [reason]
escalation:              # what counts as "handed to a human"
  tools: [escalate_to_human]
  phrases: ["a colleague will"]

# Your agent is code rather than a prompt? Use the command adapter instead of the three
# `adapter`/`model` lines above: behaviordiff runs the executable once per probe and sample,
# writes the probe as JSON on its stdin and reads the conversation as JSON from its stdout
# (`behaviordiff schema command-input` and `behaviordiff schema command-output`).
# adapter: command
# command:
#   argv: ["{python}", "agent.py"]   # {python}, {version_dir}, {project_root} are replaced
#   timeout: 30
#   metered: false                   # true when it calls a model and reports `usage`
#   persistent: false                # true: started once, one probe JSON per line on stdin
"""

SYSTEM_PROMPT = """\
# Support agent

You are the customer support assistant of {{ company }}. Answer in English, briefly and politely.

## Customer
- Name: {{ customer_name }}

## Orders
- Look up the order with `lookup_order` before answering a question about a specific order.
  If the customer has not given an order number, ask for it.
- If an order is late, apologise and share the tracking link.

## Handing over
- If the customer asks for a person, or is about to cancel their account, call
  `escalate_to_human` and tell them a colleague will get back to them within one working day.
"""

STARTER_SUITE = """\
# A probe is one conversation to run both agent versions on. Every key and its meaning:
# `behaviordiff schema suite`. `defaults` apply to every probe; a probe's own values win.
suite: starter
defaults:
  variables: {company: Example Shop, customer_name: Alex}
probes:
  - id: opening-hours
    description: A question the prompt does not answer
    tags: [info]
    messages:
      - {role: user, content: "Hi! When are you open?"}

  - id: late-order
    description: A late order; the agent should look it up
    tags: [orders, delayed]
    variables: {customer_name: Sam}
    messages:
      - {role: user, content: "My order A1042 was due on Monday and it's still not here."}
    tool_fixtures:           # what each tool returns in this conversation
      lookup_order: {order_id: A1042, status: in_transit, delay_hours: 72,
                     tracking_url: "https://track.example/A1042"}
    expect: {actions: [lookup_order]}

  - id: wants-a-human
    description: The customer asks for a person
    tags: [escalation]
    messages:
      - {role: user, content: "I want to talk to a real person, please."}
    tool_fixtures:
      escalate_to_human: {ticket: T-100, status: queued}
    expect: {escalation: true}
"""


@dataclass(frozen=True)
class Scaffold:
    config: Path
    written: list[Path]
    agent_dir: str | None
    """The version folder the config names under [agent] path, relative to the config."""
    suite: str | None


def _relative(agent_dir: str) -> str:
    path = PurePosixPath(agent_dir.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts or str(path) == ".":
        raise UsageError(
            f"--agent-dir '{agent_dir}' is not a folder inside the project",
            hint="give a path relative to the project folder, e.g. --agent-dir agents/support",
        )
    return str(path)


def starter_config(agent_dir: str | None, suite: str | None = None) -> str:
    """The commented starter config, with [agent] path set when a version folder is named and
    the suites pointed at the starter suite when one is written."""
    text = STARTER_CONFIG
    if agent_dir is not None:
        text, count = re.subn(
            r"^# path = .*$", f'path = "{agent_dir}"', text, count=1, flags=re.MULTILINE
        )
        if not count:
            text = text.replace("[agent]\n", f'[agent]\npath = "{agent_dir}"\n', 1)
    if suite is not None and '"probes/*.yaml"' not in text:
        text = re.sub(r"^suites = .*$", f'suites = ["{suite}"]', text, count=1, flags=re.M)
    return text


def write_scaffold(
    folder: Path, *, agent_dir: str | None, examples: bool, force: bool = False
) -> Scaffold:
    """Write the config and, with `examples`, the version folder and the starter suite.

    Nothing is written when any target exists (unless `force`): the error lists them all."""
    chosen = _relative(agent_dir) if agent_dir is not None else ("agent" if examples else None)
    files: dict[Path, str] = {
        folder / CONFIG_FILENAME: starter_config(chosen, SUITE_PATH if examples else None)
    }
    if examples and chosen is not None:
        files[folder / chosen / "agent.yaml"] = AGENT_YAML
        files[folder / chosen / "system.md.j2"] = SYSTEM_PROMPT
        files[folder / SUITE_PATH] = STARTER_SUITE
    root = folder.resolve()
    outside = [
        path
        for path in files
        if not _within(path.resolve(), root)  # a link (the file, or a folder on its way) out
    ]
    if outside:
        names = ", ".join(f"{path.relative_to(folder)} → {path.resolve()}" for path in outside)
        raise AlreadyExists(
            f"init would write outside {folder} through a symbolic link: {names}",
            where=folder,
            hint="nothing was written; remove the link, or run init in another folder "
            "(--force never writes through a link)",
        )
    existing = [path for path in files if path.exists()]
    if existing and not force:
        names = ", ".join(str(path.relative_to(folder)) for path in existing)
        config = folder / CONFIG_FILENAME
        hint = (
            f"nothing was written; {CONFIG_FILENAME} is already here, so the project is set "
            "up: edit it (or pass --force to start over from the starter files)"
            if config in existing
            else "nothing was written; pass --force to replace them, --no-examples to write "
            "only the config, or --agent-dir to put the version folder elsewhere"
        )
        raise AlreadyExists(
            f"{len(existing)} file(s) init would write already exist: {names}",
            where=folder,
            hint=hint,
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Scaffold(
        config=folder / CONFIG_FILENAME,
        written=list(files),
        agent_dir=chosen,
        suite=SUITE_PATH if examples else None,
    )


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
