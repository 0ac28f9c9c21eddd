"""A category value the changed prompt sentences name in full is one of the few rules the edit
states: a made-up van hire now takes back vans with minor scratches without a charge
(`van_state = minor-scratches` within the hire-return topic), five changed probes, and so few
unchanged ones once a probe could not be judged that the whole search's correction hid it."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, said_words
from behaviordiff.detect.model import ProbeVerdict


def _verdict(probe_id: str, verdict: str, tag: str, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict=verdict,
        facets=["actions"] if verdict == "behavior-changed" else [],
        old_samples=3,
        new_samples=3,
        features={**features, f"tag:{tag}": True},
    )


def _verdicts() -> list[ProbeVerdict]:
    rows = [
        ("c1", "behavior-changed", "returns", "minor-scratches", 12, "box van"),
        ("c2", "behavior-changed", "returns", "minor-scratches", 21, "minibus"),
        ("c3", "behavior-changed", "returns", "minor-scratches", 28, "tipper"),
        ("c4", "behavior-changed", "returns", "minor-scratches", 2, "luton"),
        ("c5", "behavior-changed", "returns", "minor-scratches", 6, "crew van"),
        ("u1", "unchanged", "fuel", "minor-scratches", 5, "minibus"),
        ("u2", "unchanged", "deposit", "minor-scratches", 14, "box van"),
        ("u3", "unchanged", "returns", "spotless", 15, "box van"),
        ("u4", "unchanged", "returns", "spotless", 29, "trailer"),
        ("u5", "unchanged", "returns", "spotless", 3, "luton"),
        ("u6", "unchanged", "returns", "spotless", 40, "pickup"),
        ("u7", "inconclusive", "returns", "dented", 10, "crew van"),
        ("u8", "unchanged", "returns", "dented", 25, "box van"),
        ("u9", "unchanged", "returns", "dented", 4, "tipper"),
        ("u10", "unchanged", "fuel", "minor-scratches", 1, "tipper"),
        ("u11", "unchanged", "insurance", "minor-scratches", 9, "luton"),
    ]
    return [
        _verdict(
            pid,
            verdict,
            tag,
            driver=f"Driver {pid}",
            hire_ref=f"VH-{i:04d}",
            days_since_return=days,
            van_state=state,
            van=van,
        )
        for i, (pid, verdict, tag, state, days, van) in enumerate(rows)
    ]


CHANGED = ["c1", "c2", "c3", "c4", "c5"]


def test_a_value_the_changed_sentences_name_is_found_within_its_topic() -> None:
    said = said_words(
        [
            "Vans must come back spotless, or we charge for a valet.",
            "Vans can come back spotless or with minor scratches at no charge.",
        ]
    )
    [best, *_] = find_conditions(CHANGED, _verdicts(), said=said)
    assert {(a.feature, a.op, a.value) for a in best.atoms} == {
        ("tag:returns", "tag", None),
        ("van_state", "=", "minor-scratches"),
    }
    assert (best.matched_changed, best.matched_others) == (5, 0)


def test_a_value_no_changed_sentence_names_gets_no_such_leniency() -> None:
    said = said_words(["Vans are hired by the day.", "Vans are hired by the half day."])
    found = find_conditions(CHANGED, _verdicts(), said=said)
    assert not found or "minor-scratches" not in found[0].text
