"""Price bands re-cut by a bare value the KB writes in words or as a span (made-up domains: a
language school whose smallest class band grows from 6 to 8 students, a removals firm whose
free-packing band grows from 3 to 4 rooms). The prompt moves "up to 6" and "over 6 and up to
12" together; the KB says "up to six students", "From six to twelve students …" and "Between
six and twelve …" and tables the bands in figures: every one of them moves, the band's other
bound ("twelve") stays, and a number in words the prompt never states still leaves the
sentence to a writer."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.drafters import kept_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import (
    RuleMove,
    moves_for,
    rewrite_sentence,
    rule_moves,
    states_bound,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

CLASSES = [
    Rule(
        "H1",
        "sentence_changed",
        "Class prices",
        "Up to 6 students in the class (6 included): $40 per hour, book with `book_class`.",
        "Up to 8 students in the class (8 included): $40 per hour, book with `book_class`.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Class prices",
        "Over 6 students and up to 12 students: $30 per hour.",
        "Over 8 students and up to 12 students: $30 per hour.",
        "sentence changed",
    ),
]

ARTICLE = """# Class prices

## How much is a class?

The price goes by the size of the class, never by the level. Classes of up to six students \
cost $40 an hour. Between six and twelve students it's $30 an hour, and beyond twelve it's $25.

| Class size | Price per hour |
| --- | --- |
| Up to 6 students | $40 |
| Over 6 students, up to 12 students | $30 |
| Over 12 students | $25 |

## Can I bring a friend?

