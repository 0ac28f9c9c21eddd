"""One promise told in each customer's own figures is one change: a climbing gym now lets
students pay the yearly membership in three parts, told as £60 to one whose fee is £180 and as
£40 to one whose fee is £120 (the same third of the fee each carries)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.clusters import merge_restatements
from behaviordiff.detect.model import Attribution, BehaviorChange, ProbeVerdict


def _change(number: int, probes: list[str], after: list[str], hunk: str = "H1") -> BehaviorChange:
    change = BehaviorChange(f"C{number}", "", probes, ["promises"], "promises", after=after)
    change.attribution = [Attribution(hunk, 3.0, (), "", "sentence_changed", "system.md")]
    return change


def _verdict(probe_id: str, **features: Any) -> ProbeVerdict:
    verdict = ProbeVerdict(probe_id, "behavior-changed", ["promises"], 3, 3)
    verdict.features = {"student": True, "tag:fees": True, **features}
    return verdict


def _verdicts(second_fee: float) -> list[ProbeVerdict]:
    return [
        _verdict("full-1", fee=180, visits=12),
        _verdict("full-2", fee=180, visits=30),
        _verdict("off-peak-1", fee=120, visits=12),
        _verdict("off-peak-2", fee=second_fee, visits=4),
    ]


def test_amounts_that_are_one_share_of_each_probes_own_number_state_one_fact() -> None:
    changes = [
        _change(1, ["full-1", "full-2"], ["1 March", "£60.00"]),
        _change(2, ["off-peak-1", "off-peak-2"], ["1 March", "£40.00"]),
    ]
    merged, grown = merge_restatements(changes, _verdicts(120))
    assert merged == grown and len(merged) == 1
    assert merged[0].probe_ids == ["full-1", "full-2", "off-peak-1", "off-peak-2"]


def test_amounts_of_other_shares_other_facts_or_other_hunks_stay_apart() -> None:
    other_share = [
        _change(1, ["full-1", "full-2"], ["1 March", "£60.00"]),
        _change(2, ["off-peak-1", "off-peak-2"], ["1 March", "£60.00", "£30.00"]),
    ]
    assert merge_restatements(other_share, _verdicts(120)) == (other_share, [])
    not_a_share = [
        _change(1, ["full-1", "full-2"], ["1 March", "£60.00"]),
        _change(2, ["off-peak-1", "off-peak-2"], ["1 March", "£45.00"]),
    ]
    assert merge_restatements(not_a_share, _verdicts(120)) == (not_a_share, [])
    # the members of a group do not agree on the number the amount would be a share of
    unlike = [
        _change(1, ["full-1", "full-2"], ["1 March", "£60.00"]),
        _change(2, ["off-peak-1", "off-peak-2"], ["1 March", "£40.00"]),
    ]
    assert merge_restatements(unlike, _verdicts(150)) == (unlike, [])
    other_date = [
        _change(1, ["full-1", "full-2"], ["1 March", "£60.00"]),
        _change(2, ["off-peak-1", "off-peak-2"], ["1 April", "£40.00"]),
    ]
    assert merge_restatements(other_date, _verdicts(120)) == (other_date, [])
    other_hunk = [
        _change(1, ["full-1", "full-2"], ["1 March", "£60.00"]),
        _change(2, ["off-peak-1", "off-peak-2"], ["1 March", "£40.00"], "H2"),
    ]
    assert merge_restatements(other_hunk, _verdicts(120)) == (other_hunk, [])
