"""Where a dropped "only"'s tail and a granted case may go (made-up agents, not a scenario's
domain).

A study library: "Students may book the quiet room from 9 to 11am only, every day." became
"… from 9 to 11am every day, and also from 5 to 7pm on Thursdays." The tail goes where the
meaning stays right: after the old sentence's words that followed "only" ("every day"), at a
clause's end, inside a table cell with no stray comma; "only" before more of its clause
("Before 11am only students …", "11am only on weekdays") is flagged, not rewritten.

A print shop: "Exception: a poster can also be printed with 2 days' notice if the order is
for a charity, and the fee is waived." added beside 7 days' notice. The case ends at its clause;
it goes after the required value (the one with the granted noun), never inside "7 days
ahead" or "less notice than 7 days"."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.alsogranted import also_granted, with_case
from behaviordiff.drafting.droppedonly import dropped_only, without_only
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule

OLD = "Students may book the quiet room from 9 to 11am only, every day."
NEW = (
    "Students may book the quiet room from 9 to 11am every day, and also from 5 to 7pm on "
    "Thursdays."
)
ADDED = (
    "Exception: a poster can also be printed with 2 days' notice if the order is for a "
    "charity, and the fee is waived."
)


def _facts(rule: Rule) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_room",
        kind="actions",
        facets=["actions"],
        probe_ids=["q1", "q2", "q3"],
        after_actions=[ActionFact("book_room")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "is_charity = true",
                    "atoms": [{"feature": "is_charity", "op": "=", "value": True}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[rule],
        others=9,
    )


def test_the_tail_goes_only_where_the_meaning_stays_right() -> None:
    case = dropped_only(_facts(Rule("H1", "sentence_changed", "Rooms", OLD, NEW, "changed")))
    assert case is not None
    assert without_only(case, f"Good news: {OLD} Ask at the desk.") == (
        f"Good news: {NEW} Ask at the desk."
    )
    assert without_only(case, "You can book the quiet room 9 to 11am only, every day.") == (
        "You can book the quiet room 9 to 11am every day, and also from 5 to 7pm on Thursdays."
    )
    assert without_only(case, "| Students | quiet room 9 to 11am only |") == (
        "| Students | quiet room 9 to 11am, and also from 5 to 7pm on Thursdays |"
    )
    assert without_only(case, "Students book the quiet room 9 to 11am only on weekdays.") is None
    assert without_only(case, "Before 11am only students may book the quiet room.") is None


def test_the_case_goes_after_the_required_value_and_ends_at_its_clause() -> None:
    case = also_granted(_facts(Rule("H2", "sentence_added", "Posters", None, ADDED, "added")))
    assert case is not None and case.when == "the order is for a charity"
    assert with_case(case, "Your poster needs 1 day to dry and 7 days' notice.") == (
        "Your poster needs 1 day to dry and 7 days' notice (or 2 days' notice if the order is "
        "for a charity)."
    )
    assert with_case(case, "A poster must be ordered 7 days ahead, then we print it.") is None
    assert with_case(case, "No poster is printed with less notice than 7 days.") is None
