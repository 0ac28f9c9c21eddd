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


def test_a_looked_up_records_free_text_is_no_condition() -> None:
    """Every probe about a loan shares the suite's fixture title; two student probes that
    looked nothing up lack it. "card_type = student and lookup_loan.title = The Hobbit" splits
    one more probe than the topic, but the title is test data: the condition keeps to the
    card type (with the topic), never the title (a writer's trial found the title in every
    note field)."""
    verdicts = [
        *(
            _verdict(
                f"fine-student-{i}",
                True,
                card_type="student",
                **{"lookup_loan.title": "The Hobbit", "tag:fines": True},
            )
            for i in range(5)
        ),
        *(
            _verdict(
                f"fine-adult-{i}",
                False,
                card_type="adult",
                **{"lookup_loan.title": "The Hobbit", "tag:fines": True},
            )
            for i in range(5)
        ),
        _verdict("renew-student", False, card_type="student", **{"tag:fines": True}),
        _verdict("join-student", False, card_type="student", **{"tag:join": True}),
        *(
            _verdict(f"hours-{i}", False, card_type="adult", **{"tag:hours": True})
            for i in range(3)
        ),
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(changed, verdicts)
    assert found and not [c for c in found if "title" in c.text], [c.text for c in found]
    assert "card_type = student" in found[0].text


def test_which_fixture_fields_hold_free_text() -> None:
    from behaviordiff.detect.conditions import free_text_fixture

    assert free_text_fixture("lookup_loan.title", ["The Hobbit"])
    assert free_text_fixture("get_order.item_description", ["Blue kettle"])
    assert free_text_fixture("get_order.item", ["Large blue enamel kettle"])
    # a category of a looked-up record, and a variable, stay conditions
    assert not free_text_fixture("get_order.status", ["shipped", "delayed"])
    assert not free_text_fixture("lookup_member.tier", ["gold", "silver"])
    assert not free_text_fixture("item_title", ["The Hobbit"])
