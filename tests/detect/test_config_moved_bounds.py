"""A limit lowered in a tool's schema, the prompt unchanged (a made-up library desk: the
prompt says "renewals are free up to the limit set on renew_loan: its free_renewal is
renewals_used + 1"; renew_loan's free_renewal maximum goes 4 -> 3). Loans already renewed
three times now change; 0, 1, 2 and 4 do not. On whole-number counts `2 < renewals_used <= 3`
and `3 <= renewals_used < 4` separate the same probes; the edit states 4 and 3, so the
condition reads as the band between them, `3 <= renewals_used < 4`, with the topic its key
names (renewals, not fines at the same count)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import Boundary, find_conditions
from behaviordiff.detect.configbounds import config_moved_bounds
from behaviordiff.detect.model import ProbeVerdict
from behaviordiff.diffing.model import Hunk

LIMIT = Hunk(
    "H1",
    "tool_changed",
    "agent.yaml",
    key="renew_loan.parameters.properties.free_renewal.maximum",
    old=4,
    new=3,
)


def _verdict(probe_id: str, changed: bool, tag: str, used: int) -> ProbeVerdict:
    features: dict[str, Any] = {"lookup_loan.renewals_used": used, f"tag:{tag}": True}
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=2,
        new_samples=2,
        features=features,
    )


def _verdicts() -> list[ProbeVerdict]:
    return [
        _verdict("renew-3a", True, "renew", 3),
        _verdict("renew-3b", True, "renew", 3),
        _verdict("renew-3c", True, "renew", 3),
        _verdict("renew-3d", True, "renew", 3),
        _verdict("renew-0", False, "renew", 0),
        _verdict("renew-1", False, "renew", 1),
        _verdict("renew-2", False, "renew", 2),
        _verdict("renew-2b", False, "renew", 2),
        _verdict("renew-4", False, "renew", 4),
        _verdict("renew-5", False, "renew", 5),
        # the same count, other topics: the key names renewals, not fines or holds
        _verdict("fine-3", False, "fines", 3),
        _verdict("hold-3", False, "holds", 3),
        _verdict("fine-3b", False, "fines", 3),
    ]


def test_a_number_moved_in_a_tool_schema_is_a_moved_pair_named_by_its_key() -> None:
    [(was, now)] = config_moved_bounds([LIMIT])
    assert (was.value, now.value, was.unit) == (4.0, 3.0, "")
    assert {"renew", "loan", "free", "renewal", "maximum"} <= was.words
    # a number that stays, a flag, text and a prompt sentence move nothing
    assert (
        config_moved_bounds(
            [
                Hunk("H2", "tool_changed", "agent.yaml", key="a.b.maximum", old=3, new=3),
                Hunk("H3", "config_changed", "agent.yaml", key="strict", old=False, new=True),
                Hunk("H4", "tool_changed", "agent.yaml", key="a.description", old="x", new="y"),
                Hunk("H5", "sentence_changed", "system.md", old="3 times", new="2 times"),
            ]
        )
        == []
    )


def test_the_condition_is_the_band_the_config_moved_not_one_fitted_to_the_counts() -> None:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [first, *_] = find_conditions(changed, verdicts, moved=config_moved_bounds([LIMIT]))
    assert first.text == "tag renew and 3 <= lookup_loan.renewals_used < 4"
    assert (first.matched_changed, first.matched_others) == (4, 0)


def test_without_the_moved_numbers_the_fitted_band_stays() -> None:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [first, *_] = find_conditions(changed, verdicts)
    assert first.text != "tag renew and 3 <= lookup_loan.renewals_used < 4"
    assert Boundary(3.0, "") == Boundary(3.0, "", words=frozenset({"x"}))
