"""A range of counts the prompt states ("3 to 6 guests", "between 3 and 6") includes both ends:
the condition reports the stated bound (`>= 3`), not the midpoint below it (`> 2`); a strict
line the prompt states ("more than 2") stays strict; a range of a delay compares nothing
(agents in other domains)."""

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


def _tables(sizes: list[int], low: int, high: int) -> list[ProbeVerdict]:
    return [_verdict(f"t{i}", low <= size <= high, guests=size) for i, size in enumerate(sizes)]


def _best(texts: list[str], low: int = 7, high: int = 12) -> str:
    verdicts = _tables([1, 2, 4, 5, 6, 7, 8, 9, 10, 12, 14, 18, 20], low, high)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=stated_boundaries(texts))
    return best.text


def test_a_stated_range_of_guests_reports_its_lower_end() -> None:
    # a restaurant: a £5 a head booking fee for tables of up to 6 guests, £10 for 7 to 12
    text = _best(
        [
            "Tables of up to 6 guests pay a £5 a head fee and tables of 7 to 12 guests pay £10 a "
            "head: pass it as fee_gbp."
        ]
    )
    assert text == "7 <= guests <= 12"


def test_between_and_a_dash_range_read_the_same() -> None:
    assert _best(["Tables of between 7 and 12 guests pay £10 a head."]) == "7 <= guests <= 12"
    assert _best(["Tables of 7-12 guests pay £10 a head."]) == "7 <= guests <= 12"


def test_a_strict_line_stays_strict() -> None:
    text = _best(["Tables of more than 6 and at most 12 guests pay £10 a head."])
    assert text == "6 < guests <= 12"


def test_a_range_of_days_compares_nothing() -> None:
    for text in ("Refunds arrive in 5 to 7 working days.", "We reply within 3-4 business days."):
        assert all(not b.ops for b in stated_boundaries([text])), text


def test_two_numbers_joined_by_and_are_no_range() -> None:
    assert all(not b.ops for b in stated_boundaries(["Rooms 3 and 4 guests share a bathroom."]))


def test_a_table_cell_of_two_numbers_joined_by_and_is_a_band_of_the_table() -> None:
    # a swimming school's lanes by swimmer count per lesson: the row "9 and 10" beside "up to
    # 8" and "11 or more"; the changed probes are lessons of 9 and 10 swimmers
    verdicts = _tables([2, 4, 6, 7, 8, 8, 9, 9, 10, 10, 11, 12, 14], 9, 10)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    rows = [
        "| Up to 8 | one teacher in the shallow lane |",
        "| 9 and 10 | one teacher and an assistant in the deep lane (lane deep, assistant true) |",
        "| 11 or more | two teachers (lane deep) |",
    ]
    [best, *_] = find_conditions(changed, verdicts, boundaries=stated_boundaries(rows))
    assert best.text == "9 <= guests < 11"
    # a cell that names two things by their numbers states no band
    assert all(not b.ops for b in stated_boundaries(["| Rooms 3 and 4 | shared bathroom |"]))
