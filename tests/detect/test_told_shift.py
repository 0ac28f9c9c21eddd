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
    MovedArgument,
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


# a rate halved past a line, read from a tool result: members who redeem get new amounts in
# the call (`redeem_points(credit_gbp=40 → 20)`), members who only ask are told "2% → 1%";
# each side alone leaves the other's members in the rest, so neither had any condition
REDEEM = ["redeem-30", "redeem-42", "redeem-55"]
ASK = ["ask-36", "ask-48"]
NEARLY = Condition(
    "tag points and lookup_member.years > 2",
    (Atom("tag:points", "tag"), Atom("lookup_member.years", ">", 2.0)),
    5,
    5,
    1,
    12,
)


def _rate_verdict(probe_id: str, own: str, *, acted: bool) -> ProbeVerdict:
    # every reply says the rate and its member's own figure, worked out from their points
    went, came = ["percent:2%", f"money:£{own}0"], ["percent:1%", f"money:£{own}"]
    promises = FacetResult(
        "promises",
        "changed",
        0.01,
        "fisher",
        went,
        came,
        dict.fromkeys(went, 3),
        dict.fromkeys(came, 3),
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


def _rate_changes(acting_condition: list[Condition]) -> list[BehaviorChange]:
    redeem = BehaviorChange(
        "C1",
        "redeem_points: credit_gbp 40 → 20 …",
        list(REDEEM),
        ["actions", "promises"],
        "actions",
        before=["redeem_points(credit_gbp=40)"],
        after=["redeem_points(credit_gbp=20)"],
        conditions=acting_condition,
        attribution=_cause(("H2", 4.0), ("H3", 4.0)),
        moved_arguments=[
            MovedArgument("redeem_points", "redeem_points", "credit_gbp", 0.5, None, ())
        ],
    )
    ask = BehaviorChange(
        "C2",
        "2% → 1%",
        list(ASK),
        ["promises"],
        "promises",
        before=["2%"],
        after=["1%"],
        attribution=_cause(("H1", 2.0), ("H3", 1.5)),
    )
    return [redeem, ask]


def _rate_verdicts() -> list[ProbeVerdict]:
    own = {"redeem-30": "3", "redeem-42": "4", "redeem-55": "5", "ask-36": "6", "ask-48": "7"}
    return [_rate_verdict(p, own[p], acted=p in REDEEM) for p in [*REDEEM, *ASK]]


def _rate_conditions(found: Condition) -> Callable[[list[str]], list[Condition]]:
    def conditions_of(probe_ids: list[str]) -> list[Condition]:
        return [found] if sorted(probe_ids) == sorted([*REDEEM, *ASK]) else []

    return conditions_of


def test_a_rate_told_to_askers_is_an_aspect_of_the_amounts_moved_for_redeemers() -> None:
    """Neither side had a condition alone; together they are the rule, with one member of the
    rule who asked something its replies never touch (a union nearly clean), and each probe's
    own figure is not what the promise change is about."""
    kept, grown = absorb_told_shift(
        _rate_changes([]), _rate_verdicts(), _rate_conditions(NEARLY), _shares
    )
    assert [change.id for change in kept] == ["C1"] and grown == kept
    merged = kept[0]
    assert sorted(merged.probe_ids) == sorted([*REDEEM, *ASK])
    assert merged.conditions[0].text == NEARLY.text
    assert [aspect.title for aspect in merged.aspects] == ["2% → 1%"]


def test_a_nearly_clean_union_merges_nothing_when_one_side_had_its_own_condition() -> None:
    own = Condition(
        "lookup_member.years > 2", (Atom("lookup_member.years", ">", 2.0),), 3, 3, 0, 14
    )
    kept, grown = absorb_told_shift(
        _rate_changes([own]), _rate_verdicts(), _rate_conditions(NEARLY), _shares
    )
    assert [change.id for change in kept] == ["C1", "C2"] and not grown


def test_a_union_taking_in_two_others_merges_nothing() -> None:
    loose = Condition(NEARLY.text, NEARLY.atoms, 5, 5, 2, 12)
    kept, grown = absorb_told_shift(
        _rate_changes([]), _rate_verdicts(), _rate_conditions(loose), _shares
    )
    assert [change.id for change in kept] == ["C1", "C2"] and not grown
