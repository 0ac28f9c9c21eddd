"""A change made by the config alone (the prompt the same) takes its bound from the prompt's own
rule about the variable: a library's overdue-fine tool swapped for a warning, on loans "3 or
more days overdue", reads `loan.days_overdue >= 3`, not the probes' `> 2`."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect import analyze
from behaviordiff.detect.conditions import find_conditions, stated_boundaries, variable_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict
from behaviordiff.transcripts import Transcript

PROMPT = (
    "You help members of the town library with loans.\n"
    "- If a loan is 3 or more days overdue, use the overdue tool you have.\n"
    "- Under 3 days overdue, remind the member kindly.\n"
    "- Reservations are held for 3 days or more at the desk."
)
OVERDUE = [0, 1, 1, 2, 3, 4, 6, 8, 11, 2, 0, 5]


def _verdicts(**more: Any) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=f"loan-{index}",
            verdict="behavior-changed" if days >= 3 else "unchanged",
            facets=["actions"] if days >= 3 else [],
            old_samples=3,
            new_samples=3,
            features={"loan.days_overdue": days, **more},
        )
        for index, days in enumerate(OVERDUE)
    ]


def _best(sentences: list[str]) -> str:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=variable_boundaries(sentences))
    return best.text


def test_a_number_and_its_unit_with_or_more_between_them_are_one_bound() -> None:
    [bound] = stated_boundaries(["If it arrived 2 or more days late, apologise."])
    assert (bound.value, bound.unit, bound.ops) == (2.0, "days", frozenset({">="}))


def test_the_unchanged_rule_that_names_the_variable_gives_its_bound() -> None:
    assert _best([]) == "loan.days_overdue > 2"
    assert _best(["- If a loan is 3 or more days overdue, use the overdue tool you have."]) == (
        "loan.days_overdue >= 3"
    )
    # the other bound of the same rule, "under 3 days", puts 3 on the same side
    assert _best(["- Under 3 days overdue, remind the member kindly."]) == "loan.days_overdue >= 3"


def test_a_sentence_that_does_not_name_the_variable_gives_no_bound() -> None:
    assert _best(["- Reservations are held for 3 days or more at the desk."]) == (
        "loan.days_overdue > 2"
    )


def _run(index: int, days: int, sample: int, *, head: bool) -> Transcript:
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": PROMPT},
        {"role": "user", "content": "My book is late, what happens now?"},
    ]
    if days >= 3:
        tool = "send_warning" if head else "charge_fine"
        call = {"id": "c1", "function": {"name": tool, "arguments": "{}"}}
        messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
    reply = ["Thanks for telling us.", "Thank you for letting us know."][sample % 2]
    messages.append({"role": "assistant", "content": reply})
    return Transcript(
        probe_id=f"loan-{index}",
        sample=sample,
        messages=messages,
        final_reply=reply,
        metadata={"tool_fixtures": {"loan": {"days_overdue": days}}},
    )


def test_a_tool_swapped_by_the_config_alone_is_bounded_by_the_prompts_rule() -> None:
    old, new = [], []
    for index, days in enumerate(OVERDUE):
        for sample in range(3):
            old.append(_run(index, days, sample, head=False))
            new.append(_run(index, days, sample, head=True))
    [change] = analyze(old, new).changes
    assert change.title == "charge_fine → send_warning"
    assert change.conditions[0].atoms == (Atom("loan.days_overdue", ">=", 3.0),)


def test_a_word_that_does_not_say_what_the_variable_is_does_not_name_it() -> None:
    # `days_since_due` is named by "due", not by "since"
    verdicts = [
        ProbeVerdict(v.probe_id, v.verdict, v.facets, 3, 3, features={"days_since_due": days})
        for v, days in zip(_verdicts(), OVERDUE, strict=True)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    since = variable_boundaries(["Since 3 or more days passed, the hold is released."])
    due = variable_boundaries(["Once 3 or more days past due, send the warning."])
    assert find_conditions(changed, verdicts, boundaries=since)[0].text == "days_since_due > 2"
    assert find_conditions(changed, verdicts, boundaries=due)[0].text == "days_since_due >= 3"
