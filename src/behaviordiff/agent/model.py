"""The schema of `agent.yaml`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

AGENT_FILENAME = "agent.yaml"


DEFAULT_MAX_REPLY_CHARS = 1_000_000
"""About 250,000 tokens: past any model's own output limit, so only a broken or hostile
endpoint reaches it."""
MAX_REPLY_CHARS_CAP = 64_000_000
"""No reply past the 64 MB a response body may have could arrive anyway."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ToolFunction(_Strict):
    name: str = Field(pattern=r"^[a-zA-Z0-9_-]{1,64}$")
    description: str = ""
    parameters: dict[str, Any] = Field(default_factory=lambda: {"type": "object", "properties": {}})
    strict: bool | None = None

    @field_validator("parameters")
    @classmethod
    def _is_json_schema(cls, parameters: dict[str, Any]) -> dict[str, Any]:
        """The model is sent this schema: one it cannot read is an error here, not at run time."""
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        try:
            Draft202012Validator.check_schema(parameters)
        except SchemaError as error:
            place = "/".join(str(part) for part in error.absolute_path) or "(top)"
            raise ValueError(f"not a valid JSON Schema at {place}: {error.message}") from None
        return parameters


class ToolSpec(_Strict):
    """An OpenAI tool definition: {"type": "function", "function": {...}}."""

    type: Literal["function"] = "function"
    function: ToolFunction


class EscalationSpec(_Strict):
    tools: list[str] = Field(default_factory=list)
    """Calling any of these tools means the conversation was handed to a human."""
    phrases: list[str] = Field(default_factory=list)
    """A final reply containing any of these phrases (case-insensitive) means a handoff."""


class CommandSpec(_Strict):
    argv: list[str] = Field(min_length=1)
    """The executable and its arguments; `{python}`, `{version_dir}` and `{project_root}` are
    replaced. It reads the probe JSON on stdin and writes the transcript JSON on stdout."""
    timeout: float = Field(default=30.0, gt=0)
    env: dict[str, str] = Field(default_factory=dict)
    metered: bool = True
    """The executable calls the version's model and reports `usage` in its transcript, so
    requests, tokens and cost are estimated and metered. Set false for an agent that spends
    nothing (a simulator, a rules engine): its runs then count against no budget."""
    persistent: bool = False
    """Keep the executable running between runs (at most one process per run in flight)
    instead of starting it once per probe and sample: it reads one probe JSON per line on
    stdin and answers each with one transcript JSON line on stdout, in turn, until stdin
    closes. For an agent whose start-up (imports, loading a model) costs more than a run. A
    process that exits, times out or prints a line that is not a transcript fails that run
    and is replaced for the next."""


class ReplaySpec(_Strict):
    path: str
    """A JSONL file or a folder of them, in the replay format; relative to the version folder."""


_RESERVED_PARAMETERS = {
    "messages": "the rendered prompts and the probe's conversation; change the prompt "
    "templates or the probes instead, and remove it from `parameters`",
    "model": "set `model:` at the top of agent.yaml instead",
    "tools": "declare tools under `tools:` instead",
    "functions": "declare tools under `tools:` instead",
    "stream": "runs read whole replies; remove it",
    "stream_options": "runs read whole replies; remove it",
    "n": "samples are separate calls (`--samples` / `[run] samples`); remove it",
    "temperature": "set `temperature:` at the top of agent.yaml instead",
    "top_p": "set `top_p:` at the top of agent.yaml instead",
    "max_tokens": "set `max_tokens:` at the top of agent.yaml instead",
    "seed": "set `seed:` at the top of agent.yaml instead (each sample adds its number to it)",
}
"""Request fields the adapter builds, each with the fix for an agent.yaml that passes it in
`parameters` (it would silently replace the prompt, the model, the tools or the sampling)."""


class AgentConfig(_Strict):
    name: str | None = None
    adapter: Literal["openai", "command", "replay"] = "openai"
    model: str | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    max_tokens: int | None = Field(default=None, ge=1)
    seed: int | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    """Other chat-completions parameters passed through as they are (never one behaviordiff
    builds itself: `_RESERVED_PARAMETERS`)."""
    prompts: dict[str, str] = Field(default_factory=lambda: {"system": "system.md"})
    """Prompt role → template file in the version folder; `system` becomes the system message."""
    tools: list[ToolSpec] = Field(default_factory=list)
    escalation: EscalationSpec = Field(default_factory=EscalationSpec)
    max_steps: int = Field(default=8, ge=1, le=100)
    """Most model calls in one tool loop before the run is stopped."""
    max_reply_chars: int = Field(default=DEFAULT_MAX_REPLY_CHARS, ge=1, le=MAX_REPLY_CHARS_CAP)
    """Most characters one model reply may hold (its text plus its tool calls' arguments); a
    longer reply fails that run. The whole conversation is sent again at every step of the
    tool loop, so this bounds a run's memory at about `max_steps` times it."""
    command: CommandSpec | None = None
    replay: ReplaySpec | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("parameters")
    @classmethod
    def _no_reserved_parameter(cls, parameters: dict[str, Any]) -> dict[str, Any]:
        for key in parameters:
            fix = _RESERVED_PARAMETERS.get(key)
            if fix is not None:
                raise ValueError(
                    f"`parameters.{key}` would replace what behaviordiff sends itself: {fix}"
                )
        return parameters

    @model_validator(mode="after")
    def _adapter_has_settings(self) -> AgentConfig:
        if self.adapter == "command" and self.command is None:
            raise ValueError("adapter 'command' needs a `command:` section with `argv`")
        if self.adapter == "replay" and self.replay is None:
            raise ValueError("adapter 'replay' needs a `replay:` section with `path`")
        if self.adapter == "openai" and not self.model:
            raise ValueError("adapter 'openai' needs `model`")
        names = [tool.function.name for tool in self.tools]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"tool names must be unique; repeated: {', '.join(duplicates)}")
        missing = [name for name in self.escalation.tools if names and name not in names]
        if missing:
            raise ValueError(
                f"escalation.tools names {', '.join(repr(n) for n in missing)}, not one of the "
                f"tools this version defines ({', '.join(names)}); a misspelt name would turn "
                "escalation detection off"
            )
        return self

    def tool_names(self) -> list[str]:
        return [tool.function.name for tool in self.tools]
