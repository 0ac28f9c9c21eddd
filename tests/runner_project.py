"""A small two-version agent project for runner tests, and a stateless scripted agent."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from behaviordiff.config import Project, ProjectConfig, RunSection
from behaviordiff.pipeline import VersionPair, load_pair
from behaviordiff.probes import ProbeSuite, load_suites
from behaviordiff.runner import RunOptions, RunOutcome, run_release
from behaviordiff.runner.scheduler import RunEvent
from behaviordiff.store import Workspace, load_release_transcripts
from behaviordiff.transcripts import Transcript
from tests.openai_server import Reply, text_reply, tool_call_reply

AGENT_YAML = """\
name: test-agent
adapter: {adapter}
model: {model}
temperature: {temperature}
max_tokens: 100
prompts:
  system: system.md.j2
tools:
  - type: function
    function:
      name: lookup_order
      description: Look up an order.
      parameters:
        type: object
        properties:
          order_id: {{type: string}}
        required: [order_id]
  - type: function
    function:
      name: escalate_to_human
      description: Hand over to a human.
      parameters: {{type: object, properties: {{reason: {{type: string}}}}}}
escalation:
  tools: [escalate_to_human]
  phrases: ["a human will"]
max_steps: 3
{extra}"""

SYSTEM = "You are the support agent ({label}). The customer is {{{{ customer_name }}}}.\n"

PROBES = """\
defaults:
  variables: {customer_name: Alex}
probes:
  - id: greet
    messages: [{role: user, content: "[greet] hello"}]
  - id: order
    messages: [{role: user, content: "[order] where is my order A1?"}]
    tool_fixtures:
      lookup_order: {order_id: A1, status: in_transit}
"""


def write_version(
    folder: Path,
    label: str,
    *,
    adapter: str = "openai",
    temperature: float = 0.2,
    extra: str = "",
    model: str = "gpt-4o-mini",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agent.yaml").write_text(
        AGENT_YAML.format(adapter=adapter, temperature=temperature, extra=extra, model=model)
    )
    (folder / "system.md.j2").write_text(SYSTEM.format(label=label))
    return folder


def write_probes(path: Path, probes: list[dict[str, Any]] | None = None) -> Path:
    """The default suite, or these probes (as JSONL)."""
    if probes is None:
        path.write_text(PROBES)
    else:
        path.write_text("".join(json.dumps(probe) + "\n" for probe in probes))
    return path


def probe(probe_id: str, text: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": probe_id,
        "messages": [{"role": "user", "content": text}],
        "variables": {"customer_name": "Alex"},
        **fields,
    }


def make_project(
    root: Path,
    *,
    samples: int = 1,
    concurrency: int = 4,
    timeout: float = 10.0,
    max_retries: int = 2,
    adapter: str = "openai",
    extra: str = "",
    model: str = "gpt-4o-mini",
    probes: list[dict[str, Any]] | None = None,
) -> tuple[Project, VersionPair, ProbeSuite]:
    root.mkdir(parents=True, exist_ok=True)
    write_version(root / "v1", "v1", adapter=adapter, temperature=0.3, extra=extra, model=model)
    write_version(root / "v2", "v2", adapter=adapter, temperature=0.2, extra=extra, model=model)
    suite_path = write_probes(root / ("probes.jsonl" if probes else "probes.yaml"), probes)
    config = ProjectConfig(
        run=RunSection(
            samples=samples, concurrency=concurrency, timeout=timeout, max_retries=max_retries
        )
    )
    project = Project(config, root, None)
    return (
        project,
        load_pair(project, str(root / "v1"), str(root / "v2")),
        load_suites([suite_path]),
    )


def user_text(body: dict[str, Any]) -> str:
    users = [m for m in body["messages"] if m["role"] == "user"]
    content = users[-1]["content"] if users else ""
    return content if isinstance(content, str) else json.dumps(content)


def scripted_agent(body: dict[str, Any]) -> Reply:
    """A stateless agent keyed on markers in the user's message, so any concurrency works."""
    last = body["messages"][-1]
    text = user_text(body)
    if last["role"] == "tool":
        if "[loop]" in text:
            return tool_call_reply("lookup_order", {"order_id": "A1"}, call_id="again")
        return text_reply(f"Here is what I found: {last['content']}")
    if "[order]" in text or "[nofixture]" in text or "[loop]" in text:
        return tool_call_reply("lookup_order", {"order_id": "A1"}, call_id="call_order")
    if "[unknown]" in text:
        return tool_call_reply("cancel_everything", {}, call_id="call_unknown")
    if "[malformed]" in text:
        return tool_call_reply("lookup_order", '{"order_id": "A1', call_id="call_bad")
    if "[escalate]" in text:
        return tool_call_reply("escalate_to_human", {"reason": "asked"}, call_id="call_human")
    return text_reply("Hello! How can I help?")


FAST = RunOptions(retry_base_delay=0.01, flush_interval=0.02)
PROJECT_KEYS = (
    "samples",
    "concurrency",
    "timeout",
    "max_retries",
    "probes",
    "extra",
    "model",
    "adapter",
)


def replace_options(**changes: Any) -> RunOptions:
    return replace(FAST, **changes)


def run(
    root: Path, options: RunOptions = FAST, events: list[RunEvent] | None = None, **kwargs: Any
) -> RunOutcome:
    """make_project(root, ...) then run_release into the workspace root/ws."""
    project_kwargs = {key: kwargs.pop(key) for key in PROJECT_KEYS if key in kwargs}
    project, pair, suite = make_project(root, **project_kwargs)
    with Workspace(root / "ws") as workspace:
        return run_release(
            project,
            pair,
            suite,
            workspace,
            options,
            on_event=events.append if events is not None else None,
            **kwargs,
        )


def transcripts(root: Path, release_id: int | None, *, errors: bool = True) -> list[Transcript]:
    with Workspace(root / "ws") as workspace:
        both = load_release_transcripts(workspace, release_id or 0, include_errors=errors)
    return both["base"] + both["head"]


def by_probe(items: list[Transcript], probe_id: str) -> list[Transcript]:
    return [t for t in items if t.probe_id == probe_id]
