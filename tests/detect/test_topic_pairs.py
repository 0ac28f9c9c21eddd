"""A bound on an amount scoped to one subject probed under two tags (asking for the service,
asking what it costs), with customers of other subjects inside the bound: the condition is
the bound and either tag (a bike shop and a vet clinic, not the bundled example)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict


def _verdict(probe_id: str, changed: bool, tag: str, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=2,
        new_samples=2,
        features={**features, f"tag:{tag}": True},
    )


def _bike_shop() -> list[ProbeVerdict]:
    """Assembly was free on every bike; now orders under $300 pay $25 for it."""
    rows = [
        ("assembly", 120, True),
        ("assembly", 189, True),
        ("assembly", 240, True),
        ("assembly", 299, True),
        ("assembly", 265, True),
        ("assembly-cost", 210, True),
        ("assembly", 300, False),
        ("assembly", 340, False),
        ("assembly", 780, False),
        ("assembly", 1250, False),
        ("assembly-cost", 450, False),
        ("delivery", 150, False),
        ("warranty", 199, False),
        ("returns", 230, False),
        ("fitting", 275, False),
        ("financing", 290, False),
    ]
    return [
        _verdict(f"{tag}-{total}", changed, tag, order_total=total, customer_name=f"c{total}")
        for tag, total, changed in rows
    ]


def test_a_bound_scoped_to_a_subject_probed_under_two_tags() -> None:
    verdicts = _bike_shop()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(["On orders under $300, assembly costs $25."])
    [best, *_] = find_conditions(changed, verdicts, 3, boundaries)
    assert best.text == "order_total < 300 and tag in {assembly, assembly-cost}"
    assert (best.matched_changed, best.matched_others) == (6, 0)
    topic = next(atom for atom in best.atoms if atom.op == "tag")
    assert topic.value == ("assembly", "assembly-cost")
    assert Atom.from_dict(topic.to_dict()) == topic
    assert topic.to_dict()["value"] == ["assembly", "assembly-cost"]


def test_one_tag_stays_a_plain_tag() -> None:
    """Every changed probe under one tag: the single tag, not a pair with another topic."""
    rows = [
        ("dental", 30, True),
        ("dental", 45, True),
        ("dental", 60, True),
        ("dental", 70, True),
        ("dental", 90, False),
        ("dental", 120, False),
        ("dental", 200, False),
        ("vaccines", 40, False),
        ("grooming", 55, False),
        ("boarding", 65, False),
        ("insurance", 35, False),
        ("microchip", 50, False),
    ]
    verdicts = [_verdict(f"{tag}-{fee}", changed, tag, visit_fee=fee) for tag, fee, changed in rows]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, 3, stated_boundaries(["under $80"]))
    assert best.text == "visit_fee < 80 and tag dental"
    assert best.atoms[-1] == Atom("tag:dental", "tag")
    assert best.atoms[-1].to_dict() == {"feature": "tag:dental", "op": "tag"}
