"""A limit moved for one category of customer ("Basic members: 8 hours of court time a month"
→ 4) whose probes' own usage happens to split the probes alike (every Basic member probed had
booked 4 hours or fewer, every Premium member more): the rule is the category the moved sentence
names, not the usage at the new number, which only happens to separate them. Made-up agents: a
gym's class allowance, a print shop's monthly page quota."""

from __future__ import annotations

import pytest

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict

_CASES = [
    (
        "- Basic membership: 8 hours of court time a month.",
        "- Basic membership: 4 hours of court time a month.",
        "membership",
        "basic",
        "premium",
        "usage.hours_booked",
        [0, 1, 2.5, 3, 2],
        [6, 9, 12],
        "courts",
    ),
    (
        "Starter accounts include £50 of printing a month.",
        "Starter accounts include £30 of printing a month.",
        "account_type",
        "starter",
        "studio",
        "quota.spend_gbp",
        [5, 12, 25, 9],
        [40, 80, 150],
        "quota",
    ),
]


def _verdicts(
    feature: str, ours: str, theirs: str, usage: str, used: list[float], more: list[int], tag: str
) -> list[ProbeVerdict]:
    verdicts = []
    for index, amount in enumerate(used):
        verdicts.append(
            ProbeVerdict(f"c{index}", "behavior-changed", ["promises"], 3, 3,
                         features={feature: ours, usage: amount, f"tag:{tag}": True})
        )  # fmt: skip
    for index, amount in enumerate(more):
        verdicts.append(
            ProbeVerdict(f"o{index}", "unchanged", [], 3, 3,
                         features={feature: theirs, usage: amount, f"tag:{tag}": True})
        )  # fmt: skip
    # customers of the category asking about something else: the topic sets them apart
    for index, amount in enumerate(used[:3]):
        verdicts.append(
            ProbeVerdict(f"x{index}", "unchanged", [], 3, 3,
                         features={feature: ours, usage: amount, "tag:other": True})
        )  # fmt: skip
    return verdicts


@pytest.mark.parametrize(
    ("old", "new", "feature", "ours", "theirs", "usage", "used", "more", "tag"), _CASES
)
def test_the_named_category_is_the_rule_not_the_usage_under_the_new_number(
    old: str,
    new: str,
    feature: str,
    ours: str,
    theirs: str,
    usage: str,
    used: list[float],
    more: list[int],
    tag: str,
) -> None:
    verdicts = _verdicts(feature, ours, theirs, usage, [*used], more, tag)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(
        changed, verdicts, 3, stated_boundaries([old, new]), moved_bounds([(old, new)])
    )
    assert found and set(found[0].text.split(" and ")) == {f"{feature} = {ours}", f"tag {tag}"}
