"""A time-of-day window that opens later for one category only: a leisure centre's pool lanes
open at 7am instead of 6am, the gym floor still at 6am. The change is the move itself (the
condition `area = pool and slot_hour < 7` is bounded by the new start), so the KB sentences
stating the old start are what is wrong: the pool's row of a table gets "07:00" and the gym's
row keeps "06:00"; "from 6am" reads "from 7am", "six in the morning" "seven in the morning";
the sentence saying we book the slot stays true from 7am and is never replaced."""

from __future__ import annotations

from dataclasses import replace

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.checks import kb_text_problems, moved_rule_in_place_problems
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, sentence_conflict
from behaviordiff.drafting.rules import kb_rule, rewrite_sentence, rule_moves, still_stating
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Pool: a lifeguard opens the lanes for booked swims from 6am until 10pm."
NEW = OLD.replace("6am", "7am")
GYM = "Gym floor: the doors open from 6am until 10pm."
ADDED = (
    "We can't book a pool slot before 7am: offer 7am instead, or the gym floor, which opens at 6am."
)

ARTICLE = """# Opening hours

We have two areas at the Riverside centre. Here's when each one is open:

| Area | What you can do | Hours | Price |
|---|---|---|---|
| Gym floor | Weights and cardio machines | 06:00 to 22:00 | £5 |
| Pool | Lane swimming, booked swims only | 06:00 to 22:00 | £6 |

## How early can I swim?

Our lifeguards open the pool lanes from 6am, so you can swim before work.
Tell us the time you want in chat and we'll book your slot.

## Is there parking?

Yes, 40 free spaces behind the building.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour swim is booked for "
    "{{ticket.custom_field_slot_time}}. Our lifeguards open the pool lanes from six in the "
    "morning, every day.\n\nSee you soon,\n{{current_user.first_name}}"
)
GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThe gym floor opens from 6am every day; no booking "
    "needed.\n\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="no longer calls book_slot",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "area = pool and slot_hour < 7",
                    "atoms": [
                        {"feature": "area", "op": "=", "value": "pool"},
                        {"feature": "slot_hour", "op": "<", "value": 7.0},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        before_actions=[ActionFact("book_slot")],
        rules=[
            Rule("H1", "sentence_changed", "Opening hours", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Opening hours", None, ADDED, "sentence added"),
        ],
    )
    facts.moves = rule_moves(facts.rules)
    facts.still_stated = still_stating(facts.moves, {"Opening hours": [NEW, GYM, ADDED]})
    return facts


def _edits(facts: ChangeFacts) -> dict[str, str | None]:
    knowledge = KnowledgeBase(
        [
            kb_item("opening-hours", ARTICLE, "article"),
            kb_item("swim-booked", MACRO, "macro"),
            kb_item("gym-hours", GYM_MACRO, "macro"),
        ]
    )
    return {
        impact.item.id: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }


def test_a_start_moved_later_is_the_change_itself() -> None:
    """`slot_hour < 7`: the band below the new start, bounded by the moved time."""
    assert _facts().explained_by_moves


def test_a_close_moved_earlier_is_the_change_itself() -> None:
    """The other side: last orders at 8pm instead of 10pm, `order_hour >= 20`."""
    old = "Kitchen: we take food orders from noon until 10pm."
    facts = ChangeFacts(
        id="C1",
        title="no longer calls place_order",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "order_hour >= 20",
                    "atoms": [{"feature": "order_hour", "op": ">=", "value": 20.0}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        others=6,
        rules=[
            Rule("H1", "sentence_changed", "Kitchen", old, old.replace("10pm", "8pm"), "changed")
        ],
    )
    facts.moves = rule_moves(facts.rules)
    assert facts.explained_by_moves


def test_a_sentence_saying_we_take_the_booking_stays_true_from_the_new_start() -> None:
    facts = _facts()
    booked = "Tell us the time you want in chat and we'll book your slot."
    assert sentence_conflict(facts, booked) == ()
    assert sentence_conflict(
        facts, "Our lifeguards open the pool lanes from 6am, so you can swim before work."
    )


def test_the_category_row_and_the_sentences_get_the_new_start_in_their_own_format() -> None:
    edits = _edits(_facts())
    assert sorted(edits) == ["opening-hours", "swim-booked"]
    assert edits["opening-hours"] == ARTICLE.replace(
        "| Lane swimming, booked swims only | 06:00", "| Lane swimming, booked swims only | 07:00"
    ).replace("lanes from 6am", "lanes from 7am")
    assert edits["swim-booked"] == MACRO.replace("from six in the", "from seven in the")


@pytest.mark.parametrize(
    ("kb", "rewritten"),
    [
        ("The lanes open from 6am.", "The lanes open from 7am."),
        ("The lanes open from 6 a.m.", "The lanes open from 7 a.m."),
        ("The lanes open from 06:00.", "The lanes open from 07:00."),
        ("The lanes open at six in the morning.", "The lanes open at seven in the morning."),
        ("The lanes open at Six in the morning.", "The lanes open at Seven in the morning."),
        (
            "The lanes open at 6 o'clock in the morning.",
            "The lanes open at 7 o'clock in the morning.",
        ),
    ],
)
def test_the_old_start_is_one_value_however_the_kb_writes_it(kb: str, rewritten: str) -> None:
    [move] = [m for m in _facts().moves if m.hunk_id == "H1"]
    assert rewrite_sentence(move, kb) == rewritten


def test_a_start_spelled_in_words_moves_like_one_in_figures() -> None:
    """ "six in the morning" → "seven in the morning" in the prompt: the hour variable's bound 7
    is the new start, so the change is the move."""
    facts = _facts()
    spelled = [
        Rule(
            "H1",
            "sentence_changed",
            "Opening hours",
            OLD.replace("6am", "six in the morning"),
            OLD.replace("6am", "seven in the morning"),
            "sentence changed",
        )
    ]
    facts.rules = spelled
    facts.moves = rule_moves(spelled)
    assert [(m.old, m.new) for m in facts.moves] == [("six in the morning", "seven in the morning")]
    assert facts.explained_by_moves
    assert rewrite_sentence(facts.moves[0], "The lanes open from 06:00.") == (
        "The lanes open from 07:00."
    )


def _unexplained() -> ChangeFacts:
    """The same move, with a condition that names the area alone (every pool probe was an
    early one): the action's sentence conflicts too, beside the sentences stating 6am."""
    facts = _facts()
    condition = facts.conditions[0]
    facts.conditions = [replace(condition, atoms=condition.atoms[:1], text="area = pool")]
    return facts


