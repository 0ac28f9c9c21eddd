"""A tool's fixture is no part of a rule when the change is whether that tool is called at
all: its result is seen only after the call, and the side that no longer makes the call
never sees it. A made-up case: a cinema that stops holding a booster seat for children in
its recliner screen; probes about snacks carry no seat fixture, so the fixture happens to
separate the changed probes better than the rule does."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, one_sided_tools
from behaviordiff.detect.model import FacetResult, ProbeVerdict


def _actions(old: dict[str, int], new: dict[str, int]) -> FacetResult:
    status = "changed" if old != new else "same"
    return FacetResult(
        "actions", status, 0.01 if old != new else 1.0, "fisher", old_counts=old, new_counts=new
    )


def _verdict(probe_id: str, actions: FacetResult, **features: Any) -> ProbeVerdict:
    changed = actions.status == "changed"
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        results={"actions": actions},
        features=features,
    )


def _cinema(new_args: bool = False) -> list[ProbeVerdict]:
    held = {"hold_seat.status": "held"}
    verdicts = []
    for index in range(6):
        screen = ("recliner", "dome")[index % 2]
        new = {"hold_seat(size=tall)": 3} if new_args else {}
        verdicts.append(
            _verdict(
                f"seat-{index}",
                _actions({"hold_seat": 3}, new),
                screen=screen,
                child=True,
                **held,
            )
        )
    for index, (screen, child) in enumerate(
        [("standard", True), ("standard", False), ("recliner", False), ("dome", False)] * 3
    ):
        verdicts.append(
            _verdict(
                f"seat-same-{index}",
                _actions({"hold_seat": 3}, {"hold_seat": 3}),
                screen=screen,
                child=child,
                **held,
            )
        )
    for index in range(4):
        screen = ("recliner", "dome")[index % 2]
        verdicts.append(_verdict(f"snacks-{index}", _actions({}, {}), screen=screen, child=True))
    return verdicts


def test_a_call_one_side_stopped_making_gives_no_atom() -> None:
    verdicts = _cinema()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    assert one_sided_tools([v for v in verdicts if v.probe_id in changed]) == {"hold_seat"}
    found = find_conditions(changed, verdicts, 1)
    assert found
    assert "hold_seat" not in found[0].text
    assert "child" in found[0].text and "screen" in found[0].text
    assert found[0].matched_changed == 6


def test_a_call_both_sides_make_keeps_its_fixture() -> None:
    verdicts = _cinema(new_args=True)
    changed = [v for v in verdicts if v.verdict == "behavior-changed"]
    # the call is still made (with other arguments): its result is seen on both sides
    assert one_sided_tools(changed) == frozenset()


def test_a_threshold_that_leaves_out_one_probe_is_no_part_of_the_rule() -> None:
    verdicts = _cinema()
    # party sizes from 1 to 4, and one snack probe of 6: "party <= 4" would leave it out
    for index, verdict in enumerate(verdicts):
        verdict.features["party"] = 1 + index % 4
    verdicts[-1].features["party"] = 6
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(changed, verdicts, 1)
    assert found
    assert "party" not in found[0].text
    assert "child" in found[0].text and "screen" in found[0].text
