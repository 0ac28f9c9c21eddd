"""Transcripts: what one run of one agent version on one probe did.

Also the replay format, the JSONL interchange used by the `replay` adapter, `compare` and
recordings: one run per line, `{"probe_id": str, "sample": int (optional), "messages": [...]}`;
assistant messages may carry `tool_calls`, tool messages carry `tool_call_id`; other keys are
kept as metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from behaviordiff.errors import BehaviordiffError


class ReplayError(BehaviordiffError):
    title = "Invalid transcript file"


@dataclass(frozen=True)
class ToolCallRecord:
    id: str
    name: str
    arguments: dict[str, Any] | None
    """Parsed arguments; None when the model sent JSON that does not parse (see raw_arguments)."""
    raw_arguments: str
    result: str | None = None
    """The tool message answering this call, if any."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Transcript:
    probe_id: str
    sample: int
    messages: list[dict[str, Any]]
    """The whole conversation: the probe's input messages, then what the agent did."""
    tool_calls: list[ToolCallRecord] = field(default_factory=list)
    final_reply: str = ""
    escalated: bool = False
    escalation_reason: str | None = None
    usage: dict[str, int] = field(default_factory=dict)
    latency_ms: float | None = None
    finish_reason: str | None = None
    error: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tool_calls"] = [call.to_dict() for call in self.tool_calls]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        calls = [ToolCallRecord(**call) for call in data.get("tool_calls", [])]
        return cls(**{**data, "tool_calls": calls})

    def to_replay(self) -> dict[str, Any]:
        """One line of the replay format."""
        return {"probe_id": self.probe_id, "sample": self.sample, "messages": self.messages}


def message_text(content: Any) -> str:
    """Text of a message's content, whether a string or a list of content parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(part.get("text", "")) for part in content if isinstance(part, dict)
        ).strip()
    return str(content)


def build_transcript(
    probe_id: str,
    sample: int,
    messages: Sequence[dict[str, Any]],
    *,
    escalation_tools: Iterable[str] = (),
    escalation_phrases: Iterable[str] = (),
    input_count: int = 0,
    **extra: Any,
) -> Transcript:
    """Read tool calls, final reply and handoff out of a chat transcript.

    `input_count` is how many leading messages were the probe's input (their tool calls are
    context, not behavior); system and developer messages are never behavior.
    """
    results: dict[str, str] = {}
    for message in messages:
        if message.get("role") == "tool" and message.get("tool_call_id"):
            results[str(message["tool_call_id"])] = message_text(message.get("content"))
    calls: list[ToolCallRecord] = []
    final_reply = ""
    for message in list(messages)[input_count:]:
        if message.get("role") != "assistant":
            continue
        for index, call in enumerate(message.get("tool_calls") or []):
            function = call.get("function") or {}
            raw = function.get("arguments")
            raw_text = raw if isinstance(raw, str) else json.dumps(raw if raw is not None else {})
            try:
                parsed = json.loads(raw_text) if raw_text.strip() else {}
                arguments = parsed if isinstance(parsed, dict) else {"_value": parsed}
            except json.JSONDecodeError:
                arguments = None
            call_id = str(call.get("id") or f"call_{len(calls)}_{index}")
            calls.append(
                ToolCallRecord(
                    id=call_id,
                    name=str(function.get("name", "")),
                    arguments=arguments,
                    raw_arguments=raw_text,
                    result=results.get(call_id),
                )
            )
        text = message_text(message.get("content"))
        if text:
            final_reply = text
    escalated, reason = False, None
    tools = set(escalation_tools)
    for call in calls:
        if call.name in tools:
            escalated, reason = True, f"tool {call.name}"
            break
    if not escalated:
        lowered = final_reply.lower()
        for phrase in escalation_phrases:
            if phrase.lower() in lowered:
                escalated, reason = True, f"phrase '{phrase}'"
                break
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=list(messages),
        tool_calls=calls,
        final_reply=final_reply,
        escalated=escalated,
        escalation_reason=reason,
        **extra,
    )


def _replay_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.suffix in (".jsonl", ".json") and p.is_file()
        )
        if not files:
            raise ReplayError(
                "no .jsonl transcript files in the folder",
                where=path,
                hint="a replay folder holds JSONL files, one run per line",
            )
        return files
    if not path.exists():
        raise ReplayError("transcript file not found", where=path, hint="check the path")
    return [path]


def iter_replay(
    path: Path,
    *,
    escalation_tools: Iterable[str] = (),
    escalation_phrases: Iterable[str] = (),
) -> Iterator[Transcript]:
    """Transcripts from a replay JSONL file or a folder of them, in file order.

    A run without `sample` gets the next free sample index for its probe.
    """
    tools, phrases = list(escalation_tools), list(escalation_phrases)
    next_sample: dict[str, int] = {}
    for file in _replay_files(path):
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{file}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ReplayError(
                        f"not valid JSON ({exc.msg} at column {exc.colno})",
                        where=where,
                        hint="the replay format is JSONL: one JSON object per line",
                    ) from None
                if not isinstance(record, dict) or not isinstance(record.get("probe_id"), str):
                    raise ReplayError(
                        "a run needs a string `probe_id`",
                        where=where,
                        hint="each line looks like "
                        '{"probe_id": "...", "sample": 0, "messages": [...]}',
                    )
                messages = record.get("messages")
                if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
                    raise ReplayError(
                        f"run of probe '{record['probe_id']}' has no `messages` list",
                        where=where,
                        hint="`messages` is a list of OpenAI chat messages",
                    )
                probe_id = record["probe_id"]
                sample = record.get("sample")
                if not isinstance(sample, int):
                    sample = next_sample.get(probe_id, 0)
                next_sample[probe_id] = max(next_sample.get(probe_id, 0), sample + 1)
                metadata = {
                    key: value
                    for key, value in record.items()
                    if key not in ("probe_id", "sample", "messages")
                }
                yield build_transcript(
                    probe_id,
                    sample,
                    messages,
                    escalation_tools=tools,
                    escalation_phrases=phrases,
                    input_count=_input_count(messages),
                    metadata=metadata,
                )


def _input_count(messages: list[dict[str, Any]]) -> int:
    """Recorded runs do not mark where the input ended: treat everything up to the first user
    message as context, and everything after it as the agent's behavior."""
    for index, message in enumerate(messages):
        if message.get("role") == "user":
            return index + 1
    return 0


def write_replay(path: Path, transcripts: Iterable[Transcript]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for transcript in transcripts:
            handle.write(json.dumps(transcript.to_replay(), ensure_ascii=False) + "\n")
            count += 1
    return count
