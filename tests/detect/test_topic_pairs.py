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


def _tour_desk() -> list[ProbeVerdict]:
    """Guided tours now start at three people: a pair gets two solo guides instead. Every
    other topic (cabins, kayaks, pets, food) is probed with parties of one and two too."""
    rows = [
        ("tour", 2, True),
        ("tour", 2, True),
        ("tour", 2, True),
        ("tour", 2, True),
        ("tour", 1, False),
        ("tour", 3, False),
        ("tour", 4, False),
        ("tour", 6, False),
        ("cabin", 2, False),
        ("cabin", 3, False),
        ("kayak", 2, False),
        ("kayak", 1, False),
        ("food", 2, False),
        ("parking", 2, False),
        ("weather", 4, False),
        ("kids", 2, False),
        ("pets", 1, False),
        ("gift", 2, False),
        ("group-rate", 5, False),
        ("cancel", 2, False),
    ]
    return [
        _verdict(f"{tag}-{index}", changed, tag, party_size=size)
        for index, (tag, size, changed) in enumerate(rows)
    ]


def test_a_tag_without_changed_probes_is_never_paired() -> None:
    """Every changed probe is under one tag: pairing it with a topic none of them carries
    ("tag in {pets, tour}") only lets a lower bound drop two probes instead of one, which
    hides that the bound is fitted to a single probe (it was the best condition)."""
    verdicts = _tour_desk()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(["Guided tours now run for parties of 3 or more."])
    found = find_conditions(changed, verdicts, 3, boundaries)
    assert found[0].text == "tag tour and party_size < 3"
    assert all(atom.op != "tag" or atom.value is None for c in found for atom in c.atoms)


def test_a_clean_condition_without_pairs_is_kept() -> None:
    """A second solo tour makes the range clean with the single tag: that rule is the answer
    (topic pairs are searched only when no clean one is found without them)."""
    verdicts = [*_tour_desk(), _verdict("tour-solo", False, "tour", party_size=1)]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(["Guided tours now run for parties of 3 or more."])
    [best, *_] = find_conditions(changed, verdicts, 3, boundaries)
    assert best.text == "tag tour and 1 < party_size < 3"
    assert (best.matched_changed, best.matched_others) == (4, 0)
