"""A band of whole numbers the prompt states as a range ("riders aged 18 to 20") beside the next
band stated with a comparing word ("21 or over"): the line is the one the words draw, so the
condition reports `< 21`, not the range's end (`<= 20`), as it does beside the next range's
start ("18 to 30"); with no next number the range's end stays, and a range's start is never
given up for the line below it ("up to 11") (agents in other domains)."""

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


def _best(texts: list[str], low: int, high: int, name: str = "member_age") -> str:
    ages = [8, 10, 12, 14, 16, 17, 18, 20, 22, 24, 25, 27, 30, 40]
    verdicts = [_verdict(f"p{i}", low <= age <= high, **{name: age}) for i, age in enumerate(ages)]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=stated_boundaries(texts))
    return best.text


def test_the_next_band_stated_with_words_draws_the_line() -> None:
    # a gym: members aged 16 to 24 pay the student rate, 25 or over the full rate
    text = _best(
        [
            "Members aged 16 to 24: offer the student rate.",
            "Members aged 25 or over: offer the full rate.",
        ],
        16,
        24,
    )
    assert text == "16 <= member_age < 25"


def test_other_comparing_words_on_the_next_number() -> None:
    # a restaurant: guests aged 12 to 17 get the teen menu, guests 18 and over the main one
    for next_band in ("Guests aged 18 and over order from the main menu.", "Adults (over 17) …"):
        text = _best(["Guests aged 12 to 17 get the teen menu.", next_band], 12, 17, "guest_age")
        expected = "12 <= guest_age < 18" if "18" in next_band else "12 <= guest_age <= 17"
        assert text == expected, next_band


def test_the_start_of_the_next_range_draws_the_line_too() -> None:
    text = _best(
        ["Guests aged 12 to 17 get the teen menu; guests aged 18 to 30 the main one."],
        12,
        17,
        "guest_age",
    )
    assert text == "12 <= guest_age < 18"


def test_a_range_beside_an_upper_line_keeps_its_start() -> None:
    # "up to 11" beside "12 to 17": the band starts at its own first value
    text = _best(
        ["Guests up to 11 get the kids' menu; guests aged 12 to 17 the teen one."],
        12,
        17,
        "guest_age",
    )
    assert text == "12 <= guest_age <= 17"


def test_a_range_alone_keeps_its_end() -> None:
    assert _best(["Members aged 16 to 24: offer the student rate."], 16, 24) == (
        "16 <= member_age <= 24"
    )
