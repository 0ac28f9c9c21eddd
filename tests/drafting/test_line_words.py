"""A line on an age said as the group or the birthday it draws (made-up domain: a coach
company whose free-travel age drops from 5 to 4). The KB writes "Under-fives travel free" and
"a child fare from their fifth birthday" (or "5th birthday"): each states the old line as
much as "under five" does and is rewritten in its own form; an ordinal that is no birthday
("a second bag") is no line."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, where_stated

FARES = [
    Rule(
        "H1",
        "sentence_changed",
        "Fares",
        "Children under 5 travel free: issue a free ticket with `issue_ticket`.",
        "Children under 4 travel free: issue a free ticket with `issue_ticket`.",
        "sentence changed",
    )
]


def test_a_group_said_in_words_moves_in_its_own_form() -> None:
    [move] = rule_moves(FARES)
    assert rewrite_sentence(move, "Under-fives travel free.") == "Under-fours travel free."
    assert (
        rewrite_sentence(move, "No: under-fives travel free on every coach.")
        == "No: under-fours travel free on every coach."
    )


def test_the_birthday_a_line_starts_on_moves_in_its_own_form() -> None:
    [move] = rule_moves(FARES)
    assert (
        rewrite_sentence(move, "Under-fives go free, so you pay from their fifth birthday.")
        == "Under-fours go free, so you pay from their fourth birthday."
    )
    assert (
        rewrite_sentence(move, "A child fare is due from the 5th birthday.")
        == "A child fare is due from the 4th birthday."
    )


def test_an_ordinal_that_is_no_birthday_is_no_line() -> None:
    assert not where_stated("2", "A second bag costs extra.")
    assert not where_stated("5", "Sit in the fifth row.")
    assert where_stated("5", "Free until their fifth birthday.")


def test_a_group_is_written_and_read_as_a_real_plural() -> None:
    [move] = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Fares",
                "Children under 5 travel free.",
                "Children under 6 travel free.",
                "sentence changed",
            )
        ]
    )
    assert rewrite_sentence(move, "Under-fives travel free.") == "Under-sixes travel free."
    assert where_stated("6", "Under-sixes travel free.")
    assert where_stated("20", "A fare for under-twenties.")
    assert where_stated("60", "A fare for over sixties.")


def test_a_group_is_read_only_after_a_whole_word() -> None:
    assert not where_stated("5", "The Thunder fives tournament.")
    assert not where_stated("2", "A leftover twos pack.")
