"""A second option offered where there was one: a cinema that used to refund a cancelled
screening only now offers a refund or a ticket for another showing, and lets the customer
pick. Customers asking for another showing now get `book_ticket` (an actions change);
customers asking what they can have are now told both and asked which (a reply-only change).
Neither group alone has a condition (the rule `wants in {showing, undecided}` puts the other
group's customers on its side); together they have a clean one, and the reply-only change
reads the same edited sentence: one change, the reply-only one its aspect."""

from __future__ import annotations

from collections.abc import Callable

from behaviordiff.detect.jointrule import absorb_joint_rule, shares_a_cause
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    ProbeVerdict,
)

BOOKED = ["asks-showing-1", "asks-showing-2", "asks-showing-3"]
ASKED = ["asks-options-1", "asks-options-2"]
RULE = Condition(
    "wants in {showing, undecided} and tag cancelled",
    (
        Atom("wants", "in", ("showing", "undecided")),
        Atom("tag:cancelled", "tag"),
    ),
    5,
    5,
    0,
    9,
)
LOOSE = Condition("tag cancelled", (Atom("tag:cancelled", "tag"),), 5, 5, 2, 9)


def _cause(*hunks: tuple[str, float]) -> list[Attribution]:
    return [
        Attribution(hunk_id, score, (), "", "sentence_changed", "system.md")
        for hunk_id, score in hunks
    ]


def _changes(small_causes: list[Attribution]) -> list[BehaviorChange]:
    booked = BehaviorChange(
        "C1",
        "refund_ticket(reason=cancelled) → book_ticket(showing=next)",
        list(BOOKED),
        ["actions", "meaning"],
        "actions",
        before=["refund_ticket(reason=cancelled)"],
        after=["book_ticket(showing=next)"],
        attribution=_cause(("H1", 6.0), ("H2", 3.0)),
    )
    asked = BehaviorChange(
        "C2",
        "reply now says: you can have a refund or a ticket for another showing",
        list(ASKED),
        ["meaning"],
        "meaning",
        attribution=small_causes,
    )
    return [booked, asked]


def _verdicts() -> list[ProbeVerdict]:
    return [
        ProbeVerdict(probe_id, "behavior-changed", ["actions"], 2, 2) for probe_id in BOOKED
    ] + [ProbeVerdict(probe_id, "behavior-changed", ["meaning"], 2, 2) for probe_id in ASKED]


def _conditions_of(found: Condition) -> Callable[[list[str]], list[Condition]]:
    def conditions_of(probe_ids: list[str]) -> list[Condition]:
        return [found] if sorted(probe_ids) == sorted([*BOOKED, *ASKED]) else []

    return conditions_of


def _shares(first: BehaviorChange, second: BehaviorChange) -> bool:
    return shares_a_cause(first.attribution, second.attribution)


def test_the_option_taken_and_the_options_told_are_one_change_under_the_joint_rule() -> None:
    changes = _changes(_cause(("H3", 3.0), ("H1", 1.9)))
    kept, grown = absorb_joint_rule(changes, _verdicts(), _conditions_of(RULE), _shares)
    assert [change.id for change in kept] == ["C1"]
    merged = kept[0]
    assert grown == [merged]
    assert sorted(merged.probe_ids) == sorted([*BOOKED, *ASKED])
    assert merged.kind == "actions"
    assert merged.conditions[0].text == RULE.text
    assert [aspect.kind for aspect in merged.aspects] == ["meaning"]


def test_a_rule_that_takes_in_other_customers_merges_nothing() -> None:
    changes = _changes(_cause(("H3", 3.0), ("H1", 1.9)))
    kept, grown = absorb_joint_rule(changes, _verdicts(), _conditions_of(LOOSE), _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown


def test_a_reply_change_from_another_edit_is_left_alone() -> None:
    changes = _changes(_cause(("H7", 3.0), ("H8", 1.0)))
    kept, grown = absorb_joint_rule(changes, _verdicts(), _conditions_of(RULE), _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown


def test_a_change_with_a_condition_of_its_own_is_left_alone() -> None:
    changes = _changes(_cause(("H3", 3.0), ("H1", 1.9)))
    changes[1].conditions = [LOOSE]
    kept, grown = absorb_joint_rule(changes, _verdicts(), _conditions_of(RULE), _shares)
    assert [change.id for change in kept] == ["C1", "C2"] and not grown


def test_a_shared_cause_is_a_top_hunk_of_the_primary_read_anywhere_by_the_other() -> None:
    assert shares_a_cause(_cause(("H1", 6.0), ("H2", 3.0)), _cause(("H3", 3.0), ("H1", 1.0)))
    assert not shares_a_cause(_cause(("H1", 6.0), ("H2", 3.0)), _cause(("H2", 3.0)))
    assert not shares_a_cause([], _cause(("H1", 1.0)))
