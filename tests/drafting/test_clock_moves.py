"""A rule bounded by a time of day moves like one bounded by an amount: a stationery shop's
same-day dispatch, for orders placed "before 11am", now reaches orders placed "before 1pm".
The KB sentences on dispatch get the new time in their own style ("11 a.m." → "1 p.m.",
"11:00" → "13:00"); a sentence about another rule of the prompt that still states the old
time (gift wrapping "until 11am the day before") and the shop's opening hours are left alone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from behaviordiff.detect.clocktimes import read_clock_time
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule, condition_words
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import kept_elsewhere, rewrite_sentence, rule_moves, still_stating
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "Orders placed before 11am are dispatched the same day with `dispatch_order`; later "
    "orders go out on the next working day."
)
NEW = OLD.replace("11am", "1pm")
WRAPPING = "Gift wrapping can be added to an order until 11am the day before it is dispatched."
OPENING = "Our shop on Mill Street is open from 9am to 5pm."

ARTICLE = """# Dispatch times

- Orders placed before 11 a.m. are dispatched the same day.
- Orders placed after 11 a.m. are dispatched on the next working day.
- Gift wrapping can be added until 11 a.m. the day before your order is dispatched.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour order came in before 11:00, so it is "
    "dispatched today.\n\n{{current_user.first_name}}"
)
HOURS = "Hi {{ticket.requester.first_name}},\n\nOur Mill Street shop is open from 9am to 5pm."


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="dispatch_order(day=next_working_day) → dispatch_order(day=today)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "11 <= order_hour < 13",
                    "atoms": [
                        {
                            "feature": "order_hour",
                            "op": "between",
                            "low": 11.0,
                            "high": 13.0,
                            "low_inclusive": True,
                            "high_inclusive": False,
                        }
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[Rule("H1", "sentence_changed", "Dispatch", OLD, NEW, "sentence changed")],
    )
    facts.moves = rule_moves(facts.rules)
    facts.still_stated = still_stating(facts.moves, {"Dispatch": [NEW, WRAPPING, OPENING]})
    return facts


def test_a_moved_time_is_one_move_not_its_digits() -> None:
    facts = _facts()
    assert [(m.old, m.new, m.kind) for m in facts.moves] == [("11am", "1pm", "value")]
    # the condition's bounds are the moved times on the 24-hour clock
    assert facts.explained_by_moves
    assert facts.still_stated == [WRAPPING]


@pytest.mark.parametrize(
    ("kb", "rewritten"),
    [
        ("Order before 11am for same-day dispatch.", "Order before 1pm for same-day dispatch."),
        (
            "Order before 11 a.m. for same-day dispatch.",
            "Order before 1 p.m. for same-day dispatch.",
        ),
        ("Order before 11 AM for same-day dispatch.", "Order before 1 PM for same-day dispatch."),
        ("Order before 11:00 for same-day dispatch.", "Order before 13:00 for same-day dispatch."),
        (
            "Order before 11.00am for same-day dispatch.",
            "Order before 1.00pm for same-day dispatch.",
        ),
    ],
)
def test_the_new_time_is_written_in_each_sentences_style(kb: str, rewritten: str) -> None:
    [move] = _facts().moves
    assert rewrite_sentence(move, kb) == rewritten


def test_a_sentence_on_another_rule_that_still_states_the_old_time_is_kept() -> None:
    facts = _facts()
    [move] = facts.moves
    wrap = "Gift wrapping can be added until 11 a.m. the day before your order is dispatched."
    assert kept_elsewhere(move, wrap, facts.still_stated)
    same_day = "Orders placed before 11 a.m. are dispatched the same day."
    assert not kept_elsewhere(move, same_day, facts.still_stated)


def test_only_the_dispatch_sentences_are_edited() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("dispatch", ARTICLE, "article"),
            kb_item("dispatched-today", MACRO, "macro"),
            kb_item("opening-hours", HOURS, "macro"),
        ]
    )
    edits = {
        impact.item.id: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert sorted(edits) == ["dispatch", "dispatched-today"]
    assert edits["dispatch"].new_body == ARTICLE.replace(
        "before 11 a.m. are", "before 1 p.m. are"
    ).replace("after 11 a.m. are", "after 1 p.m. are")
    assert edits["dispatched-today"].new_body == MACRO.replace("11:00", "13:00")


def test_a_draft_may_state_the_new_time_in_any_style_but_no_other_time() -> None:
    """An LLM's draft that writes "13:00" where the prompt says "1pm" states the evidence's
    time; "2pm" is in no evidence and is caught, and the digits of a time are no numbers of
    their own ("00" of "13:00")."""
    grounding = Grounding([NEW, "11 <= order_hour < 13"])
    assert grounding.check("Orders placed before 13:00 now go out the same day.").ok
    assert grounding.check("Orders placed from 11 a.m. and before 1 p.m. go out today.").ok
    report = grounding.check("Orders placed before 2pm now go out the same day.")
    assert report.problems == ["states the time 2pm, which is not in the evidence or the diff"]


def test_a_note_bounds_a_time_of_day_as_the_prompt_writes_times() -> None:
    facts = _facts()
    assert facts.when() == "conversations with order time from 11am and before 1pm"
    [atom] = facts.conditions[0].atoms
    # no time in the prompt sentences: the 24-hour clock, never "11 hours"
    assert condition_words([atom]) == "conversations with order time from 11:00 and before 13:00"
    placed = replace(atom, feature="placed_hour", op="<=", value=12.5, low=None, high=None)
    like = read_clock_time("2 p.m.")
    assert condition_words([placed], clock=like) == "conversations placed until 12:30 p.m."
