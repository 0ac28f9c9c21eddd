"""The sentence stating what a change's customers are now told leads: a loyalty scheme's
redeem call moved its credit (×0.5) for members of more than 2 years, and members who only
asked are told "2% → 1%", kept as the call's aspect. The new prompt adds two list items that
share the same words and the same line ("members for 2 years or less: 2% back", "members for
more than 2 years: 1% back"): the one stating the rate the aspect now tells (1%) is the rule
the change follows; the other keeps the old rate for the rest."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import (
    Aspect,
    Atom,
    BehaviorChange,
    Condition,
    MovedArgument,
    MovedProbeValue,
)
from behaviordiff.diffing.model import Hunk, VersionDiff

KEPT = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Points",
    new="members for 2 years or less: 2% of what they spend comes back as points.",
)
TOLD = Hunk(
    "H3",
    "sentence_added",
    "system.md",
    section="Points",
    new="members for more than 2 years: 1% of what they spend comes back as points.",
)
LINE = Condition("lookup_member.years > 2", (Atom("lookup_member.years", ">", 2.0),), 5, 5, 0, 12)


def _change(aspects: list[Aspect]) -> BehaviorChange:
    return BehaviorChange(
        "C1",
        "redeem_points: credit_gbp 40 → 20, 60 → 30 (×0.5)",
        ["r1", "r2", "a1"],
        ["actions", "promises"],
        "actions",
        before=["redeem_points(credit_gbp=40)", "redeem_points(credit_gbp=60)"],
        after=["redeem_points(credit_gbp=20)", "redeem_points(credit_gbp=30)"],
        conditions=[LINE],
        moved_arguments=[
            MovedArgument(
                "redeem_points",
                "redeem_points",
                "credit_gbp",
                0.5,
                None,
                (MovedProbeValue("r1", 40, 20), MovedProbeValue("r2", 60, 30)),
            )
        ],
        aspects=aspects,
    )


def test_the_item_stating_the_rate_now_told_leads() -> None:
    told = Aspect("promises", "2% → 1%", ("2%",), ("1%",), ("a1",))
    ranked = attribute(_change([told]), {}, VersionDiff("v1", "v2", "a", "b", [KEPT, TOLD]))
    assert [item.hunk_id for item in ranked][:1] == ["H3"]
    assert any(reason.startswith("now states 1") for reason in ranked[0].reasons)


def test_with_no_aspect_nothing_says_which_item_is_theirs() -> None:
    ranked = attribute(_change([]), {}, VersionDiff("v1", "v2", "a", "b", [KEPT, TOLD]))
    assert not any("now states" in reason for item in ranked for reason in item.reasons)
