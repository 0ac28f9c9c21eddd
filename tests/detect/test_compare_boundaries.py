"""Transcripts compared without a version diff state the same thresholds as `run` does: the
changed sentences of the recorded system prompts stand in for the diff."""

from __future__ import annotations

from behaviordiff.detect.analyze import system_prompt_changes
from behaviordiff.detect.conditions import stated_boundaries
from behaviordiff.transcripts import Transcript

PROMPT = (
    "# Rentals\n\n## Returns\n- Hi {name}.\n- Bikes can be returned up to {days} days late. "
    "Be kind.\n"
)


def _run(probe_id: str, days: int, name: str) -> Transcript:
    return Transcript.from_dict(
        {
            "probe_id": probe_id,
            "sample": 0,
            "messages": [
                {"role": "system", "content": PROMPT.format(name=name, days=days)},
                {"role": "user", "content": "Can I return it late?"},
                {"role": "assistant", "content": "Yes."},
            ],
        }
    )


def test_the_changed_prompt_sentences_come_from_the_recorded_system_prompts() -> None:
    old = {"p1": [_run("p1", 3, "Ann")], "p2": [_run("p2", 3, "Bo")]}
    new = {"p1": [_run("p1", 5, "Ann")], "p2": [_run("p2", 5, "Bo")]}
    changed, context = system_prompt_changes(old, new)
    assert changed == [
        "- Bikes can be returned up to 3 days late.",
        "- Bikes can be returned up to 5 days late.",
    ]
    assert "Be kind." in context and not any("Ann" in text or "Bo" in text for text in changed)
    assert {(b.value, b.unit) for b in stated_boundaries(changed)} == {(3.0, "days"), (5.0, "days")}


def test_identical_prompts_state_nothing() -> None:
    same = {"p1": [_run("p1", 3, "Ann")]}
    assert system_prompt_changes(same, same) == ([], [])
