"""A window or a date the KB says in other words than the prompt, in made-up domains unlike
any scenario's:

- a ski school whose last lesson date at one resort moves ("Alpine resort 12 April; Valley
  resort 5 April" → Alpine 19 April): the KB says the date as "12 Apr" in the resort's table
  row, "the 12th" in prose naming no month, "April 12th" in a macro; a count of 12 and the
  other resort's date stay, and the date moves in place, with no aside for the resort its
  line was already about;
- a bike hire whose swaps, once allowed "at any time until the hire ends", are now allowed
  within 2 days of collecting the bike: the KB says the open window up to the event in its
  own words ("until you bring it back", "right up to the last day", "any time before your
  hire ends"); a denial, a window with a number and another verb's window stay.
"""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.daymonth import (
    day_month_statements,
    day_month_written_like,
    read_day_month,
)
from behaviordiff.drafting.deniedbound import denied_bounds
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves, where_stated
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item


def _said(value: str, text: str, bare: bool = False) -> list[str]:
    return [found.group(0) for found in day_month_statements(value, text, bare=bare)]


def test_a_day_of_the_year_is_read_in_every_shape() -> None:
    assert read_day_month("12 April") == read_day_month("Apr 12th")
    assert read_day_month("12 April 2027") is None
    assert read_day_month("12") is None
    assert _said("12 April", "| Alpine | 12 Apr |") == ["12 Apr"]
    assert _said("12 April", "Ride with us until April 12th, then rest.") == ["April 12th"]
    assert _said("12 April", "Book by the 12th of April.") == ["12th of April"]
    assert _said("12 April", "Book by the 12th, and we'll hold your skis.", bare=True) == [
        "the 12th"
    ]


def test_a_number_a_rank_or_another_month_is_no_such_date() -> None:
    assert _said("12 April", "Groups of 12 riders get a private instructor.") == []
    assert _said("12 April", "Meet at the 12th lift station.") == []
    assert _said("12 April", "Lessons start on the 3rd of March; book by the 12th.", True) == []
    assert _said("12 April", "The pass runs to 12 April 2027.") == []


def test_a_moved_date_is_written_in_the_shape_the_kb_used() -> None:
    def moved(text: str) -> list[str | None]:
        return [
            day_month_written_like("19 April", found)
            for found in day_month_statements("12 April", text, bare=True)
        ]

    assert moved("| 12 Apr |") == ["19 Apr"]
    assert moved("until April 12th") == ["April 19th"]
    assert moved("by the 12th, please") == ["the 19th"]
    assert moved("the 12th of April") == ["19th of April"]
    # a bare day of the month is read only on request: alone it may be any monthly day
    assert where_stated("12 April", "until the 12th.") == []


OLD = "Last lesson dates: Alpine resort 12 April; Valley resort 5 April."
NEW = "Last lesson dates: Alpine resort 19 April; Valley resort 5 April."


def _ski_facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Season", OLD, NEW, "sentence changed")]
    facts = ChangeFacts(
        id="C1",
        title="Alpine resort: last lesson 12 April → 19 April",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "resort = alpine and 12 < lesson_day <= 19",
                    "atoms": [
                        {"feature": "resort", "op": "=", "value": "alpine"},
                        {
                            "feature": "lesson_day",
                            "op": "between",
                            "low": 12,
                            "high": 19,
                            "low_inclusive": False,
                            "high_inclusive": True,
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=rules,
        removed_promises=[Promise("date", "12 April")],
        added_promises=[Promise("date", "19 April")],
    )
    facts.moves = rule_moves(rules)
    return facts


TABLE = (
    "# Season dates\n\nCheck the last lesson date for your resort.\n\n"
    "| Resort | Last lesson |\n|---|---|\n| Alpine | 12 Apr |\n| Valley | 5 Apr |\n\n"
    "Groups of 12 riders get a private instructor.\n"
)
PROSE = (
    "# Booking lessons\n\nAt the Alpine resort, book by the 12th, and we'll hold your skis.\n\n"
    "Groups of 12 riders get a private instructor.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking about the end of the season! "
    "Your last lesson can be as late as April 12th. Valley riders finish on 5 April.\n"
)


def _edited(item_body: str, kind: str = "article", title: str | None = None) -> str | None:
    facts = _ski_facts()
    item = kb_item("season", item_body, kind, title)
    affected = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    if not affected:
        return None
    return TemplateDrafter().edit(facts, affected[0]).new_body


def test_the_resorts_row_and_prose_take_the_new_date_in_their_own_shape() -> None:
    assert _edited(TABLE) == TABLE.replace("| Alpine | 12 Apr |", "| Alpine | 19 Apr |")
    # a bare "the 12th" is not read as the date: the sentence may be on another day of the
    # month than the moved one
    assert _edited(PROSE) is None


def test_a_macro_takes_the_date_in_its_own_shape_and_the_other_resorts_stays() -> None:
    said = _edited(MACRO, "macro", "Lessons::Last lesson dates")
    assert said == MACRO.replace("as late as April 12th", "as late as April 19th")


OLD_SWAP = "Riders can swap their bike at any time until the hire ends."
NEW_SWAP = (
    "Riders can swap their bike within 2 days of collecting it, as long as the hire hasn't ended."
)
WINDOW = "within 2 days of collecting it, as long as the hire hasn't ended"


def _swap():
    [bound] = denied_bounds([(OLD_SWAP, NEW_SWAP)], [])
    return bound


def test_an_open_window_up_to_an_event_is_read_in_the_kbs_words() -> None:
    bound = _swap()
    assert bound.window == WINDOW
    for said, written in [
        (
            "You can swap your bike for another, until you bring it back to us.",
            f"You can swap your bike for another, {WINDOW}.",
        ),
        (
            "Swap bikes right up to the last day, either in the shop or by phone.",
            f"Swap bikes {WINDOW}, either in the shop or by phone.",
        ),
        ("- Swaps: any time before your hire ends", f"- Swaps: {WINDOW}"),
    ]:
        assert bound.states(said), said
        assert bound.rewritten(said) == written


def test_a_denial_a_number_or_another_verbs_window_stays() -> None:
    bound = _swap()
    assert not bound.states("You can't swap a bike once the hire has ended.")
    assert not bound.states("You can swap your bike until 6pm on the day.")
    assert not bound.states("Helmets can be borrowed until you bring the bike back.")


OLD_LESSON = "Customers can change their booking at any time until the lesson starts."
NEW_LESSON = "Customers can change their booking up to 24 hours before the lesson starts."


def _lesson():
    [bound] = denied_bounds(
        [(OLD_LESSON, NEW_LESSON)],
        ["Customers can update their contact details at any time."],
    )
    return bound


def test_a_window_on_the_verb_alone_another_noun_or_not_governed_by_the_verb_stays() -> None:
    bound = _lesson()
    for said in [
        "You can change your password at any time from your account page.",
        "You can change your instructor any time until the course ends.",
        "We'll hold your booking until you change it.",
        "You can change your marketing preferences up to the day you unsubscribe.",
    ]:
        assert not bound.states(said), said


def test_a_window_up_to_the_start_of_what_the_rule_is_about_is_read() -> None:
    bound = _lesson()
    said = "You can change your booking right up to the start of your lesson."
    assert bound.states(said)
    assert bound.rewritten(said) == (
        "You can change your booking up to 24 hours before the lesson starts."
    )
    assert bound.states("Bookings can be changed until the lesson starts.")
    assert not bound.states("You can change your booking right up to the end of the season.")


def test_a_bare_day_of_the_month_on_another_subject_is_not_the_moved_date() -> None:
    fees = (
        "# Booking lessons\n\nAt the Alpine resort, lesson fees are taken on the 12th, when we "
        "send your receipt.\n"
    )
    assert _edited(fees) is None
    assert where_stated("12 April", "Lesson fees are taken on the 12th, with your receipt.") == []


def test_a_lower_case_month_word_after_a_number_is_no_date() -> None:
    assert where_stated("3 May", "Orders of 3 may take longer to pack.") == []
    assert where_stated("1 March", "Groups of 1 march at the front.") == []
    assert _said("3 May", "Courses end on 3 May.") == ["3 May"]
    assert _said("3 May", "Courses end on 3 MAY.") == ["3 MAY"]


def test_the_prompts_gloss_of_the_new_window_is_left_out() -> None:
    [bound] = denied_bounds(
        [
            (
                "Guests can move their table at any time until the kitchen closes.",
                "Guests can move their table within 2 hours (120 minutes) of booking it, as long "
                "as the kitchen is open.",
            )
        ],
        [],
    )
    assert bound.window == "within 2 hours of booking it, as long as the kitchen is open"
