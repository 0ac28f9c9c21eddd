"""A limit lowered in a tool's schema (a library's free renewals per loan 4 -> 3, a made-up
lending desk): loans already renewed three times are now renewed with the paid twin of the
tool and the reply states its fee, and a member who only asks how many free renewals are left
is now told the fee instead of "free of charge". The asking probe is covered by the action
change's condition; attribution reads the fee to no hunk (the schema names no amount), yet
the asking probe states exactly what the renewals now state: one change."""

from __future__ import annotations

from behaviordiff.detect.clusters import absorb_covered_facets
from behaviordiff.detect.model import Atom, BehaviorChange, Condition, FacetResult, ProbeVerdict

FEE = "money:$2.00"
FREE = "term:free of charge"


def _promises(removed: list[str], added: list[str]) -> FacetResult:
    return FacetResult(
        "promises",
        "changed",
        0.01,
        "pooled-floor",
        removed=removed,
        added=added,
        old_counts={**{item: 2 for item in removed}, **{item: 0 for item in added}},
        new_counts={**{item: 0 for item in removed}, **{item: 2 for item in added}},
    )


def _verdict(
    probe_id: str, facets: list[str], removed: list[str], added: list[str]
) -> ProbeVerdict:
    verdict = ProbeVerdict(probe_id, "behavior-changed", facets, 2, 2)
    verdict.results["promises"] = _promises(removed, added)
    return verdict


def _rule(matched: int, changed: int, others: int) -> Condition:
    atoms = (Atom("tag:renew", "tag"), Atom("lookup_loan.renewals", "between", low=2.0, high=3.0))
    return Condition(
        "tag renew and 2 < lookup_loan.renewals <= 3", atoms, matched, changed, others, 12
    )


def _changes(asked_added: list[str]) -> tuple[BehaviorChange, BehaviorChange, list[ProbeVerdict]]:
    renew = BehaviorChange(
        "C1",
        "renew_loan → renew_loan_paid",
        ["renew-a", "renew-b", "renew-c"],
        ["actions", "promises"],
        "actions",
        before=["renew_loan"],
        after=["renew_loan_paid"],
    )
    renew.conditions = [_rule(3, 3, 1)]
    asked = BehaviorChange(
        "C2",
        "free of charge → $2.00",
        ["ask-left"],
        ["promises"],
        "promises",
        before=["free of charge"],
        after=["$2.00"],
    )
    verdicts = [
        _verdict("renew-a", ["actions", "promises"], [FREE], [FEE]),
        _verdict("renew-b", ["actions", "promises"], [], [FEE]),
        _verdict("renew-c", ["actions", "promises"], [], [FEE, "time:5pm"]),
        _verdict("ask-left", ["promises"], [FREE], asked_added),
    ]
    return renew, asked, verdicts


def _covered(ids: list[str]) -> list[Condition]:
    return [_rule(len(ids), len(ids), 0)]


def test_a_question_told_the_fee_the_paid_twin_states_is_the_same_change() -> None:
    renew, asked, verdicts = _changes([FEE])
    merged, grown = absorb_covered_facets([renew, asked], verdicts, _covered, lambda a, b: False)
    assert merged == grown == [renew]
    assert renew.probe_ids == ["renew-a", "renew-b", "renew-c", "ask-left"]
    assert [aspect.kind for aspect in renew.aspects] == ["promises"]
    assert renew.conditions[0].matched_others == 0


def test_a_question_told_something_the_renewals_do_not_state_stays_apart() -> None:
    # another amount: not what the renewals now state
    renew, asked, verdicts = _changes(["money:$5.00"])
    assert absorb_covered_facets([renew, asked], verdicts, _covered, lambda a, b: False) == (
        [renew, asked],
        [],
    )
    # the fee, but also a new promise the renewals never make
    renew, asked, verdicts = _changes([FEE, "time:9am"])
    assert absorb_covered_facets([renew, asked], verdicts, _covered, lambda a, b: False) == (
        [renew, asked],
        [],
    )
    # only dropping "free of charge", stating nothing new: no shared fact to read it by
    renew, asked, verdicts = _changes([])
    assert absorb_covered_facets([renew, asked], verdicts, _covered, lambda a, b: False) == (
        [renew, asked],
        [],
    )
