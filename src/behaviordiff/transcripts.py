"""Transcripts: what one run of one agent version on one probe did.

Also the replay format, the JSONL interchange used by the `replay` adapter, `compare` and
recordings: one run per line, `{"probe_id": str, "sample": int (optional), "messages": [...]}`;
assistant messages may carry `tool_calls`, tool messages carry `tool_call_id`. Two optional keys
say what a run recorded rather than leave it to be guessed: `input_count` (how many leading
messages were the probe's input) and `escalated` (the run handed over, by its own version's
markers), as `behaviordiff transcripts` writes them; other keys are kept as metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from behaviordiff.errors import BehaviordiffError
from behaviordiff.secrets import scrub
from behaviordiff.textutil import iter_jsonl


class ReplayError(BehaviordiffError):
    title = "Invalid transcript file"


MESSAGE_ROLES = ("system", "user", "assistant", "tool", "developer", "function")
"""The roles an OpenAI chat message may have (`function` is the legacy tool result)."""


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


def _content_parts(content: Any) -> bool:
    """A list of chat content parts ({"type": "text", "text": ...}), as opposed to a JSON list
    an agent answered with."""
    return (
        isinstance(content, list)
        and bool(content)
        and all(isinstance(part, dict) and ("type" in part or "text" in part) for part in content)
    )


def json_text(value: Any) -> str:
    """A value read from JSON as a user reads it: a string as it is, anything else as JSON text
    (`{"a": 1}`, `true`), never Python's repr (`{'a': 1}`, `True`)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def json_kind(value: Any) -> str:
    """What a JSON value is, in words: 'a JSON object', 'a JSON number', ..."""
    if isinstance(value, bool):
        return "a JSON true/false"
    if isinstance(value, int | float):
        return "a JSON number"
    if isinstance(value, dict):
        return "a JSON object"
    if isinstance(value, list):
        return "a JSON list"
    return "not a string"


def message_text(content: Any) -> str:
    """Text of a message's content, whether a string or a list of content parts; content that
    is neither (a number, an object, a list of values) is its JSON text."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if _content_parts(content):
        return "\n".join(json_text(part.get("text", "")) for part in content).strip()
    return json_text(content)


def reply_not_text(content: Any) -> str | None:
    """What a message's content is when it is not text ('a JSON object', ...), else None."""
    if content is None or isinstance(content, str):
        return None
    if _content_parts(content):
        texts = [part.get("text") for part in content if "text" in part]
        odd = [text for text in texts if not isinstance(text, str)]
        return json_kind(odd[0]) if odd else None
    return json_kind(content)


def non_text_reply_warnings(sides: Mapping[str, Iterable[Transcript]]) -> list[str]:
    """Per side (its label → its runs): runs whose reply was not a string, shown as JSON text."""
    warnings: list[str] = []
    for label, transcripts in sides.items():
        odd = [run for run in transcripts if run.metadata.get("reply_not_text")]
        if not odd:
            continue
        found = sorted({str(run.metadata["reply_not_text"]) for run in odd})
        kinds = " or ".join([", ".join(found[:-1]), found[-1]] if len(found) > 1 else found)
        probes = sorted({run.probe_id for run in odd})
        shown = ", ".join(probes[:5]) + (f" and {len(probes) - 5} more" if len(probes) > 5 else "")
        warnings.append(
            f"{len(odd)} run(s) of {label} (probe(s) {shown}) replied with {kinds}, not a "
            "string: the reply is read and shown as its JSON text; an agent's reply should be "
            "text (the message `content` a string)"
        )
    return warnings


def empty_reply_warnings(sides: Mapping[str, Iterable[Transcript]]) -> list[str]:
    """Per side (its label → its runs): runs that ended without an error, with no tool call
    and an empty reply. A model that says nothing (a content filter, its tokens spent before
    it wrote, a server that drops the text) is compared as a reply saying nothing, which an
    engineer should know before reading a behavior diff of it."""
    warnings: list[str] = []
    for label, transcripts in sides.items():
        empty = [
            run
            for run in transcripts
            if run.ok and not run.tool_calls and not (run.final_reply or "").strip()
        ]
        if not empty:
            continue
        probes = sorted({run.probe_id for run in empty})
        shown = ", ".join(probes[:5]) + (f" and {len(probes) - 5} more" if len(probes) > 5 else "")
        warnings.append(
            f"{len(empty)} run(s) of {label} (probe(s) {shown}) ended with an empty reply and "
            "no tool call: they are compared as replies saying nothing; check the model's "
            "max_tokens, its content filter or the server (`behaviordiff transcripts` shows them)"
        )
    return warnings


