"""A count of a hundred or more written in words and glossed by its digits moves like a small
one: a print shop's free proofing, once "up to one hundred and fifty pages (150)", is now up to
300 pages, and a forum's post limit "a hundred words (100)" moves to 120. The unit is neither
time nor money (pages, words, characters), and the KB's words and digits move together, with
"and" before the tens as the KB writes it; a number in words that is not the glossed count
still leaves the sentence to a writer."""

from __future__ import annotations

from behaviordiff.drafting.digitgloss import glossed_words, rewrite_glossed
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves, states_old_rule


def _move(old: str, new: str, unit: str = "pages") -> RuleMove:
    text = f"We proof files of up to {old} {unit} for free."
    rule = Rule("H1", "sentence_changed", "Proofing", text, text.replace(old, new), "changed")
    [move] = rule_moves([rule])
    return move


def test_a_glossed_count_past_ninety_nine_moves_words_and_digits() -> None:
    move = _move("150", "300")
    assert (move.old, move.new) == ("150", "300")
    assert (
        rewrite_sentence(
            move, "Good news: we proof up to one hundred and fifty pages (150), free of charge."
        )
        == "Good news: we proof up to three hundred pages (300), free of charge."
    )
    # before: the gloss was read for counts below 100 only, and the sentence was flagged


def test_a_round_hundred_and_a_hundred_said_with_a() -> None:
    move = _move("100", "250", "characters")
    assert (
        rewrite_sentence(
            move, "Captions can be up to one hundred characters (100), and spaces count."
        )
        == "Captions can be up to two hundred and fifty characters (250), and spaces count."
    )
    words = _move("100", "120", "words")
    assert rewrite_sentence(words, "Posts may run to a hundred words (100).") == (
        "Posts may run to one hundred and twenty words (120)."
    )
    assert rewrite_sentence(words, "A hundred words (100) is the most.") == (
        "One hundred and twenty words (120) is the most."
    )


def test_the_kb_s_own_and_is_kept_or_left_out() -> None:
    assert rewrite_glossed("Up to two hundred fifty seats (250).", "250", "320") == (
        "Up to three hundred twenty seats (320)."
    )
    assert rewrite_glossed("Up to two hundred and fifty seats (250).", "250", "80") == (
        "Up to eighty seats (80)."
    )
    assert glossed_words("up to two hundred and fifty seats (250)", "250") == (
        "two hundred and fifty"
    )


def test_other_numbers_in_words_still_leave_it_to_a_writer() -> None:
    move = _move("150", "300")
    # another count in words beside the gloss would be left saying something else
    assert (
        rewrite_sentence(move, "Two proofs of one hundred and fifty pages (150) each are free.")
        is None
    )
    # money glossed by its digits is not a count; a gloss with other digits states no move
    assert rewrite_glossed("two hundred dollars ($200)", "200", "300") is None
    assert rewrite_glossed("one hundred and fifty pages (160)", "150", "300") is None
    assert rewrite_glossed("one thousand pages (1000)", "1000", "2000") is None


def test_a_hundred_or_more_in_words_alone_moves_too() -> None:
    move = _move("100", "250", "characters")
    said = "Captions can be up to one hundred characters long."
    assert states_old_rule(
        _move("100", "250", "characters"), "We proof up to one hundred characters."
    )
    assert rewrite_sentence(move, said) == (
        "Captions can be up to two hundred and fifty characters long."
    )
    assert rewrite_sentence(move, "A hundred characters is the most we proof.") == (
        "Two hundred and fifty characters is the most we proof."
    )
    seats = _move("250", "300", "seats")
    assert rewrite_sentence(seats, "We proof up to two hundred fifty seats.") == (
        "We proof up to three hundred seats."
    )
    # the start of a longer number is another number; said twice, in digits and words, it is
    # left to a writer
    assert rewrite_sentence(move, "We proof up to one hundred thousand characters.") is None
    assert rewrite_sentence(move, "We proof one hundred and ten characters a line.") is None
    assert (
        rewrite_sentence(move, "We proof files of up to 100 characters, or one hundred characters.")
        is None
    )
