"""Nights are a unit of time like days: a cabin site's "at least 2 nights" moved to "at least
4 nights" moves "2 nights" to "4 nights", so a KB sentence saying "2 nights" is restated with
its unit, and an aside for some ("3 nights (5 nights for July and August)") names it too."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import is_time_unit, rule_moves


def test_nights_move_with_their_unit() -> None:
    old = "A cabin booking is for at least 2 nights."
    [move] = rule_moves([Rule("H1", "sentence_changed", "Cabins", old, old.replace("2", "4"), "…")])
    assert (move.old, move.new) == ("2 nights", "4 nights")
    assert is_time_unit("nights") and is_time_unit("night")
