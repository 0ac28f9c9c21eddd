"""Of two stated bounds that split whole amounts alike ("up to $1,999" and "$2,000 or more"),
the condition takes the one whose wording states its operator (agents in other domains)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
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


def _orders(totals: list[float], low: float) -> list[ProbeVerdict]:
    return [_verdict(f"o{i}", total >= low, order_total=total) for i, total in enumerate(totals)]


def test_the_band_that_changed_is_read_from_its_own_words() -> None:
    # a furniture shop: orders from $300 to $1,999 keep standard delivery, orders of $2,000 or
    # more now get white-glove delivery; probes sit at both stated numbers
    verdicts = _orders([50, 120, 300, 800, 1500, 1999, 2000, 2600, 4000, 9000], 2000)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    boundaries = stated_boundaries(
        [
            "For orders of $300 or more, book standard delivery.",
            "For orders from $300 up to $1,999, book standard delivery.",
            "For orders of $2,000 or more, book white-glove delivery.",
        ]
    )
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert best.text == "order_total >= 2000"
