"""Attribution links the prompt sentence whose number moved, in the variable's unit."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff


def test_a_period_in_years_is_linked_to_a_condition_in_months() -> None:
    warranty = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        "Warranty",
        old="Electronics carry a 1-year warranty.",
        new="Electronics carry a 2-year warranty.",
        removed_words=("1-year",),
        added_words=("2-year",),
    )
    wording = Hunk(
        "H2",
        "sentence_changed",
        "system.md",
        "Tone",
        old="Thank the customer for the repair request.",
        new="Thank the customer warmly for the repair request and the details.",
        removed_words=(),
        added_words=("warmly", "details"),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [wording, warranty])
    change = BehaviorChange(
        "C1", "now calls book_repair", ["p1", "p2"], ["actions"], "actions", after=["book_repair"]
    )
    change.conditions = [
        Condition(
            "category = electronics and 12 < months_since_purchase <= 24",
            (
                {"feature": "category", "op": "=", "value": "electronics"},
                {"feature": "months_since_purchase", "op": "between", "low": 12.0, "high": 24.0},
            ),
            2,
            2,
            0,
            10,
        )
    ]
    ranked = attribute(change, {}, diff)
    assert ranked[0].hunk_id == "H1"
    assert any(reason.startswith("states 12, 24") for reason in ranked[0].reasons)