Yes, for a $30 trial hour. Bring up to twelve pages of your own writing.
"""


def _moves() -> list[RuleMove]:
    return rule_moves(CLASSES)


def test_the_moved_value_spelled_in_words_is_rewritten_in_words() -> None:
    [free, *_] = _moves()
    assert (
        rewrite_sentence(free, "Classes of up to six students cost $40 an hour.")
        == "Classes of up to eight students cost $40 an hour."
    )
    # glossed by its digits, both move; the other side said in words moves with it
    assert (
        rewrite_sentence(free, "Up to six (6) students: $40.") == "Up to eight (8) students: $40."
    )
    assert (
        rewrite_sentence(free, "Six students or fewer pay $40; seven or more pay $30.")
        == "Eight students or fewer pay $40; nine or more pay $30."
    )


def test_a_span_from_the_old_line_to_a_kept_bound_moves_its_old_end_only() -> None:
    moves = _moves()
    sentence = "From six to twelve students it's $30 an hour, whatever the level."
    [move] = moves_for(moves, sentence)
    # the prompt sentence whose other values the span states too (12, $30)
    assert move.old_sentence == CLASSES[1].old
    assert rewrite_sentence(move, sentence) == (
        "From eight to twelve students it's $30 an hour, whatever the level."
    )
    between = "Between six and twelve students it's $30 an hour, and beyond twelve it's $25."
    [move] = moves_for(moves, between)
    assert rewrite_sentence(move, between) == between.replace("six", "eight")


def test_a_number_in_words_the_prompt_does_not_state_still_goes_to_a_writer() -> None:
    [free, *_] = _moves()
    # "twenty" is no bound of the prompt's rule: it may restate the old value's consequence
    assert rewrite_sentence(free, "Up to six students, twenty pages of notes each.") is None


def test_a_span_naming_the_old_line_states_it() -> None:
    [free, *_] = _moves()
    assert states_bound(free, "From six to twelve students it's $30 an hour.")
    assert states_bound(free, "Between 6 and 12 students, $30 an hour.")
    assert states_bound(free, "Between two and six students, it's $40 an hour.")
    # the value alone after "from" with no other end, or a span of other numbers, is none
    assert not states_bound(free, "Open from 6 until late.")
    assert not states_bound(free, "Between 10 and 12 students, it's $30 an hour.")


def test_every_sentence_and_row_of_the_re_cut_bands_is_rewritten_and_the_rest_kept() -> None:
    facts = moved_facts(
        CLASSES,
        [
            {
                "feature": "lookup_class.students",
                "op": "between",
                "low": 6,
                "high": 8,
                "low_inclusive": False,
                "high_inclusive": True,
            }
        ],
    )
    knowledge = KnowledgeBase([kb_item("class-prices", ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        ARTICLE.replace("up to six students", "up to eight students")
        .replace("Between six and twelve", "Between eight and twelve")
        .replace("| Up to 6 students |", "| Up to 8 students |")
        .replace("| Over 6 students, up to 12", "| Over 8 students, up to 12")
    )


REMOVALS = [
    Rule(
        "H1",
        "sentence_changed",
        "Packing",
        "Homes of up to 3 rooms: packing is free.",
        "Homes of up to 4 rooms: packing is free.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Packing",
        "Over 3 rooms and up to 7 rooms: packing is £120.",
        "Over 4 rooms and up to 7 rooms: packing is £120.",
        "sentence changed",
    ),
]

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour move is booked. Packing is free for homes of "
    "up to three rooms. From three to seven rooms it's £120, and bigger homes pay £200.\n\n"
    "Our crew can also take up to seven boxes to the tip for £120.\n\nThe Removals Team"
)


def test_a_macro_in_words_gets_both_band_sentences_moved_and_the_same_fee_elsewhere_kept() -> None:
    facts = moved_facts(
        REMOVALS,
        [
            {
                "feature": "lookup_home.rooms",
                "op": "between",
                "low": 3,
                "high": 4,
                "low_inclusive": False,
                "high_inclusive": True,
            }
        ],
    )
    knowledge = KnowledgeBase([kb_item("5101", MACRO, kind="macro", title="Move booked")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == MACRO.replace("up to three rooms", "up to four rooms").replace(
        "From three to seven", "From four to seven"
    )


def test_a_model_edit_keeping_the_old_span_is_refused() -> None:
    # the drafting model gets the same conflicts: moving "up to three rooms" alone and keeping
    # "From three to seven rooms" leaves the old band stated
    facts = moved_facts(
        REMOVALS,
        [
            {
                "feature": "lookup_home.rooms",
                "op": "between",
                "low": 3,
                "high": 4,
                "low_inclusive": False,
                "high_inclusive": True,
            }
        ],
    )
    knowledge = KnowledgeBase([kb_item("5101", MACRO, kind="macro", title="Move booked")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    half = MACRO.replace("up to three rooms", "up to four rooms")
    [problem] = kept_conflicts(facts, impact, half, template_body)
    assert "From three to seven rooms it's £120" in problem
    assert kept_conflicts(facts, impact, template_body or "", template_body) == []


def test_a_span_of_times_of_day_is_no_line() -> None:
    # a café's cut-off for same-day cake orders moved 2pm -> 4pm; "from 2pm to 6pm" are the
    # counter's hours, not the cut-off
    [move] = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Cakes",
                "Cake orders placed before 2pm are ready the same day.",
                "Cake orders placed before 4pm are ready the same day.",
                "sentence changed",
            )
        ]
    )
    assert not states_bound(move, "The cake counter is staffed from 2pm to 6pm.")
    assert states_bound(move, "Cake orders after 2pm are ready the next day.")


def _valet_facts(second: tuple[tuple[str, float, float], ...]) -> ChangeFacts:
    # a car valeting firm's collection fee on each size of car it books
    return ChangeFacts(
        id="C1",
        title="collection_fee_gbp moved",
        kind="actions",
        facets=["actions"],
        probe_ids=["v1", "v2", "v3"],
        moved=[
            MovedValue(
                ActionFact("book_valet", (("size", "small"),)),
                "collection_fee_gbp",
                (("v1", 12.0, 0.0), ("v2", 12.0, 0.0)),
            ),
            MovedValue(ActionFact("book_valet", (("size", "van"),)), "collection_fee_gbp", second),
            MovedValue(
                ActionFact("book_valet", (("size", "estate"),)),
                "collection_fee_gbp",
                (("v3", 12.0, 0.0),),
            ),
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "distance in (3, 6]",
                    "atoms": [band_atom("lookup_address.distance", 3, 6)],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        others=8,
    )


def test_one_argument_moving_the_same_way_on_each_kind_of_a_call_is_said_once() -> None:
    note = TemplateDrafter().note(_valet_facts((("v4", 12.0, 0.0),)), [], None)
    assert "moved too" not in note.after
    # another move of it on another kind is still said
    note = TemplateDrafter().note(_valet_facts((("v4", 12.0, 6.0),)), [], None)
    assert note.after.count("moved too") == 1
    assert "£12.00 → £6.00" in note.after