def test_a_sentence_stating_no_old_value_never_gets_the_prompt_rule_in_its_place() -> None:
    facts = _unexplained()
    assert not facts.explained_by_moves
    booked = "Tell us the time you want in chat and we'll book your slot."
    [impact] = [
        impact
        for impact in rank_items(facts, KnowledgeBase([kb_item("opening-hours", ARTICLE)]))
        if impact.affected
    ]
    assert booked in {conflict.sentence for conflict in impact.conflicts}
    restated = "For pool, a lifeguard opens the lanes for booked swims from 7am until 10pm."
    problems = kb_text_problems(facts, impact, ARTICLE.replace(booked, restated))
    assert any("states none of the old values (6am)" in problem for problem in problems)
    # the value changed where the article states it is no such edit; beside it, the
    # sentence that states no value still may not take the rule
    in_place = ARTICLE.replace("lanes from 6am", "lanes from 7am")
    assert not moved_rule_in_place_problems(facts, impact, in_place)
    assert moved_rule_in_place_problems(facts, impact, in_place.replace(booked, restated))
    # the template flags the item and says why it left that sentence
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "“" + booked + "” state none of its old values" in edit.rationale


def test_a_rule_about_a_named_product_restates_as_a_statement_under_its_name() -> None:
    """ "one of our …" states a fact, it is no instruction for "we"; a name keeps its case."""
    found = kb_rule(
        "Valet Parking: one of our attendants takes the keys at the front desk from 7am."
    )
    assert found is not None
    assert found.sentence == (
        "For Valet Parking, one of our attendants takes the keys at the front desk from 7am."
    )
    members = kb_rule("Members who ask to cancel: offer 3 months at half price.")
    assert members is not None and members.sentence.startswith("For members who ask")
