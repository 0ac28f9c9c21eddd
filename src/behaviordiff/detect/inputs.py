"""Reading the inputs of `compare`: transcript sets, optional probes, optional versions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.errors import DetectError
from behaviordiff.transcripts import ToolCallRecord, Transcript, iter_replay

if TYPE_CHECKING:
    from behaviordiff.agent.version import AgentVersion


def load_transcripts(
    path: Path, *, escalation_tools: Iterable[str] = (), escalation_phrases: Iterable[str] = ()
) -> list[Transcript]:
    """Every run in a replay JSONL file or folder; errors name the file and line."""
    runs = list(
        iter_replay(path, escalation_tools=escalation_tools, escalation_phrases=escalation_phrases)
    )
    if not runs:
        raise DetectError(
            "no runs in the transcript set",
            where=path,
            hint="each line of a replay file is "
            '{"probe_id": "...", "sample": 0, "messages": [...]}',
        )
    return runs


@dataclass(frozen=True)
class InputWarning:
    """Something in a transcript set that was read but cannot count in full; the analysis
    goes on and says so (text: one line on stderr; JSON: `input_warnings`)."""

    kind: str
    side: str
    count: int
    message: str
    examples: tuple[dict[str, Any], ...] = ()

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "side": self.side,
            "count": self.count,
            "message": self.message,
            "examples": list(self.examples),
        }


def input_warnings(
    old: Sequence[Transcript], new: Sequence[Transcript], *, examples: int = 3
) -> list[InputWarning]:
    """Tool calls whose arguments are not valid JSON, per side.

    Such a call is not counted as an action (see `BehaviorSignature.unreadable_calls`);
    failed runs are left out of the analysis whole, so their calls are not counted here.
    Arguments that are JSON nested too deeply to read (the run's `arguments_too_deep`) are
    not called invalid JSON here: `too_deep_argument_warnings` says what they are.
    """
    warnings: list[InputWarning] = []
    for side, runs in (("old", old), ("new", new)):
        found = [
            {"probe_id": run.probe_id, "sample": run.sample, "tool": call.name}
            for run in runs
            if run.error is None
            for call in _not_json_calls(run)
        ]
        if not found:
            continue
        shown = "; ".join(
            f"probe '{item['probe_id']}' sample {item['sample']}: {item['tool']}"
            for item in found[:examples]
        )
        more = "; …" if len(found) > examples else ""
        warnings.append(
            InputWarning(
                kind="invalid-tool-arguments",
                side=side,
                count=len(found),
                message=f"{len(found)} tool call(s) in the {side} transcripts have arguments "
                f"that are not valid JSON ({shown}{more}); their tools cannot run them, so "
                "they do not count as actions",
                examples=tuple(found[:examples]),
            )
        )
    return warnings


def _not_json_calls(run: Transcript) -> list[ToolCallRecord]:
    """The run's unread calls less those it records as nested too deeply (by tool name, one
    recorded name per call, in order)."""
    deep = Counter(str(name) for name in run.metadata.get("arguments_too_deep") or [])
    found: list[ToolCallRecord] = []
    for call in run.tool_calls:
        if call.arguments is not None:
            continue
        if deep[call.name] > 0:
            deep[call.name] -= 1
            continue
        found.append(call)
    return found


@dataclass(frozen=True)
class EscalationMarkers:
    tools: tuple[str, ...]
    phrases: tuple[str, ...]


def escalation_markers(
    tools: Sequence[str], phrases: Sequence[str], versions: Sequence[AgentVersion]
) -> EscalationMarkers:
    """Markers given on the command line win; else the union of the versions' `escalation`."""
    if tools or phrases:
        return EscalationMarkers(tuple(tools), tuple(phrases))
    found_tools: dict[str, None] = {}
    found_phrases: dict[str, None] = {}
    for version in versions:
        found_tools.update(dict.fromkeys(version.config.escalation.tools))
        found_phrases.update(dict.fromkeys(version.config.escalation.phrases))
    return EscalationMarkers(tuple(found_tools), tuple(found_phrases))
