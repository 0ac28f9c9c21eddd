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
