"""A full refund's notice moved from 24 to 48 hours: cancellations 24-47 hours ahead now get
a partial refund (`issue_refund(type=full → partial)`, and "less than 48 hours"), while those
under 24 hours and those 48 hours or more ahead keep their refund and are only told the new
window. The told customers call the refund tool the same way in both versions: they are the
rest of the refund's case, and the refund change's condition must leave them out. Merged as
its aspect, the union's condition ("every cancellation") told CS that everyone cancelling now
gets a partial refund (a new user's trial, T1; `compare` without the versions kept three)."""

from __future__ import annotations

from behaviordiff.detect.jointrule import absorb_told_shift, shares_a_cause
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    FacetResult,
    ProbeVerdict,
)

BAND = ["cancel-24h", "cancel-30h", "cancel-47h"]
UNDER = ["cancel-2h", "cancel-20h"]
OVER = ["cancel-48h", "cancel-96h"]
WENT, CAME = "refund 24 hours", "refund 48 hours"
ALL = Condition("tag cancellation", (Atom("tag:cancellation", "tag"),), 7, 7, 0, 9)
IN_BAND = Condition("24 <= hours < 48", (Atom("hours", "between", 48, low=24),), 3, 3, 0, 13)


def _verdict(probe_id: str, old: str, new: str) -> ProbeVerdict:
    promises = FacetResult(
        "promises", "changed", 0.01, "fisher", [WENT], [CAME], {WENT: 3}, {CAME: 3}
    )
    moved = old != new
    actions = FacetResult(
        "actions",
        "changed" if moved else "same",
        0.01 if moved else 1.0,
        "fisher",
        [old] if moved else [],
        [new] if moved else [],
        {old: 3, "lookup_booking": 3},
        {new: 3, "lookup_booking": 3},
    )
    return ProbeVerdict(
        probe_id,
        "behavior-changed",
        ["actions", "promises"] if moved else ["promises"],
        3,
        3,
        results={"promises": promises, "actions": actions},
    )


def _verdicts(*, told_call_the_tool: bool) -> list[ProbeVerdict]:
    full, partial = "issue_refund(type=full)", "issue_refund(type=partial)"
    other = "lookup_booking" if not told_call_the_tool else None
    return (
        [_verdict(p, full, partial) for p in BAND]
        + [_verdict(p, other or partial, other or partial) for p in UNDER]
        + [_verdict(p, other or full, other or full) for p in OVER]
    )


def _changes() -> list[BehaviorChange]:
    cause = [Attribution("H1", 5.0, (), "", "sentence_changed", "system.md")]
    refund = BehaviorChange(
        "C1",
        "issue_refund(type=full) → issue_refund(type=partial)",
        list(BAND),
        ["actions", "promises"],
        "actions",
        before=["issue_refund(type=full)"],
        after=["issue_refund(type=partial)"],
        conditions=[IN_BAND],
        attribution=cause,
    )
    told = BehaviorChange(
        "C2",
        "refund 24 hours → 48 hours",
        [*UNDER, *OVER],
        ["promises"],
        "promises",
        before=[WENT],
        after=[CAME],
        conditions=[],
        attribution=cause,
    )
    return [refund, told]


def _union(probe_ids: list[str]) -> list[Condition]:
    return [ALL] if sorted(probe_ids) == sorted([*BAND, *UNDER, *OVER]) else []


def _shares(first: BehaviorChange, second: BehaviorChange) -> bool:
    return shares_a_cause(first.attribution, second.attribution)


def test_customers_refunded_the_same_way_in_both_versions_stay_out_of_the_refund_change() -> None:
    kept, grown = absorb_told_shift(_changes(), _verdicts(told_call_the_tool=True), _union, _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown
    assert kept[0].conditions == [IN_BAND]


def test_told_customers_who_take_no_such_action_are_still_an_aspect() -> None:
    """Those told the new window only asked (no refund tool called in either version): the
    rule told to them is the refund change's, one change as before."""
    kept, grown = absorb_told_shift(
        _changes(), _verdicts(told_call_the_tool=False), _union, _shares
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].conditions[0].text == ALL.text