def parse_arguments(raw: Any) -> tuple[dict[str, Any] | None, str]:
    """A tool call's `arguments` as (parsed, raw text); parsed is None when the text is not
    valid JSON. Empty text means no arguments; JSON that is not an object sits under `_value`.

    The openai adapter answers a call whose arguments do not parse with an error instead of
    running it, so everything downstream treats such a call as attempted, not carried out.
    """
    parsed, raw_text, _ = _read_arguments(raw)
    return parsed, raw_text


def _read_arguments(raw: Any) -> tuple[dict[str, Any] | None, str, bool]:
    """`parse_arguments`, and whether the arguments went unread for nesting deeper than
    Python's JSON reader goes (its recursion limit, about a thousand levels)."""
    try:
        raw_text = raw if isinstance(raw, str) else json.dumps(raw if raw is not None else {})
    except RecursionError:
        return None, "", True
    if not raw_text.strip():
        return {}, raw_text, False
    try:
        parsed = json.loads(raw_text)
    except ValueError:  # not JSON, an integer too long to convert
        return None, raw_text, False
    except RecursionError:
        return None, raw_text, True
    return (parsed if isinstance(parsed, dict) else {"_value": parsed}), raw_text, False


def too_deep_argument_warnings(sides: Mapping[str, Iterable[Transcript]]) -> list[str]:
    """Per side (its label → its runs): tool calls whose arguments nest too deeply to read,
    counted as calls not made (as arguments that are not JSON are)."""
    warnings: list[str] = []
    for label, transcripts in sides.items():
        found = [
            (run.probe_id, str(name))
            for run in transcripts
            for name in run.metadata.get("arguments_too_deep") or []
        ]
        if not found:
            continue
        probes = sorted({probe for probe, _ in found})
        tools = sorted({name for _, name in found})
        shown = ", ".join(probes[:5]) + (f" and {len(probes) - 5} more" if len(probes) > 5 else "")
        warnings.append(
            f"{len(found)} tool call(s) of {label} ({', '.join(tools[:5])}; probe(s) {shown}) "
            "have arguments nested too deeply to read (past about a thousand levels): they "
            "count as calls not made; a tool's arguments should be a shallow JSON object"
        )
    return warnings


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
    reply_kind: str | None = None
    deep: list[str] = []
    for message in list(messages)[input_count:]:
        if message.get("role") != "assistant":
            continue
        for index, call in enumerate(message.get("tool_calls") or []):
            function = call.get("function") or {}
            arguments, raw_text, too_deep = _read_arguments(function.get("arguments"))
            if too_deep:
                deep.append(str(function.get("name", "")))
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
            final_reply, reply_kind = text, reply_not_text(message.get("content"))
    escalated, reason = False, None
    tools = set(escalation_tools)
    for call in calls:
        # A handoff whose arguments do not parse was answered with an error, not handed off.
        if call.name in tools and call.arguments is not None:
            escalated, reason = True, f"tool {call.name}"
            break
    if not escalated:
        lowered = final_reply.lower()
        for phrase in escalation_phrases:
            if phrase.lower() in lowered:
                escalated, reason = True, f"phrase '{phrase}'"
                break
    if reply_kind is not None:
        extra["metadata"] = {**(extra.get("metadata") or {}), "reply_not_text": reply_kind}
    if deep:
        extra["metadata"] = {**(extra.get("metadata") or {}), "arguments_too_deep": deep}
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
            p
            for p in path.rglob("*")
            if p.name.endswith((".jsonl", ".json", ".jsonl.gz")) and p.is_file()
        )
        if not files:
            raise ReplayError(
                "no .jsonl (or .jsonl.gz) transcript files in the folder",
                where=path,
                hint="a replay folder holds JSONL files, one run per line",
            )
        return files
    if not path.exists():
        raise ReplayError("transcript file not found", where=path, hint="check the path")
    return [path]


_LINE_SHAPE = '{"probe_id": "...", "sample": 0, "messages": [...]}'


