"""The change's dropped "only" and granted case are read once per change, not again for every
KB sentence (a made-up study library: "from 9 to 11am only, every day" became "… every day,
and also from 5 to 7pm on Thursdays")."""

from __future__ import annotations

import pytest

from behaviordiff.drafting import impact
from behaviordiff.drafting.facts import Rule
from tests.drafting.test_case_placement import NEW, OLD, _facts


def test_the_rule_cases_are_read_once_per_change(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = impact.dropped_only
    monkeypatch.setattr(impact, "dropped_only", lambda facts: calls.append(1) or real(facts))
    facts = _facts(Rule("H1", "sentence_changed", "Rooms", OLD, NEW, "changed"))
    said = [impact.sentence_conflict(facts, f"Room {n} is free 9 to 11am only.") for n in range(50)]
    assert all(said) and len(calls) == 1
    other = _facts(Rule("H1", "sentence_changed", "Rooms", OLD, NEW, "changed"))
    assert impact.sentence_conflict(other, "Students book the quiet room 9 to 11am only.")
    assert len(calls) == 2


def test_a_dropped_only_hides_no_other_moved_value_of_the_change() -> None:
    """The same change also moved the room's printing fee from £5 to £9: a sentence stating
    £5 still conflicts, and one stating the old hours still says "only"."""
    from behaviordiff.drafting.rules import rule_moves

    fee = Rule(
        "H2",
        "sentence_changed",
        "Fees",
        "Printing costs £5 a page.",
        "Printing costs £9 a page.",
        "changed",
    )
    facts = _facts(Rule("H1", "sentence_changed", "Rooms", OLD, NEW, "changed"))
    facts.rules.append(fee)
    facts.moves = rule_moves(facts.rules)
    assert impact.sentence_conflict(facts, "Printing in the quiet room costs £5 a page.")
    assert impact.sentence_conflict(facts, "The quiet room is yours 9 to 11am only.")
    assert not impact.sentence_conflict(facts, "The quiet room has six desks.")
