"""`compare` bounds a change by the band the edit moved, as `run` does: with no version diff
the recorded system prompts say which number moved. A coffee club lets members swap their
beans for free "within 10 days of delivery", now "within 20 days"; with nine probes the
probes' own values do not separate the three changed ones significantly, the moved band does."""

from __future__ import annotations

from behaviordiff.detect.analyze import analyze, system_prompt_moves
from behaviordiff.detect.settings import DetectSettings
from behaviordiff.transcripts import Transcript, build_transcript

PROMPT = (
    "# Coffee club\n\n## Member\n- Name: {name}\n\n## Swaps\n"
    "- Members can swap their beans for free within {days} days of delivery.\n"
    "- Otherwise a swap costs $6.\n"
)
DAYS = [7, 11, 13, 19, 27, 35, 36, 42, 46]
NAMES = ["Ada", "Bea", "Cy", "Dov", "Eli", "Fay", "Gus", "Hal", "Ivy"]
FREE = ["The swap is free: new beans are on their way.", "Your swap is free of charge."]
PAID = ["A swap costs $6; shall I go ahead?", "Swapping the beans costs $6."]


def _run(day: int, name: str, window: int, sample: int) -> Transcript:
    messages: list[dict[str, object]] = [
        {"role": "system", "content": PROMPT.format(name=name, days=window)},
        {"role": "user", "content": "Can I swap the beans I got?"},
    ]
    if day <= window:
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": f"c{sample}",
                        "type": "function",
                        "function": {"name": "swap_beans", "arguments": "{}"},
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": f"c{sample}", "content": "{}"})
    reply = (FREE if day <= window else PAID)[sample % 2]
    messages.append({"role": "assistant", "content": reply})
    return build_transcript(
        f"swap-{day}",
        sample,
        messages,
        input_count=2,
        metadata={"variables": {"days_since_delivery": day, "name": name}},
    )


def _side(window: int) -> list[Transcript]:
    return [
        _run(day, name, window, sample)
        for day, name in zip(DAYS, NAMES, strict=True)
        for sample in range(3)
    ]


def test_the_sentences_the_recorded_prompts_rewrote_pair_up_as_a_diff_pairs_them() -> None:
    old = {"p": [_run(3, "Ada", 10, 0)]}
    new = {"p": [_run(3, "Ada", 20, 0)]}
    assert system_prompt_moves(old, new) == [
        (
            "Members can swap their beans for free within 10 days of delivery.",
            "Members can swap their beans for free within 20 days of delivery.",
        )
    ]
    assert system_prompt_moves(old, old) == []


def test_compare_without_a_diff_states_the_moved_band_as_run_does() -> None:
    analysis = analyze(_side(10), _side(20), settings=DetectSettings())
    [change] = analysis.changes
    assert sorted(change.probe_ids) == ["swap-11", "swap-13", "swap-19"]
    [condition, *_] = change.conditions
    assert condition.text == "10 < days_since_delivery <= 20"
    assert (condition.matched_changed, condition.matched_others) == (3, 0)
