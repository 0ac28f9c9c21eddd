"""A calendar date a reply states is a promise value like an amount or a duration: a cut-off
moved between versions ("order by 14 March" -> "order by 11 March") is a behavior change; the
same date written another way ("14 March", "March 14th", "14th of March", "14/03") is not
(a florist's Mother's Day cut-off, a school uniform shop's term-start date, a tax adviser's
filing date)."""

from __future__ import annotations

import pytest

from behaviordiff.detect import analyze
from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.transcripts import Transcript


def _dates(text: str) -> set[str]:
    return {p.value for p in extract_promises(text) if p.kind == "date"}


@pytest.mark.parametrize(
    "text",
    [
        "Order your bouquet by 14 March for Mother's Day delivery.",
        "Order your bouquet by 14th March for Mother's Day delivery.",
        "Order your bouquet by the 14th of March for Mother's Day delivery.",
        "Order your bouquet by March 14th for Mother's Day delivery.",
        "Order your bouquet by Mar 14 for Mother's Day delivery.",
        "Order your bouquet by Friday 14 March for Mother's Day delivery.",
        "Order your bouquet by 14/03 for Mother's Day delivery.",
    ],
)
def test_a_date_written_any_way_is_one_value(text: str) -> None:
    assert _dates(text) == {"14 March"}


def test_a_year_makes_an_iso_date() -> None:
    assert _dates("Returns must be filed by 31st of January 2027.") == {"2027-01-31"}


@pytest.mark.parametrize(
    "text",
    [
        "Our helpline is open 24/7.",
        "Order by 5/09 for the new term.",  # day and month could swap: not read
        "Pupils under 16 may not order online.",
        "Blazers cost £32 and come in 4 colours.",
        "Half the stock, 1/2 price.",
    ],
)
def test_what_is_no_date_stays_none(text: str) -> None:
    assert _dates(text) == set()


def test_a_slashed_date_is_read_where_one_number_is_over_twelve() -> None:
    assert _dates("Uniform orders placed by 28/08 arrive before term starts.") == {"28 August"}
    assert _dates("Uniform orders placed by 08/28 arrive before term starts.") == {"28 August"}


def _run(probe_id: str, sample: int, region: str, reply: str) -> Transcript:
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": "When do I need to order blazers for the new term?"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"school_area": region}},
    )


OLD_WORDINGS = [
    "Hi, the last day to order for delivery before term starts is 28 August.",
    "Hello! To get your blazers before term starts, please order by 28th August.",
    "Hi there, if you order by August 28th your blazers arrive before term starts.",
]
NEW_WORDINGS = [
    "Hi, to get your blazers before term starts, please order by 21 August.",
    "Hello, the last day to order for delivery before term starts is the 21st of August.",
    "Hi there, if you order by 21 August your blazers arrive before term starts.",
]


def _uniform_runs(moved: set[str]) -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    areas = ["islands", "islands", "islands", "town", "town", "town", "county", "county"]
    for index, area in enumerate(areas):
        for sample in range(3):
            was = OLD_WORDINGS[(index + sample) % 3]
            now = NEW_WORDINGS if area in moved else OLD_WORDINGS
            old.append(_run(f"p{index}", sample, area, was))
            new.append(_run(f"p{index}", sample, area, now[(index + sample + 1) % 3]))
    return old, new


def test_a_moved_cut_off_date_is_a_behavior_change_for_its_group() -> None:
    old, new = _uniform_runs({"islands"})
    analysis = analyze(old, new)
    [change] = analysis.changes
    assert sorted(change.probe_ids) == ["p0", "p1", "p2"]
    assert "promises" in change.facets
    assert Promise("date", "28 August").value in change.before
    assert change.after == ["21 August"]
    assert "21 August" in change.title and "--" not in change.title


def test_the_same_date_paraphrased_is_no_change() -> None:
    old, new = _uniform_runs(set())
    analysis = analyze(old, new)
    assert analysis.changes == []
    assert {v.verdict for v in analysis.probes} <= {"unchanged", "wording-only"}
