"""A count threshold written as a quantity word moves like one in digits: a print shop's
quick jobs, once "fewer than a dozen" posters, are now "fewer than two dozen".
The KB's sentences stating the old line are rewritten in the same kind of words, whatever
other amount in words they also state ("three days' turnaround"); a sentence that also
spells the moved count itself ("a dozen (twelve)") is left to a writer."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves, states_old_rule

OLD = "Jobs of a dozen or more posters take three working days; smaller ones are done today."
NEW = "Jobs of two dozen or more posters take three working days; smaller ones are done today."


def _move() -> RuleMove:
    [move] = rule_moves([Rule("H1", "sentence_changed", "Printing", OLD, NEW, "changed")])
    return move


def test_a_count_in_words_moves_as_a_value() -> None:
    move = _move()
    assert (move.old, move.new, move.kind) == ("a dozen", "two dozen", "value")


def test_another_amount_in_words_beside_the_count_does_not_block_the_rewrite() -> None:
    move = _move()
    assert (
        rewrite_sentence(move, "For a dozen posters or more, allow two days' notice, {{name}}.")
        == "For two dozen posters or more, allow two days' notice, {{name}}."
    )
    assert (
        rewrite_sentence(move, "Fewer than a dozen? We print them within three hours.")
        == "Fewer than two dozen? We print them within three hours."
    )


def test_the_count_restated_in_words_is_left_to_a_writer() -> None:
    # "twelve" says the old count again: rewriting "a dozen" alone would contradict it
    assert rewrite_sentence(_move(), "Orders of a dozen (twelve) or more take longer.") is None


def test_half_a_dozen_is_not_the_dozen_that_moved() -> None:
    # before `countwords` read it as 6, "a dozen" inside it became "Half two dozen"
    assert rewrite_sentence(_move(), "Half a dozen posters print in an hour.") is None
    assert (
        rewrite_sentence(_move(), "Half a dozen is quick; a dozen or more takes longer.")
        == "Half a dozen is quick; two dozen or more takes longer."
    )


def _digits_move(new: str) -> RuleMove:
    old_text = "Jobs of fewer than 12 posters are printed the same day."
    rule = Rule("H1", "sentence_changed", "Printing", old_text, old_text.replace("12", new), "")
    [move] = rule_moves([rule])
    return move


def test_a_count_in_digits_is_found_in_dozens_and_rewritten_in_dozens() -> None:
    move = _digits_move("24")
    assert (move.old, move.new) == ("12", "24")
    sentence = "Jobs of fewer than a dozen posters print the same day, {{name}}."
    assert states_old_rule(move, sentence)
    assert rewrite_sentence(move, sentence) == (
        "Jobs of fewer than two dozen posters print the same day, {{name}}."
    )
    # a count of another size is not the moved one
    assert not states_old_rule(move, "Half a dozen posters print the same day.")


def test_a_new_count_no_dozen_can_say_is_left_to_a_writer() -> None:
    # "fewer than 20" never goes into a sentence that counts in dozens
    move = _digits_move("20")
    assert rewrite_sentence(move, "Jobs of fewer than a dozen posters print the same day.") is None
