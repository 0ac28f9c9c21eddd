"""Reading the inputs of `compare`: transcript sets, optional probes, optional versions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from behaviordiff.detect.errors import DetectError
from behaviordiff.transcripts import Transcript, iter_replay

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
