"""An action the old version already took for other customers is no new action: a full
refund's notice moved from 24 to 48 hours gives cancellations 24-47 hours ahead the partial
refund those under 24 hours always got. The changelog listed `issue_refund(type=partial)`
under "New actions" (a new user's trial, T4); the change's own entry still says it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from behaviordiff.detect.model import Analysis, FacetResult, ProbeVerdict
from behaviordiff.publish.changelog import _actions


def _verdict(probe_id: str, old: dict[str, int]) -> ProbeVerdict:
    actions = FacetResult("actions", "same", 1.0, "fisher", [], [], old, old)
    return ProbeVerdict(probe_id, "unchanged", [], 3, 3, results={"actions": actions})


def _change() -> Any:
    data = SimpleNamespace(
        facets=["actions", "promises"],
        before=["issue_refund(type=full)"],
        after=["issue_refund(type=partial)", "send_voucher(kind=apology)"],
    )
    return SimpleNamespace(change=data)


def test_an_action_the_old_version_took_elsewhere_is_not_new() -> None:
    analysis = cast(
        Analysis,
        SimpleNamespace(
            probes=[_verdict("cancel-2h", {"issue_refund(amount=20, type=partial)": 3})]
        ),
    )
    new, removed = _actions(_change(), analysis)
    assert new == ["send_voucher(kind=apology)"]
    assert removed == ["issue_refund(type=full)"]


def test_without_the_analysis_every_action_after_not_before_is_new() -> None:
    new, _ = _actions(_change(), None)
    assert new == ["issue_refund(type=partial)", "send_voucher(kind=apology)"]