@dataclass(frozen=True)
class _ReplayRun:
    """One valid line of a replay file; `sample` is None when the line gives none."""

    where: str
    probe_id: str
    sample: int | None
    messages: list[dict[str, Any]]
    metadata: dict[str, Any]
    input_count: int | None = None
    """Leading messages that were the probe's input, when the line says so."""
    escalated: bool | None = None
    """Whether the run handed over, when the line records it."""
    escalation_reason: str | None = None


_RECORDED_KEYS = ("probe_id", "sample", "messages", "input_count", "escalated", "escalation_reason")


def _read_run(record: Any, where: str) -> _ReplayRun:
    if not isinstance(record, dict) or not isinstance(record.get("probe_id"), str):
        raise ReplayError(
            "a run needs a string `probe_id`",
            where=where,
            hint=f"each line looks like {_LINE_SHAPE} (`behaviordiff schema replay`)",
        )
    probe_id = record["probe_id"]
    messages = record.get("messages")
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise ReplayError(
            f"run of probe '{probe_id}' has no `messages` list",
            where=where,
            hint="`messages` is a list of OpenAI chat messages",
        )
    sample = record.get("sample")
    if sample is not None and (isinstance(sample, bool) or not isinstance(sample, int)):
        raise ReplayError(
            f"run of probe '{probe_id}' has `sample` {json.dumps(sample)}, not a whole number",
            where=where,
            hint='give `"sample": 0`, 1, 2… for the runs of a probe, or leave `sample` out '
            "to number them in file order",
        )
    if sample is not None and sample < 0:
        raise ReplayError(
            f"run of probe '{probe_id}' has a negative `sample` ({sample})",
            where=where,
            hint="samples are numbered from 0",
        )
    for number, message in enumerate(messages, start=1):
        _check_message(message, f"message {number} of probe '{probe_id}'", where)
    input_count = record.get("input_count")
    if input_count is not None and (
        isinstance(input_count, bool)
        or not isinstance(input_count, int)
        or not 0 <= input_count <= len(messages)
    ):
        raise ReplayError(
            f"run of probe '{probe_id}' has `input_count` {json.dumps(input_count)}, not a "
            f"number of messages from 0 to {len(messages)}",
            where=where,
            hint="`input_count` is how many leading messages were the probe's input; leave it "
            "out to count everything up to the first user message as input",
        )
    escalated = record.get("escalated")
    if escalated is not None and not isinstance(escalated, bool):
        raise ReplayError(
            f"run of probe '{probe_id}' has `escalated` {json.dumps(escalated)}, not true or false",
            where=where,
            hint="`escalated` records whether the run handed over to a human; leave it out to "
            "have the escalation markers decide",
        )
    reason = record.get("escalation_reason")
    metadata = {key: value for key, value in record.items() if key not in _RECORDED_KEYS}
    return _ReplayRun(
        where,
        probe_id,
        sample,
        messages,
        metadata,
        input_count,
        escalated,
        reason if isinstance(reason, str) else None,
    )


def _check_message(message: dict[str, Any], name: str, where: str) -> None:
    role = message.get("role")
    if role not in MESSAGE_ROLES:
        raise ReplayError(
            f"{name} has unknown role {json.dumps(role)}"
            if "role" in message
            else f"{name} has no `role`",
            where=where,
            hint=f"a message's role is one of {', '.join(MESSAGE_ROLES)}",
        )
    calls = message.get("tool_calls")
    if calls is None:
        return
    shape_ok = isinstance(calls, list) and all(
        isinstance(call, dict)
        and isinstance(call.get("function"), dict)
        and isinstance(call["function"].get("name"), str)
        for call in calls
    )
    if not shape_ok:
        raise ReplayError(
            f"{name} has malformed `tool_calls`",
            where=where,
            hint='`tool_calls` is a list of {"id": "...", "type": "function", '
            '"function": {"name": "...", "arguments": "<JSON text>"}}',
        )


def _read_replay(path: Path) -> list[_ReplayRun]:
    runs: list[_ReplayRun] = []
    hint = "the replay format is JSONL, one JSON object per line (`behaviordiff schema replay`)"
    for file in _replay_files(path):
        for where, record in iter_jsonl(file, ReplayError, hint):
            runs.append(_read_run(record, where))
    return runs


