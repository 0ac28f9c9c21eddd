"""The changed sentence that newly names the condition's categories ("For deliveries to the
Channel Islands or the Scottish Borders, order Mother's Day flowers by 11 March") is a cause
that draws the line, like one naming the condition's variable: a florist's cut-off moved
for two dispatch zones; the other changed sentence names the variable ("the date for their
zone") but none of the categories, and states only the kept date."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff

NAMED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Mother's Day",
    old="Mother's Day flowers must be ordered by 14 March, wherever they are going.",
    new="For deliveries to the Channel Islands or the Scottish Borders, Mother's Day flowers "
    "must be ordered by 11 March.",
    removed_words=("14", "wherever", "they", "are", "going"),
    added_words=("deliveries", "channel", "islands", "scottish", "borders", "11"),
)
KEPT = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Mother's Day",
    old="Give the customer this date.",
    new="For deliveries anywhere else, Mother's Day flowers must be ordered by 14 March. Give "
    "the customer the date for their dispatch zone.",
    removed_words=("this",),
    added_words=("deliveries", "anywhere", "else", "ordered", "14", "march", "dispatch", "zone"),
)


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1", "14 March → 11 March", ["p1", "p2", "p3"], ["promises"], "promises",
        before=["14 March"], after=["11 March"],
    )  # fmt: skip
    change.conditions = [
        Condition.from_dict(
            {
                "text": "dispatch_zone in {channel_islands, scottish_borders}",
                "atoms": [
                    {
                        "feature": "dispatch_zone",
                        "op": "in",
                        "value": ["channel_islands", "scottish_borders"],
                    }
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 5},
            }
        )
    ]
    return change


def test_the_sentence_naming_the_categories_leads() -> None:
    ranked = attribute(_change(), {}, VersionDiff("v1", "v2", "a", "b", [KEPT, NAMED]))
    assert ranked[0].hunk_id == "H1"
    assert any(reason.startswith("limits the rule to") for reason in ranked[0].reasons)
