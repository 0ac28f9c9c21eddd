"""A value moved into another measure whose new amount is one. A locksmith's prompt said a
replacement key is cut "within 48 hours" and now says "within 1 working day"; its help centre
says "within two days" and "in a couple of days". The KB's amount was two, so the new one is a
count, written "one", not the article "a" ("within a working day" reads as a vague while). A
KB amount of one ("within a day", for a move from 24 hours) keeps its article."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves


def _move(old_time: str) -> RuleMove:
    old = f"Tell the caller their replacement key will be cut within {old_time} of the order."
    new = "Tell the caller their replacement key will be cut within 1 working day of the order."
    [move] = rule_moves([Rule("K1", "sentence_changed", "Keys", old, new, "…")])
    return move


def test_a_new_amount_of_one_is_written_one_where_the_kb_said_another_count() -> None:
    move = _move("48 hours")
    assert rewrite_sentence(move, "Your new key is cut within two days of the order.") == (
        "Your new key is cut within one working day of the order."
    )
    assert rewrite_sentence(move, "A couple of days is all a new key takes.") == (
        "One working day is all a new key takes."
    )


def test_a_kb_amount_of_one_keeps_its_article() -> None:
    assert rewrite_sentence(_move("24 hours"), "Your new key is cut within a day.") == (
        "Your new key is cut within a working day."
    )
