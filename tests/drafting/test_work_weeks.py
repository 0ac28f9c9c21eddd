"""Working days a KB says in weeks or plain days. A print shop's prompt said "Posters: 5 working
days" and now says "Posters: 10 working days"; its help centre says "ready in a week or less",
"within five working days (one working week)" and "in 5 days". Each states the old turnaround
and takes the new one in its own words ("two weeks or less", "ten working days (two working
weeks)", "10 days"). A turnaround of 7 working days is no whole number of weeks: "a week" is
left to a writer and a gloss in weeks is taken out. A prompt sentence that glosses the days
itself ("10 working days (two weeks)") states the amount once. A kept rule's tool name
(`cancel_order`) is not a word of the rule: a KB sentence sharing it states the moved rule."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.keptrules import states_kept_rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves, where_stated
from behaviordiff.drafting.workweeks import one_measure

OLD = "Posters (A2 and A1 prints on matt paper): 5 working days."
NEW = "Posters (A2 and A1 prints on matt paper): 10 working days."


def _move(new_days: int = 10) -> RuleMove:
    [move] = rule_moves(
        [Rule("H1", "sentence_changed", "Turnaround", OLD, NEW.replace("10", str(new_days)), "…")]
    )
    return move


def test_the_move_keeps_its_two_word_unit() -> None:
    move = _move()
    assert (move.old, move.new) == ("5 working days", "10 working days")


def test_working_days_said_in_weeks_or_days_state_the_old_value() -> None:
    move = _move()
    for sentence, said in [
        ("Your poster usually lands on your doormat in a week or less.", "a week"),
        ("Posters are printed within one working week of your order.", "one working week"),
        ("We print posters in 5 days.", "5 days"),
    ]:
        assert [found.group(0) for found in where_stated(move.old, sentence)] == [said]
    # seven calendar days are another measure
    assert where_stated(move.old, "Posters are printed within 7 days.") == []


def test_each_takes_the_new_amount_in_its_own_words() -> None:
    move = _move()
    assert rewrite_sentence(move, "Your poster lands in a week or less.") == (
        "Your poster lands in two weeks or less."
    )
    assert rewrite_sentence(
        move, "Posters reach you within five working days (one working week) of your order."
    ) == ("Posters reach you within ten working days (two working weeks) of your order.")
    assert rewrite_sentence(move, "We print posters in 5 days.") == "We print posters in 10 days."
    # a fortnight is said in weeks, never in fortnights
    fortnight = RuleMove("H1", OLD, NEW, "10 working days", "15 working days", "value")
    assert rewrite_sentence(fortnight, "Allow a fortnight's notice.") == (
        "Allow three weeks' notice."
    )


def test_no_whole_number_of_weeks_is_left_to_a_writer() -> None:
    move = _move(7)
    assert rewrite_sentence(move, "Your poster lands in a week or less.") is None
    # the gloss in weeks goes, the days move
    assert rewrite_sentence(
        move, "Posters reach you within five working days (one working week) of your order."
    ) == ("Posters reach you within seven working days of your order.")


def test_days_glossed_in_weeks_are_stated_once() -> None:
    sentence = "Posters are ready within 10 working days (two weeks)."
    assert [found.group(0) for found in where_stated("10 working days", sentence)] == [
        "10 working days"
    ]


def test_a_kept_rules_tool_name_is_not_its_words() -> None:
    move = _move()
    kept = ["Use `cancel_order`; the refund reaches the customer's card within 5 working days."]
    said = "Posters reach you within five working days of your order."
    assert not states_kept_rule([move], kept, said)
    # the kept rule's own words still tell its sentences apart
    assert states_kept_rule([move], kept, "A refund reaches your card within 5 working days.")


def test_weeks_beside_the_days_gloss_them_and_move_with_them() -> None:
    move = _move()
    sentence = "Posters are ready within five working days of your order, so about a week."
    assert [found.group(0) for found in where_stated(move.old, sentence)] == ["five working days"]
    assert rewrite_sentence(move, sentence) == (
        "Posters are ready within ten working days of your order, so about two weeks."
    )
    # a gloss no whole number of weeks can say, outside brackets: a writer's
    assert rewrite_sentence(_move(7), sentence) is None


def test_weeks_said_of_something_else_stay() -> None:
    move = _move()
    assert rewrite_sentence(
        move, "We are open 5 days a week and posters ship within 5 working days."
    ) == ("We are open 5 days a week and posters ship within 10 working days.")
    assert rewrite_sentence(move, "A week is 7 days; posters ship within five working days.") == (
        "A week is 7 days; posters ship within ten working days."
    )
    # weeks before the days they gloss move with them, or leave the sentence to a writer
    sentence = "(Posters) ship in about a week (5 working days)."
    assert (
        rewrite_sentence(move, sentence) == "(Posters) ship in about two weeks (10 working days)."
    )
    assert rewrite_sentence(_move(7), sentence) is None


def test_working_days_and_calendar_days_are_never_one_value_moved() -> None:
    # the diff paired two rules: a refund time and a window to send things back
    paired = Rule(
        "H1",
        "sentence_changed",
        "Returns",
        "The refund reaches their card within 5 working days.",
        "Posters can come back within 14 days.",
        "…",
    )
    assert ("5 working days", "14 days") not in [(m.old, m.new) for m in rule_moves([paired])]
    assert not one_measure("5 working days", "14 days")
    assert one_measure("5 working days", "10 working days") and one_measure("£5", "£8")
    # working days and weeks are one turnaround said two ways
    assert one_measure("5 working days", "2 weeks")
    weeks = Rule(
        "H1", "sentence_changed", "R", "Overhauls: 5 working days.", "Overhauls: 2 weeks.", "…"
    )
    assert [(m.old, m.new) for m in rule_moves([weeks])] == [("5 working days", "2 weeks")]
