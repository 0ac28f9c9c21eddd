"""A variable that names or identifies someone (`customer_name`, `order_id`, `email`) is no
condition of a change: three changed probes left at a suite's default name ("Alex") while the
others name someone else is not "customers named Alex" (a writer's trial found exactly that
on a code change)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, identifier_variable
from behaviordiff.detect.model import ProbeVerdict


def _verdict(probe_id: str, changed: bool, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def test_a_default_name_shared_by_the_changed_probes_is_no_condition() -> None:
    verdicts = [
        _verdict("opening-hours", True, customer_name="Alex", order_id="A-1"),
        _verdict("cancel-account", True, customer_name="Alex", order_id="A-2"),
        _verdict("wants-a-human", True, customer_name="Alex", order_id="A-3"),
        *(
            _verdict(f"other-{i}", False, customer_name=name, order_id=f"B-{i}")
            for i, name in enumerate(["Sam", "Priya", "Jo", "Lee", "Ana"])
        ),
    ]
    changed = ["opening-hours", "cancel-account", "wants-a-human"]
    found = find_conditions(changed, verdicts)
    assert not [c for c in found if "customer_name" in c.text or "order_id" in c.text], [
        c.text for c in found
    ]


def test_a_category_variable_still_makes_a_condition() -> None:
    tiers = ["gold"] * 5 + ["basic"] * 5 + ["silver"] * 4
    names = ["Alex", "Sam", "Jo", "Lee", "Ana", "Kim", "Alex", "Ola", "Ben", "Eve", "Alex"]
    verdicts = [
        _verdict(f"p{i}", tier == "gold", tier=tier, customer_name=names[i % len(names)])
        for i, tier in enumerate(tiers)
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts)
    assert best.text == "tier = gold"


def test_which_variables_identify() -> None:
    assert all(
        identifier_variable(name)
        for name in ("customer_name", "name", "first_name", "order_id", "email", "booking_ref")
    )
    assert not any(
        identifier_variable(name)
        for name in ("tier", "plan_name", "product_name", "membership", "pay_preference")
    )
