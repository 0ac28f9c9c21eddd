"""A condition uses the bound the prompt states, with its operator, when the probes agree with
it: "less than 24 hours' notice" is `< 24`, never `<= 23` (an agent in another domain: a
late-cancellation fee and an exception for a subset)."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict
from behaviordiff.diffing.model import Hunk
from behaviordiff.diffing.versions import _diff_prompt_file, _HunkList

RULE = "Cancelling with less than 24 hours' notice costs a $40 fee; with 24 hours or more, none."
EXCEPTION = "Exception: members aged 65 or over never pay the fee."


def _verdicts(hours: list[float]) -> list[ProbeVerdict]:
    """Members of every age cancelling at every notice; the change: 65+ and under 24 hours."""
    verdicts = []
    for index, notice in enumerate(hours):
        for age in (30, 64, 65, 71, 88):
            changed = age >= 65 and notice < 24
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"p{index}-{age}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={"age": age, "hours_until": notice},
                )
            )
    return verdicts


def _best(verdicts: list[ProbeVerdict], context: list[str]) -> str:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries([EXCEPTION])
    boundaries += stated_boundaries(context, context=True)
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert (best.matched_changed, best.matched_others) == (len(changed), 0)
    return best.text


def test_the_bound_stated_beside_the_exception_is_used_with_its_operator() -> None:
    verdicts = _verdicts([3, 10, 23, 24, 48, 96])
    assert _best(verdicts, [RULE]) == "age >= 65 and hours_until < 24"
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = [*stated_boundaries([EXCEPTION]), *stated_boundaries([RULE], context=True)]
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.atoms == (Atom("age", ">=", 65.0), Atom("hours_until", "<", 24.0))
    assert best.to_dict()["atoms"][1] == {"feature": "hours_until", "op": "<", "value": 24.0}


def test_without_the_stated_bound_the_probes_own_value_is_used() -> None:
    assert _best(_verdicts([3, 10, 23, 24, 48, 96]), []) == "age >= 65 and hours_until <= 23"


def test_a_stated_bound_the_probes_contradict_is_not_used() -> None:
    # a probe at 23.5 hours: "< 24" and "<= 23" separate different probes, the data decides
    verdicts = _verdicts([3, 10, 23, 24, 48, 96])
    for verdict in verdicts:
        if verdict.features["hours_until"] == 23 and verdict.features["age"] == 88:
            verdict.features["hours_until"] = 23.5
            verdict.verdict, verdict.facets = "unchanged", []
    assert _best(verdicts, [RULE]) == "age >= 65 and hours_until <= 23"


def test_a_changed_sentences_own_number_goes_before_one_stated_beside_it() -> None:
    # both 20 (beside) and 22 (changed sentence) separate the same probes as "<= 20"
    verdicts = _verdicts([3, 10, 20, 24, 48, 96])
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = [
        *stated_boundaries(["Members aged 65 or over with 22 hours' notice pay nothing."]),
        *stated_boundaries(["A late notice is 20 hours or less."], context=True),
    ]
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.text == "age >= 65 and hours_until <= 22"


def test_a_sentence_hunk_carries_its_sections_other_sentences_outside_the_json() -> None:
    old = f"# Bookings\n\n## Cancellations\n\n{RULE}\n\n## Emergencies\n\nCall us 24 hours a day.\n"
    new = old.replace(RULE, f"{RULE} {EXCEPTION}")
    hunks = _HunkList()
    _diff_prompt_file("system.md", old, new, hunks)
    [hunk] = hunks.hunks
    assert isinstance(hunk, Hunk) and hunk.kind == "sentence_added" and hunk.new == EXCEPTION
    assert hunk.context == (RULE,)  # its section only: not the emergency line's "24 hours"
    assert "context" not in hunk.to_dict()


def test_beside_the_change_only_numbers_with_the_variables_own_unit_count() -> None:
    # "5-7 business days" beside a change states no bare 5 or 7, and "$7" no bound in hours
    beside = stated_boundaries(["Refunds arrive within 5-7 business days."], context=True)
    assert beside == []
    verdicts = _verdicts([3, 6, 7, 24, 48, 96])
    for verdict in verdicts:
        verdict.verdict = (
            "behavior-changed"
            if verdict.features["age"] >= 65 and (verdict.features["hours_until"] <= 6)
            else "unchanged"
        )
    assert _best(verdicts, ["A rebooking costs $7."]) == "age >= 65 and hours_until <= 6"
    assert _best(verdicts, ["Rebook within 7 hours."]) == "age >= 65 and hours_until < 7"
