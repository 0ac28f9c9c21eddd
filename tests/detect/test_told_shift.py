"""A notice moved to another channel shows two ways: customers whose order is ready now get
the notice by post instead of by phone (`send_notice(channel=phone → post)`, and "we'll write
to you"), customers still waiting are only told "we'll write to you when it's ready" where
they used to hear "we'll ring you". Each group has a clean condition of its own (the order's
status), but the waiting customers' change is what every ready customer is told as well, the
two read the same edited sentence, and their probes together have a clean condition (every
customer asking about their order): one change, the promise change its aspect."""

from __future__ import annotations

from collections.abc import Callable

from behaviordiff.detect.jointrule import absorb_told_shift, shares_a_cause
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    FacetResult,
    ProbeVerdict,
)

READY = ["ready-1", "ready-2", "ready-3"]
WAITING = ["waiting-1", "waiting-2", "waiting-3", "waiting-4"]
PHONE, POST = "channel: phone", "channel: post"
UNION = Condition("tag order_status", (Atom("tag:order_status", "tag"),), 7, 7, 0, 9)
READY_ONLY = Condition("order_status = ready", (Atom("order_status", "=", "ready"),), 3, 3, 0, 13)
WAITING_ONLY = Condition(
    "order_status = waiting", (Atom("order_status", "=", "waiting"),), 4, 4, 0, 12
)


def _cause(*hunks: tuple[str, float]) -> list[Attribution]:
    return [
        Attribution(hunk_id, score, (), "", "sentence_changed", "system.md")
        for hunk_id, score in hunks
    ]


def _verdict(probe_id: str, went: str, came: str, *, acted: bool) -> ProbeVerdict:
    promises = FacetResult(
        "promises", "changed", 0.01, "fisher", [went], [came], {went: 3}, {came: 3}
    )
    results = {"promises": promises}
    if acted:
        results["actions"] = FacetResult("actions", "changed", 0.01, "fisher")
    return ProbeVerdict(
        probe_id,
        "behavior-changed",
        ["actions", "promises"] if acted else ["promises"],
        3,
        3,
        results=results,
    )


def _changes(told: tuple[str, str], causes: list[Attribution]) -> list[BehaviorChange]:
    sent = BehaviorChange(
        "C1",
        "send_notice(channel=phone) → send_notice(channel=post)",
        list(READY),
        ["actions", "promises"],
        "actions",
        before=["send_notice(channel=phone)"],
        after=["send_notice(channel=post)"],
        conditions=[READY_ONLY],
        attribution=_cause(("H1", 5.0)),
    )
    waiting = BehaviorChange(
        "C2",
        f"{told[0]} → {told[1]}",
        list(WAITING),
        ["promises"],
        "promises",
        before=[told[0]],
        after=[told[1]],
        conditions=[WAITING_ONLY],
        attribution=causes,
    )
    return [sent, waiting]


def _verdicts(told: tuple[str, str]) -> list[ProbeVerdict]:
    return [_verdict(p, PHONE, POST, acted=True) for p in READY] + [
        _verdict(p, *told, acted=False) for p in WAITING
    ]


def _conditions_of(found: Condition) -> Callable[[list[str]], list[Condition]]:
    def conditions_of(probe_ids: list[str]) -> list[Condition]:
        return [found] if sorted(probe_ids) == sorted([*READY, *WAITING]) else []

    return conditions_of


def _shares(first: BehaviorChange, second: BehaviorChange) -> bool:
    return shares_a_cause(first.attribution, second.attribution)


def test_the_channel_told_to_waiting_customers_is_an_aspect_of_the_notice_sent() -> None:
    told = (PHONE, POST)
    changes = _changes(told, _cause(("H1", 3.0)))
    kept, grown = absorb_told_shift(changes, _verdicts(told), _conditions_of(UNION), _shares)
    assert [change.id for change in kept] == ["C1"] and grown == kept
    merged = kept[0]
    assert sorted(merged.probe_ids) == sorted([*READY, *WAITING])
    assert merged.kind == "actions"
    assert merged.conditions[0].text == UNION.text
    assert [aspect.kind for aspect in merged.aspects] == ["promises"]


def test_a_promise_the_acting_customers_are_not_given_stays_its_own_change() -> None:
    told = (PHONE, "channel: email")
    changes = _changes(told, _cause(("H1", 3.0)))
    kept, grown = absorb_told_shift(changes, _verdicts(told), _conditions_of(UNION), _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown


def test_a_union_that_takes_in_other_customers_merges_nothing() -> None:
    told = (PHONE, POST)
    loose = Condition("tag order_status", (Atom("tag:order_status", "tag"),), 7, 7, 2, 9)
    changes = _changes(told, _cause(("H1", 3.0)))
    kept, grown = absorb_told_shift(changes, _verdicts(told), _conditions_of(loose), _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown


def test_the_same_promise_from_another_edit_is_left_alone() -> None:
    told = (PHONE, POST)
    changes = _changes(told, _cause(("H4", 3.0)))
    kept, grown = absorb_told_shift(changes, _verdicts(told), _conditions_of(UNION), _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown
