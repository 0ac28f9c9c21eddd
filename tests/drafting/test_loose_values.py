"""An old value found and rewritten in forms no reader knew, in the item's own form: a table
cell keyed by what the value is of ("| Minimum age | 5 |"), times of day with no part of the
day ("five o'clock", "half past four") or as a span of bare hours ("8 till 5 on weekdays"
beside "Monday to Friday"), a share in words broken over a line ("three\\nquarters of the
ticket price"). Made-up domains: a ski school's youngest pupils, a library's weekday hours, a
museum's last entry, a ferry's cancellation refund. Traps: the same number keyed by another
thing in the same table ("| Class size | 5 |"), a cell saying more than the value ("Up to 5
skiers and one instructor"), the same hour on another topic ("returns by five o'clock")."""

from __future__ import annotations

from behaviordiff.detect.clocktimes import find_clock_times, written_like
from behaviordiff.detect.wordamounts import share_in_words
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.newfact import with_kept_values
from behaviordiff.drafting.rules import (
    keyed_value_row,
    other_values_said,
    rewrite_sentence,
    rule_moves,
    states_old_rule,
    where_stated,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts


def _move(old: str, new: str, section: str = "Rules"):  # type: ignore[no-untyped-def]
    [move] = rule_moves([Rule("H1", "sentence_changed", section, old, new, "…")])
    return move


# a table cell keyed by what the value is of ---------------------------------------------

SKI_OLD = "Group lessons are open to skiers aged 5 or over."
SKI_NEW = "Group lessons are open to skiers aged 6 or over."
SKI_TABLE = (
    "# Ski school at a glance\n\n"
    "| What | Rule |\n|---|---|\n"
    "| Lesson length | 2 hours |\n"
    "| Minimum age | 5 |\n"
    "| Class size | 5 |\n"
    "| Instructors | Up to 5 skiers and one instructor |\n"
)


def test_a_bare_value_cell_is_read_by_its_row_key() -> None:
    move = _move(SKI_OLD, SKI_NEW)
    header = "| What | Rule |"
    found = keyed_value_row(move, header, "| Minimum age | 5 |")
    assert found is not None and found.group(0) == "5"
    assert keyed_value_row(move, header, "| Minimum age | 5+ |") is not None
    assert keyed_value_row(move, header, "| Youngest age | five |") is not None
    assert rewrite_sentence(move, "| Youngest age | five |") == "| Youngest age | six |"
    assert keyed_value_row(move, header, "| Minimum age | 5 or over |") is not None
    # the same number keyed by another thing, or a cell saying more, is no statement of it
    assert keyed_value_row(move, header, "| Class size | 5 |") is None
    assert (
        keyed_value_row(move, header, "| Instructors | Up to 5 skiers and one instructor |") is None
    )
    # the key in the value's column header: "| Course | Minimum age |"
    assert keyed_value_row(move, "| Course | Minimum age |", "| Group lessons | 5 |") is not None
    assert keyed_value_row(move, "| Course | Class size |", "| Group lessons | 5 |") is None
    # ... under which a row keyed by another case is that case's value
    assert keyed_value_row(move, "| Course | Minimum age |", "| Private lessons | 5 |") is None
    assert keyed_value_row(move, header, "| Minimum age for family days | 5 |") is None


def test_the_keyed_cell_is_rewritten_and_the_other_rows_stay() -> None:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Who can join", SKI_OLD, SKI_NEW, "…")],
        [{"feature": "skier_age", "op": "between", "low": 5, "high": 6}],
        title="no longer calls book_lesson",
    )
    kb = KnowledgeBase([kb_item("glance", SKI_TABLE)])
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    assert [c.sentence for c in impact.conflicts] == ["| Minimum age | 5 |"]
    said = TemplateDrafter().edit(facts, impact).new_body
    assert said == SKI_TABLE.replace("| Minimum age | 5 |", "| Minimum age | 6 |")


# times of day with no part of the day, and spans of bare hours ---------------------------


def test_an_hour_with_no_part_of_the_day_is_read_from_its_span_or_a_working_day() -> None:
    [start, end] = find_clock_times("from eight in the morning until five o'clock")
    assert (start.hour, end.hour) == (8.0, 17.0)
    assert [t.hour for t in find_clock_times("we open at 8 o'clock")] == [8.0]
    assert [t.hour for t in find_clock_times("last entry at half past four")] == [16.5]
    assert [t.hour for t in find_clock_times("a quarter to six")] == [17.75]
    assert [t.hour for t in find_clock_times("from 9am to 11 o'clock")] == [9.0, 11.0]
    # no time: "half past five days" is no hour, "five o'clock" needs its "o'clock"
    assert find_clock_times("it takes half past five days") == []
    assert find_clock_times("we need five days") == []


def test_a_new_time_is_written_the_way_the_old_one_was() -> None:
    [oclock] = find_clock_times("we close at five o'clock")
    assert written_like(18.0, oclock) == "six o'clock"
    # eight o'clock alone reads as the morning: the new hour goes in the prompt's form
    assert written_like(20.0, oclock) == "8pm"
    [_, closing] = find_clock_times("from 9am to 6 o'clock")
    assert written_like(20.0, closing) == "8 o'clock"
    [half] = find_clock_times("Last entry is at half past four")
    assert written_like(17.5, half) == "half past five"
    assert written_like(17.0, half) == "five o'clock"
    assert written_like(17.2, half) == "5:12pm"


LIBRARY_OLD = "Monday to Friday: 8am to 5pm"
LIBRARY_NEW = "Monday to Friday: 8am to 7pm"


def test_weekday_hours_said_in_words_and_as_bare_hours_are_found_and_moved() -> None:
    move = _move(LIBRARY_OLD, LIBRARY_NEW, "Opening hours")
    worded = "The desk is staffed from eight in the morning until five o'clock, Monday to Friday."
    bare = "We're at the desk 8 till 5 on weekdays and 10 till 1 on Saturdays."
    assert states_old_rule(move, worded) and states_old_rule(move, bare)
    # seven o'clock closing a span from eight in the morning is the evening: words stay words
    assert rewrite_sentence(move, worded) == worded.replace("five o'clock", "seven o'clock")
    between = "Our phone lines are open between eight and five on weekdays."
    assert rewrite_sentence(move, between) == between.replace("and five", "and seven")
    assert rewrite_sentence(move, bare) == bare.replace("8 till 5", "8 till 7")
    # the prompt sentence's other values said in the sentence's own forms: 8am, weekdays
    assert other_values_said(move, bare, set()) == 2
    # the same hour on another topic names none of them
    trap = "Books dropped in the returns box by 5pm on a working day are checked in that day."
    assert other_values_said(move, trap, set()) == 0
    assert not states_old_rule(move, trap)


def test_the_library_items_edited_and_the_returns_macro_left() -> None:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Opening hours", LIBRARY_OLD, LIBRARY_NEW, "…")],
        [{"feature": "visit_hour", "op": "between", "low": 17, "high": 19}],
        title="now calls reserve_desk",
    )
    hours = (
        "Hello {{ticket.requester.first_name}},\n\nThe desk is staffed from eight in the "
        "morning until five o'clock, Monday to Friday. We're closed on Sundays.\n\nCity Library"
    )
    returns = (
        "Hello {{ticket.requester.first_name}},\n\nBooks dropped in the returns box by five "
        "o'clock on a working day are checked in that day.\n\nCity Library"
    )
    kb = KnowledgeBase(
        [kb_item("hours", hours, kind="macro"), kb_item("returns", returns, kind="macro")]
    )
    impacts = {i.item.key: i for i in rank_items(facts, kb)}
    assert not impacts.get("macro:returns") or not impacts["macro:returns"].conflicts
    said = TemplateDrafter().edit(facts, impacts["macro:hours"]).new_body
    assert said == hours.replace("until five o'clock", "until seven o'clock")


# a share in words across a line break ---------------------------------------------------


def test_a_share_in_words_broken_over_a_line_is_found_and_moved() -> None:
    old = "If they cancel a week ahead, refund 75% of the ticket price within 5 working days."
    new = "If they cancel a week ahead, refund 50% of the ticket price within 5 working days."
    move = _move(old, new, "Cancelling")
    kb = (
        "Cancel at least a week ahead and we refund three\nquarters of the ticket price to "
        "your card within five working days."
    )
    assert [m.group(0) for m in share_in_words("75%", kb)] == ["three\nquarters of"]
    assert [m.group(0) for m in where_stated("75%", kb)] == ["three\nquarters of"]
    said = rewrite_sentence(move, kb)
    assert said == kb.replace("three\nquarters of", "half of")


def test_a_share_of_something_else_is_no_share() -> None:
    # "a quarter of an hour", "a quarter of our customers": no price's share
    assert share_in_words("25%", "It takes a\nquarter of an hour.") == []
    assert share_in_words("25%", "A quarter of our\ncustomers book online.") == []


# a number in words and its gloss move together -------------------------------------------


def test_a_value_in_words_is_not_put_back_beside_its_moved_gloss() -> None:
    facts = moved_facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Turnaround",
                "Framed prints: 5 working days.",
                "Framed prints: 10 working days.",
                "…",
            )
        ],
        [{"feature": "product", "op": "=", "value": "framed_print"}],
    )
    facts.prompt_sections = {
        "Turnaround": ["Framed prints: 10 working days."],
        "Refunds": ["Use `refund`; the money reaches the customer's card within 5 working days."],
    }
    old = "Prints reach you within five working days (one working week) of your order."
    new = "Prints reach you within ten working days (two working weeks) of your order."
    # "five working days (two working weeks)" would say two turnarounds at once
    assert with_kept_values(facts, old, new, "text") is None


# a share ending its clause after a verb of paying, a percentage in words ----------------


def test_a_share_right_after_a_verb_of_paying_is_found_and_moved() -> None:
    old = "If they cancel a week ahead, refund 75% of the ticket price."
    new = "If they cancel a week ahead, refund 50% of the ticket price."
    move = _move(old, new, "Cancelling")
    kb = "Cancel a week ahead of your crossing and we refund three quarters."
    assert rewrite_sentence(move, kb) == kb.replace("three quarters", "half")
    kept = "If you cancel a week ahead, we keep a quarter, and the rest comes back to you."
    assert [m.group(0) for m in where_stated("25%", kept)] == ["a quarter"]
    # a quarter of something other than money, or a share going on to a noun, is none
    assert where_stated("25%", "We keep a quarter of an hour free between crossings.") == []
    assert where_stated("75%", "We refund three quarters of our customers within a day.") == []


def test_a_percentage_in_words_or_per_cent_is_the_same_value() -> None:
    move = _move(
        "Take a deposit of 20% when they book.", "Take a deposit of 30% when they book.", "Deposits"
    )
    for said, written in (
        ("We take a twenty per cent deposit when you book.", "thirty per cent"),
        ("A 20 per cent deposit is taken when you book.", "30 per cent"),
        ("A deposit of twenty percent (20%) is due when you book.", "thirty percent (30%)"),
    ):
        [found] = where_stated(move.old, said)
        assert rewrite_sentence(move, said) == said.replace(found.group(0), written)
    # the same percentage as a discount, another topic: not the deposit's rule
    assert not states_old_rule(move, "Members get twenty per cent off every crossing.")


def test_a_list_item_keying_the_value_is_found_and_its_value_moved() -> None:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Who can join", SKI_OLD, SKI_NEW, "…")],
        [{"feature": "skier_age", "op": "between", "low": 5, "high": 6}],
        title="no longer calls book_lesson",
    )
    body = (
        "# Group lessons\n\n## The essentials\n\n- Minimum age: 5\n- Class size: 5\n"
        "- Lesson length: 2 hours\n"
    )
    kb = KnowledgeBase([kb_item("essentials", body)])
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    assert [c.sentence for c in impact.conflicts] == ["- Minimum age: 5"]
    said = TemplateDrafter().edit(facts, impact).new_body
    assert said == body.replace("- Minimum age: 5", "- Minimum age: 6")


# a loose hour in a clause naming its half of the day; other values away from the moved one --


def test_a_loose_hour_takes_the_half_of_the_day_its_clause_names() -> None:
    assert [
        t.hour for t in find_clock_times("The ferry leaves at eight o'clock every evening.")
    ] == [20.0]
    assert [t.hour for t in find_clock_times("Breakfast is served from seven o'clock.")] == [7.0]
    assert [
        t.hour for t in find_clock_times("Quiet hours start at ten o'clock at night-time.")
    ] == [22.0]
    assert [
        t.hour for t in find_clock_times("Matinees start at half past two on weekday afternoons.")
    ] == [14.5]
    # a clause that only leans to a half ("early", "late") or names both leaves it open
    assert find_clock_times("The gates open at six o'clock for the early tour.") == []
    assert find_clock_times("We close early, at four o'clock, on Fridays.") == []
    assert find_clock_times("Mornings and evenings alike, the shuttle stops at nine o'clock.") == []
    # another time's own part of the day is no word of the clause's
    [start, end] = find_clock_times("from nine in the morning until six o'clock")
    assert (start.hour, end.hour) == (9.0, 18.0)


def test_an_hour_in_the_other_half_of_the_day_is_no_statement_of_the_old_one() -> None:
    move = _move("The pool opens at 7am on weekdays.", "The pool opens at 8am on weekdays.")
    evening = "The pool closes at seven o'clock every evening."
    assert where_stated("7am", evening) == []
    assert rewrite_sentence(move, evening) in (None, evening)
    morning = "The pool opens at seven o'clock every morning."
    assert rewrite_sentence(move, morning) == morning.replace("seven", "eight")
    assert where_stated("6pm", "Doors open at six o'clock for the early swim.") == []
    # a new time in the evening of an evening clause keeps its words
    [said] = find_clock_times("The pool closes at seven o'clock every evening.")
    assert written_like(20.0, said) == "eight o'clock"
    assert written_like(8.0, said) == "8am"


def test_a_quarter_or_half_past_before_a_noun_is_no_time() -> None:
    assert find_clock_times("Feed the kitten a quarter to 4 cup of food.") == []
    assert find_clock_times("Add half past 2 spoons.") == []
    assert [t.hour for t in find_clock_times("Last orders at a quarter to 4 on Sundays.")] == [
        15.75
    ]
    assert [t.hour for t in find_clock_times("Doors shut at half past five.")] == [17.5]


def test_the_other_values_alone_put_a_sentence_on_the_topic_only_in_the_moved_span() -> None:
    move = _move(
        "Our ticket desk is open Monday to Friday: 9am to 6pm.",
        "Our ticket desk is open Monday to Friday: 9am to 8pm.",
    )
    spanned = "You can reach us 9 till 6 on weekdays."
    assert states_old_rule(move, spanned)
    # the same values elsewhere in a sentence are another rule's that happen to agree
    apart = "Deliveries run weekdays from 9am, with the last van leaving at 6pm."
    assert other_values_said(move, apart, set()) == 0
    assert not states_old_rule(move, apart)
    # with one shared word of the topic, the other values count wherever they are
    desk = "The ticket desk takes calls weekdays from 9am, and the last call is at 6pm."
    assert states_old_rule(move, desk)


def test_only_the_moved_spans_own_other_end_counts_not_a_later_one() -> None:
    move = _move("Monday to Friday: 9am to 6pm", "Monday to Friday: 9am to 8pm")
    # the second "9" (Saturday's span) is no end of the moved span: the weekdays beside it count
    said = "We're at the desk 9 till 6 on weekdays and 9 till 1 on Saturdays."
    assert other_values_said(move, said, set()) == 2
    assert states_old_rule(move, said)
