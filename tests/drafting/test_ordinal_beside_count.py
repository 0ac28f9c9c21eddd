"""An ordinal moved whole ("every 5th wash is free" → "every 8th") is left to a writer in a
sentence that also counts to it ("Wash 5 times and the 5th wash is free", "five washes"):
moving the rank alone would leave the count saying the old rule (a made-up car wash). A count
of something else in words ("five of our team") does not stop it."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves


def _move() -> RuleMove:
    rule = Rule(
        "H1",
        "sentence_changed",
        "Loyalty",
        "Every 5th wash is free.",
        "Every 8th wash is free.",
        "…",
    )
    [move] = rule_moves([rule])
    assert (move.old, move.new) == ("5th", "8th")
    return move


def test_a_count_in_figures_beside_the_rank_is_a_writers() -> None:
    assert rewrite_sentence(_move(), "Wash 5 times and the 5th wash is free.", None) is None


def test_a_count_in_words_of_the_same_noun_is_a_writers() -> None:
    assert rewrite_sentence(_move(), "After five washes, your 5th wash is free.", None) is None


def test_the_rank_alone_still_moves() -> None:
    moved = rewrite_sentence(
        _move(), "Your 5th wash is on us, and five of our team check it.", None
    )
    assert moved == "Your 8th wash is on us, and five of our team check it."
    assert rewrite_sentence(_move(), "Your 5th wash is free, up to £5 off.", None) == (
        "Your 8th wash is free, up to £5 off."
    )
