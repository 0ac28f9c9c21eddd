"""The transcripts of a simulated agent over a list of probe cases, shared by the simulated
agents of these tests (`coworking.py`, `escape_room.py`): each case is run `samples` times,
its reply drawn by the agent's own `reply(case, draw)`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from behaviordiff.transcripts import Transcript


def simulated_runs(
    cases: Sequence[Any],
    reply: Callable[[Any, int], str],
    system: str,
    variables: Mapping[str, Any],
    samples: int = 3,
    first: int = 0,
) -> list[Transcript]:
    """`samples` runs per case (its `probe_id`, `message`, `tag` and `variables`) under the
    system prompt `system`, each case's variables over the shared `variables`; `first` draws
    other wordings for an A/A comparison."""
    transcripts = []
    for case in cases:
        for sample in range(samples):
            text = reply(case, first + sample)
            transcripts.append(
                Transcript(
                    probe_id=case.probe_id,
                    sample=sample,
                    messages=[
                        {"role": "system", "content": system},
                        {"role": "user", "content": case.message},
                        {"role": "assistant", "content": text},
                    ],
                    final_reply=text,
                    metadata={"tags": [case.tag], "variables": {**variables, **case.variables}},
                )
            )
    return transcripts
