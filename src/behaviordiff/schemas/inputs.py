"""Models of the files a user writes that the code reads without one pydantic model of the
whole file: a probe suite file, the command adapter's stdin, a line of the replay format.

Each reuses the code's own models for its parts (`Probe`, `SuiteDefaults`, `ChatMessage`,
`AgentConfig`), so the schema follows the code.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from behaviordiff.probes.model import Probe
from behaviordiff.probes.suite import SuiteDefaults


class SuiteFile(BaseModel):
    """A YAML probe suite: `suite`, `description`, `defaults` and `probes`. A plain list of
    probes is accepted too. In a JSONL suite each line is one probe (schema `probe`)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)
    suite: str | None = None
    """Name of the suite, shown in summaries (default: the file name)."""
    description: str | None = None
    defaults: SuiteDefaults = Field(default_factory=SuiteDefaults)
    """Variables, tool fixtures and tags every probe of the file starts from; a probe's own
    values win, and tags are added."""
    probes: list[Probe] = Field(min_length=1)


class SuiteDocument(RootModel[SuiteFile | list[Probe]]):
    """A probe suite file (YAML): a mapping with `probes:`, or a plain list of probes."""


class CommandProbe(BaseModel):
    """The probe as the command agent gets it."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)
    id: str
    messages: list[dict[str, Any]]
    """The conversation so far: OpenAI chat messages, ending with a user (or tool) message.
    The version's system prompt is not among them: it is `version.system_prompt`."""
    variables: dict[str, Any]
    tool_fixtures: dict[str, Any]
    """What each tool returns for this probe, by tool name: answer your tool calls with it."""
    tags: list[str]


class CommandVersion(BaseModel):
    """The agent version being run."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)
    name: str
    dir: str
    """The version folder (a temporary copy for a git ref); the command runs in it."""
    system_prompt: str
    """The version's system prompt template(s), rendered with the probe's variables."""
    config: dict[str, Any]
    """The version's agent.yaml as read (schema `agent`): model, temperature, tools, ..."""


class CommandInput(BaseModel):
    """What the command adapter writes to the agent's stdin: one JSON object per run. The
    agent answers with one JSON object on stdout (schema `command-output`) and exits 0."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)
    probe: CommandProbe
    sample: int = Field(ge=0)
    """Which sample of the probe this run is (0, 1, 2, ...)."""
    version: CommandVersion


class ReplayToolFunction(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    arguments: str | dict[str, Any] | None = None
    """The arguments as JSON text (as the OpenAI API sends them); text that does not parse
    is kept and read as a call attempted but not carried out."""


class ReplayToolCall(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str | None = None
    type: Literal["function"] = "function"
    function: ReplayToolFunction


class ReplayMessage(BaseModel):
    """An OpenAI chat message as recorded."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)
    role: Literal["system", "user", "assistant", "tool", "developer", "function"]
    content: str | list[dict[str, Any]] | None = None
    tool_calls: list[ReplayToolCall] | None = None
    tool_call_id: str | None = None
    """On a tool message: the id of the call it answers."""


class ReplayRecord(BaseModel):
    """One line of the replay format (JSONL, optionally gzipped): one run of one probe. Read
    by the `replay` adapter and `compare`, written by `transcripts`. The first `input_count`
    messages (without it: everything up to the first user message) are the input; what
    follows is the agent's behavior. Other keys are kept as the run's metadata."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)
    probe_id: str
    sample: int | None = Field(default=None, ge=0)
    """Which sample of the probe (0, 1, ...); left out, runs are numbered in file order."""
    messages: list[ReplayMessage]
    input_count: int | None = Field(default=None, ge=0)
    """How many leading messages were the probe's input (system prompt, the conversation so
    far); `transcripts` writes it, so a multi-turn probe's earlier turns are not read as
    behavior."""
    escalated: bool | None = None
    """The run handed over to a human, as its own version's escalation markers decided
    (`transcripts` writes it); compare counts it as a handoff even without markers of its own."""
    escalation_reason: str | None = None
    """What made it a handoff (`tool escalate_to_human`, `phrase 'a colleague will'`)."""
    error: str | None = None
    """A non-empty error marks a failed run (`compare --skip-errors` leaves it out)."""
