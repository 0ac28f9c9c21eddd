"""Dates as ordered values: a variable of ISO dates is bounded by the date the prompt states,
with the comparison its words make, never one category per date; replies that tell a call's
one-value move are that call change's aspect."""

from __future__ import annotations

from datetime import date

from behaviordiff.detect.calendardates import (
    date_ops,
    date_values,
    dated_subject,
    find_dates,
    written_day,
)
from behaviordiff.detect.clusters import absorb_stated_flat_values
from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import BehaviorChange, MovedArgument, MovedProbeValue, ProbeVerdict


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def test_dates_are_read_in_three_styles_with_the_comparison_their_words_make() -> None:
    text = (
        "From 3 March 2025 the fee is 15%. Bookings made before March 3, 2025 keep 10%; "
        "booked on or before 2025-03-02, 10%; booked on or after 2025-03-03, 15%."
    )
    found = find_dates(text)
    assert [(d.day, d.style) for d in found] == [
        (_day("2025-03-03"), "dmy"),
        (_day("2025-03-03"), "mdy"),
        (_day("2025-03-02"), "iso"),
        (_day("2025-03-03"), "iso"),
    ]
    assert [date_ops(text, d) for d in found] == [
        frozenset({">="}),
        frozenset({"<"}),
        frozenset({"<="}),
        frozenset({">="}),
    ]
    # a date nothing compares with bounds nothing; "May" as a verb is no month
    assert (
        date_ops(
            "The studio opens on 4 April 2025.", find_dates("The studio opens on 4 April 2025.")[0]
        )
        == frozenset()
    )
    assert find_dates("You may 3 times a year") == []


def test_a_date_is_written_the_way_a_text_writes_its_dates() -> None:
    [like] = find_dates("renewals due on 21st May 2024")
    assert written_day(_day("2025-03-03"), like) == "3rd March 2025"
    [us] = find_dates("since June 9, 2024")
    assert written_day(_day("2025-03-03"), us) == "March 3, 2025"
    assert written_day(_day("2025-03-03")) == "3 March 2025"
    assert dated_subject(["Bookings made before 3 March 2025 keep the 10% fee."]) == "bookings made"
    assert dated_subject(["From 3 March 2025 the fee is 15%."]) == ""


def test_only_iso_dates_make_a_variable_of_dates() -> None:
    assert date_values(["2025-03-01", None, "2025-03-04"]) == [
        _day("2025-03-01"),
        None,
        _day("2025-03-04"),
    ]
    assert date_values(["2025-03-01", "soon"]) is None
    assert date_values([20250301, 20250302]) is None
    assert date_values([date(2025, 3, 1)]) == [_day("2025-03-01")]


PRICES = [480, 350, 420, 610, 390, 520, 450, 600, 330, 560, 470, 400]


def _verdicts() -> list[ProbeVerdict]:
    """A language school's cancellations: booked before and after 3 March 2025, and questions
    on other topics from both sides of the date."""
    rows = [
        ("cancel-0214", "2025-02-14", "cancel", False),
        ("cancel-0302", "2025-03-02", "cancel", False),
        ("cancel-0303", "2025-03-03", "cancel", True),
        ("cancel-0311", "2025-03-11", "cancel", True),
        ("cancel-0420", "2025-04-20", "cancel", True),
        ("cancel-0519", "2025-05-19", "cancel", True),
        ("level-0305", "2025-03-05", "level", False),
        ("level-0220", "2025-02-20", "level", False),
        ("books-0410", "2025-04-10", "books", False),
        ("books-0110", "2025-01-10", "books", False),
        ("hours-0601", "2025-06-01", "hours", False),
        ("cancel-0125", "2025-01-25", "cancel", False),
    ]
    return [
        ProbeVerdict(
            probe_id,
            "behavior-changed" if changed else "unchanged",
            [],
            2,
            2,
            features={
                "booked_on": booked,
                "course_price": PRICES[index],
                f"tag:{tag}": True,
            },
        )
        for index, (probe_id, booked, tag, changed) in enumerate(rows)
    ]


PROMPT = [
    "Every cancellation costs 10% of the course price.",
    "From 3 March 2025 a cancellation costs 15% of the course price. Bookings made before "
    "3 March 2025 keep the 10% fee.",
]


def test_a_variable_of_dates_is_bounded_by_the_date_the_prompt_states() -> None:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [first, *_] = find_conditions(changed, verdicts, 3, stated_boundaries(PROMPT))
    assert first.text == "booked_on >= 2025-03-03 and tag cancel"
    assert (first.matched_changed, first.matched_others) == (4, 0)
    atom = next(a for a in first.atoms if a.feature == "booked_on")
    assert (atom.op, atom.value) == (">=", "2025-03-03")


def test_without_the_stated_date_the_probes_own_dates_bound_it() -> None:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [first, *_] = find_conditions(changed, verdicts, 3, [])
    atom = next(a for a in first.atoms if a.feature == "booked_on")
    assert (atom.op, atom.value) == (">", "2025-03-02")


def test_a_date_bounds_no_number_and_a_number_no_date() -> None:
    # "3 March 2025" states 3 and 2025 as bare numbers too: neither bounds a date, and the
    # date bounds no count or price
    boundaries = stated_boundaries(PROMPT)
    dated = [b for b in boundaries if b.unit == "date"]
    assert [b.value for b in dated] == [float(_day("2025-03-03"))]
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    for condition in find_conditions(changed, verdicts, 3, boundaries):
        for atom in condition.atoms:
            if atom.feature == "course_price":
                assert atom.value != float(_day("2025-03-03"))


def _change(change_id: str, kind: str, probe_ids: list[str], **fields: object) -> BehaviorChange:
    return BehaviorChange(change_id, change_id, probe_ids, [kind], kind, **fields)  # type: ignore[arg-type]


def test_replies_that_tell_a_calls_one_value_move_are_its_aspect() -> None:
    """A tip share moved 10 → 12 on every call (`add_tip(percent)`), the amounts with each
    bill; a customer asking is told 12% where it was 10%: one change."""
    calls = _change(
        "C1",
        "actions",
        ["tip-1", "tip-2", "tip-3"],
        moved_arguments=[
            MovedArgument(
                "add_tip",
                "add_tip",
                "percent",
                None,
                None,
                values=tuple(MovedProbeValue(p, 10, 12) for p in ("tip-1", "tip-2", "tip-3")),
            ),
            MovedArgument(
                "add_tip",
                "add_tip",
                "amount",
                1.2,
                None,
                values=(
                    MovedProbeValue("tip-1", 5, 6),
                    MovedProbeValue("tip-2", 8, 9.6),
                    MovedProbeValue("tip-3", 10, 12),
                ),
            ),
        ],
    )
    told = _change(
        "C2",
        "promises",
        ["ask-1", "ask-2"],
        before=["tip: 10%", "£4.50"],
        after=["tip: 12%", "£5.40"],
    )
    unrelated = _change("C3", "promises", ["ask-3"], before=["tip: 15%"], after=["tip: 12%"])
    kept, grown = absorb_stated_flat_values(
        [calls, told, unrelated], [], lambda first, second: True
    )
    assert [change.probe_ids for change in kept] == [
        ["tip-1", "tip-2", "tip-3", "ask-1", "ask-2"],
        ["ask-3"],
    ]
    assert grown == [calls]