def _number_samples(runs: Sequence[_ReplayRun]) -> list[int]:
    """Each run's sample: its own, else the lowest number its probe has free, in file order.

    A sample given twice for one probe is an error naming both lines: which run is meant
    would otherwise depend on reading order.
    """
    given: dict[tuple[str, int], str] = {}
    for run in runs:
        if run.sample is None:
            continue
        first = given.setdefault((run.probe_id, run.sample), run.where)
        if first != run.where:
            raise ReplayError(
                f"probe '{run.probe_id}' sample {run.sample} appears twice in the transcript "
                f"set: at {first} and here",
                where=run.where,
                hint='give each run of a probe a distinct "sample" number, or remove the '
                "duplicate line",
            )
    taken: dict[str, set[int]] = {}
    for probe_id, number in given:
        taken.setdefault(probe_id, set()).add(number)
    samples: list[int] = []
    for run in runs:
        sample = run.sample
        if sample is None:
            used = taken.setdefault(run.probe_id, set())
            sample = next(free for free in range(len(used) + 1) if free not in used)
            used.add(sample)
        samples.append(sample)
    return samples


def iter_replay(
    path: Path,
    *,
    escalation_tools: Iterable[str] = (),
    escalation_phrases: Iterable[str] = (),
) -> Iterator[Transcript]:
    """Transcripts from a replay JSONL file or a folder of them, in file order.

    The whole set is checked before the first run is given: a bad line, an unknown message
    role or a (probe, sample) given twice is a ReplayError naming the file and line. A run
    without `sample` gets the lowest sample number its probe has free. Tool-call arguments
    that are not valid JSON are kept as recorded (see `parse_arguments`). A run with a
    non-empty string `error` (as `behaviordiff transcripts --include-errors` writes failed
    runs) is a failed run, not one where the agent did nothing.
    """
    tools, phrases = list(escalation_tools), list(escalation_phrases)
    runs = _read_replay(path)
    for run, sample in zip(runs, _number_samples(runs), strict=True):
        transcript = build_transcript(
            run.probe_id,
            sample,
            run.messages,
            escalation_tools=tools,
            escalation_phrases=phrases,
            input_count=(
                run.input_count if run.input_count is not None else _input_count(run.messages)
            ),
            metadata=run.metadata,
            **_failure(run.metadata),
        )
        if run.escalated and not transcript.escalated:
            # recorded by the run with its own version's markers, which compare may not have
            transcript.escalated = True
            transcript.escalation_reason = run.escalation_reason or "recorded in the transcript"
        yield transcript


def recorded_escalation(path: Path) -> bool:
    """Whether the runs of a replay file or folder record their own handoffs (`escalated`),
    so no escalation markers are needed to read them. Reads only up to the first line. A
    pipe (`compare <(zcat old.jsonl.gz) …`) was read whole by then and cannot be read twice,
    so it is taken as recording none (the warning about markers is then shown)."""
    for file in _replay_files(path):
        if file.is_fifo():
            return False
        hint = "the replay format is JSONL, one JSON object per line"
        for _, record in iter_jsonl(file, ReplayError, hint):
            return isinstance(record, dict) and isinstance(record.get("escalated"), bool)
    return False


def behavior_start(transcript: Transcript) -> int:
    """How many leading messages of a stored run were its input: the count that reads the
    same tool calls and final reply out of its messages as the run itself did. The last user
    message is tried first (a tool loop adds none), and is the answer when nothing fits."""
    messages = transcript.messages
    wanted = ([call.id for call in transcript.tool_calls], transcript.final_reply)
    users = [index for index, message in enumerate(messages) if message.get("role") == "user"]
    first = users[-1] + 1 if users else 0
    for count in [first, *(n for n in range(len(messages) + 1) if n != first)]:
        found = build_transcript(transcript.probe_id, 0, messages, input_count=count)
        if ([call.id for call in found.tool_calls], found.final_reply) == wanted:
            return count
    return first


def _failure(metadata: dict[str, Any]) -> dict[str, Any]:
    error = metadata.get("error")
    return {"error": error} if isinstance(error, str) and error.strip() else {}


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
            handle.write(scrub(json.dumps(transcript.to_replay(), ensure_ascii=False)) + "\n")
            count += 1
    return count
