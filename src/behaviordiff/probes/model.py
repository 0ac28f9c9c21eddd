"""Probe schema, validated at the edge with pydantic."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class ToolCallFunction(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    arguments: str = "{}"


class ToolCall(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    type: Literal["function"] = "function"
    function: ToolCallFunction


class ChatMessage(BaseModel):
    """An OpenAI chat message, as a probe's conversation holds it."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[dict[str, Any]] | None = None
    name: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None

    @model_validator(mode="after")
    def _has_content(self) -> ChatMessage:
        # only an assistant turn that calls tools may go without text; a user message with
        # no content would be sent to the model as nothing and fail the run
        if self.content is None and self.role != "assistant":
            raise ValueError(
                f"a {self.role} message needs `content`: the text of the turn "
                "(`content: null` or no content is only for an assistant turn with tool_calls)"
            )
        return self


class Expected(BaseModel):
    """What the probe's author expects; informational, compared by later stages."""

    model_config = ConfigDict(extra="forbid")
    actions: list[str] | None = None
    escalation: bool | None = None
    refusal: bool | None = None
    promises: list[str] | None = None
    notes: str | None = None


class Probe(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$")
    description: str | None = None
    messages: list[ChatMessage] = Field(min_length=1)
    variables: dict[str, Any] = Field(default_factory=dict)
    tool_fixtures: dict[str, Any] = Field(default_factory=dict)
    """What each tool returns for this probe, by tool name."""
    tags: list[str] = Field(default_factory=list)
    expect: Expected | None = None

    @field_validator("tool_fixtures")
    @classmethod
    def _fixtures_are_results(cls, fixtures: dict[str, Any]) -> dict[str, Any]:
        for name, fixture in fixtures.items():
            if isinstance(fixture, list):
                raise ValueError(
                    f"the fixture of tool '{name}' is a list; a fixture is the one result the "
                    "tool returns, an object (or a text): put a list under a key, e.g. "
                    f"`{name}: {{items: [...]}}`"
                )
        return fixtures

    @field_validator("messages")
    @classmethod
    def _ends_with_user(cls, messages: list[ChatMessage]) -> list[ChatMessage]:
        if messages[-1].role not in ("user", "tool"):
            raise ValueError("the conversation must end with a user (or tool) message")
        return messages

    def to_payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
