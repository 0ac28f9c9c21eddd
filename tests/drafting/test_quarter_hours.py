"""A time in minutes the KB says in quarters of an hour (an escape room: teams had 45 minutes
to find the key, now 30): "three quarters of an hour" states the old value and is rewritten in
the same words ("half an hour"); a quarter of an hour is another amount."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, states_value

OLD = "Teams have 45 minutes to find the key."
NEW = "Teams have 30 minutes to find the key."
KB = "- You get three quarters of an hour to find the key, so plan your clues."


def test_quarters_of_an_hour_state_the_minutes() -> None:
    assert states_value("45 minutes", KB)
    assert states_value("15 minutes", "Arrive a quarter of an hour early.")
    assert not states_value("15 minutes", KB)


def test_the_rewrite_keeps_the_words() -> None:
    move = rule_moves([Rule("H1", "sentence_changed", "Games", OLD, NEW, "…")])[0]
    assert rewrite_sentence(move, KB) == KB.replace("three quarters of an hour", "half an hour")
