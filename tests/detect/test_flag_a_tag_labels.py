"""A tag that is the probe author's label for a flag's value: a clean rule of a bound and that
tag ("hire_hours <= 2 and tag no-deposit") is stated with the flag the changed sentences name
("has_deposit = false"), the structure the agent reads; the tag stays, for the flag alone
takes in riders without a deposit who asked about other things.

Made-up agent: a bike-hire shop that hired nothing without a deposit and now lets hires of 2
hours or less go ahead on a photo ID."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, said_words, stated_boundaries
from behaviordiff.detect.model import Condition, ProbeVerdict, rule_atoms

CHANGED = [
    "We can't hire out bikes without a deposit.",
    "Without a deposit, hires of 2 hours or less can still go ahead on a photo ID.",
    "Hires over 2 hours can't go ahead without a deposit.",
]


def _verdict(probe_id: str, changed: bool, tags: list[str], **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features={**features, **{f"tag:{tag}": True for tag in tags}, "rider": probe_id},
    )


def _shop(labelled: bool = True) -> list[ProbeVerdict]:
    rows = [
        # (id, changed, tags, hours, has a deposit)
        ("nodep-1", True, ["hire", "no-deposit"], 1, False),
        ("nodep-1.5", True, ["hire", "no-deposit"], 1.5, False),
        ("nodep-2", True, ["hire", "no-deposit"], 2, False),
        ("nodep-0.5", True, ["hire", "no-deposit"], 0.5, False),
        ("nodep-3", False, ["hire", "no-deposit"], 3, False),
        ("nodep-6", False, ["hire", "no-deposit"], 6, False),
        ("dep-1", False, ["hire"], 1, True),
        ("dep-2", False, ["hire"], 2, True),
        ("dep-4", False, ["hire"], 4, True),
        ("dep-8", False, ["hire"], 8, True),
        ("dep-0.5", False, ["hire"], 0.5, True),
        ("dep-3", False, ["hire"], 3, True),
        ("repair-1", False, ["repairs"], 1, False),
        ("route-2", False, ["routes"], 2, False),
        ("helmet-1", False, ["helmets"], 1, False),
        ("lights-2", False, ["lights"], 2, True),
    ]
    verdicts = [
        _verdict(pid, changed, tags, hire_hours=hours, has_deposit=deposit)
        for pid, changed, tags, hours, deposit in rows
    ]
    if not labelled:
        # one rider filed under the tag has a deposit after all: the tag is no label of it
        verdicts[4].features["has_deposit"] = True
    return verdicts


def _best_condition(verdicts: list[ProbeVerdict]) -> Condition:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(CHANGED[1:])
    [best, *_] = find_conditions(changed, verdicts, 3, boundaries, said=said_words(CHANGED))
    assert (best.matched_changed, best.matched_others) == (4, 0)
    return best


def _best(verdicts: list[ProbeVerdict]) -> str:
    return _best_condition(verdicts).text


def test_the_flag_a_tag_labels_is_stated_beside_the_bound() -> None:
    assert _best(_shop()) == "hire_hours <= 2 and tag no-deposit and has_deposit = false"


def test_a_tag_that_does_not_label_the_flag_stays_alone() -> None:
    assert _best(_shop(labelled=False)) == "hire_hours <= 2 and tag no-deposit"


def test_the_flag_beside_the_bound_is_marked_as_the_tags_label() -> None:
    # a class rule counting the condition's predicates sees the bound alone, after a round trip
    best = _best_condition(_shop())
    for condition in (best, Condition.from_dict(best.to_dict())):
        [flag] = [atom for atom in condition.atoms if atom.feature == "has_deposit"]
        assert flag.tag_label
        assert [atom.feature for atom in rule_atoms(condition)] == ["hire_hours"]
    alone = _best_condition(_shop(labelled=False))
    assert [atom.feature for atom in rule_atoms(alone)] == ["hire_hours"]
