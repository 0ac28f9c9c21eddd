"""The sentence that moved a condition's bound ranks first among the causes: a tool-hire
shop's late fee, waived "up to 2 hours late", is now waived "up to 3 hours late", and another
changed sentence names the waiving tool and shares more of the reply's words. The line
between the probes that changed and the others is the number the first sentence moved."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff

GRACE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Late returns",
    old="Late fees are waived for hires returned up to 2 hours late.",
    new="Late fees are waived for hires returned up to 3 hours late.",
    removed_words=("2",),
    added_words=("3",),
)
TOOL_RULE = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Late returns",
    old="Check the hire with `get_hire` first.",
    new="Check the hire with `get_hire` first, then waive the late fee with `waive_late_fee` "
    "and tell the customer the late fee is waived.",
    removed_words=(),
    added_words=("then", "waive", "late", "fee", "waive_late_fee", "tell", "customer", "waived"),
)


def _change(condition: dict[str, object] | None) -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "now calls waive_late_fee",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        after=["waive_late_fee"],
    )
    if condition is not None:
        change.conditions = [Condition.from_dict(condition)]
    return change


def _band(feature: str, low: float, high: float) -> dict[str, object]:
    return {
        "text": f"{low:g} < {feature} <= {high:g}",
        "atoms": [{"feature": feature, "op": "between", "low": low, "high": high}],
        "changed": {"matched": 3, "total": 3},
        "others": {"matched": 1, "total": 12},
    }


def test_without_a_bound_the_sentence_naming_the_tool_leads() -> None:
    ranked = attribute(_change(None), {}, VersionDiff("v1", "v2", "a", "b", [GRACE, TOOL_RULE]))
    assert ranked[0].hunk_id == "H2"


def test_the_sentence_that_moved_the_conditions_bound_leads() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [TOOL_RULE, GRACE])
    ranked = attribute(_change(_band("hours_late", 2, 3)), {}, diff)
    assert [item.hunk_id for item in ranked] == ["H1", "H2"]
    assert "moves 2 hours → 3 hours, the bound of hours_late" in ranked[0].reasons


def test_the_bound_is_read_in_the_variables_unit() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [TOOL_RULE, GRACE])
    ranked = attribute(_change(_band("minutes_late", 120, 180)), {}, diff)
    assert ranked[0].hunk_id == "H1"
    one_side = {
        "text": "minutes_late > 180",
        "atoms": [{"feature": "minutes_late", "op": ">", "value": 180}],
        "changed": {"matched": 3, "total": 3},
        "others": {"matched": 0, "total": 12},
    }
    assert attribute(_change(one_side), {}, diff)[0].hunk_id == "H1"


def test_a_bound_no_sentence_moved_links_nothing() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [TOOL_RULE, GRACE])
    ranked = attribute(_change(_band("hours_late", 4, 6)), {}, diff)
    assert ranked[0].hunk_id == "H2"
    assert not any(reason.startswith("moves") for item in ranked for reason in item.reasons)
