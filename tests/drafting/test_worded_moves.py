"""A rule whose number is written in words moves like one in digits: a language school's free
course switch, asked for "at least three days" before the course starts, now needs "a week".
The KB's sentences that state the old notice, in words or digits and from either side of the
line, are rewritten the way each wrote it; a sentence about something else that shares the
words ("three days a week") is left alone."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "A student who asks at least three days before the course starts may switch course for "
    "free with `switch_course`; with less notice, switching costs $30."
)
NEW = (
    "A student who asks at least a week before the course starts may switch course for "
    "free with `switch_course`; with less notice, switching costs $30."
)

ARTICLE = """# Switching course

Ask at least three days before your course starts and you can switch course for free. With
less than three days' notice, switching course costs $30.

## Timetable

Evening courses run three days a week, and every course starts on a Monday.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou asked 3 days or more before the course starts, "
    "so you can switch course for free.\n\n{{current_user.first_name}}"
)
TIMETABLE = "Hi {{ticket.requester.first_name}},\n\nOur evening courses run three days a week."


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="no longer calls switch_course",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "3 <= days_before_start < 7",
                    "atoms": [
                        {
                            "feature": "days_before_start",
                            "op": "between",
                            "low": 3.0,
                            "high": 7.0,
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
        rules=[Rule("H1", "sentence_changed", "Switching", OLD, NEW, "sentence changed")],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_a_notice_in_words_is_a_value_move() -> None:
    facts = _facts()
    assert [(m.old, m.new, m.kind) for m in facts.moves] == [("three days", "a week", "value")]
    # the condition's bounds are the moved amounts, in the variable's unit (days)
    assert facts.explained_by_moves


def test_each_sentence_gets_the_new_notice_the_way_it_wrote_the_old() -> None:
    [move] = _facts().moves
    assert (
        rewrite_sentence(move, "With less than three days' notice, switching costs $30.")
        == "With less than a week's notice, switching costs $30."
    )
    assert (
        rewrite_sentence(move, "Ask 3 days or more before the course starts.")
        == "Ask 7 days or more before the course starts."
    )
    assert rewrite_sentence(move, "Give us a 3-day notice.") == "Give us a 7-day notice."
    assert rewrite_sentence(move, "Switching is free for the first week.") is None


def test_the_kb_items_stating_the_old_notice_are_rewritten_and_the_rest_kept() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("switching", ARTICLE, "article"),
            kb_item("switched", MACRO, "macro"),
            kb_item("timetable", TIMETABLE, "macro"),
        ]
    )
    edits = {
        impact.item.id: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert sorted(edits) == ["switched", "switching"]
    assert edits["switching"].new_body == ARTICLE.replace(
        "at least three days before", "at least a week before"
    ).replace("less than three days' notice", "less than a week's notice")
    assert "three days a week" in (edits["switching"].new_body or "")
    assert edits["switched"].new_body == MACRO.replace("3 days or more", "7 days or more")


def test_a_draft_may_state_the_new_notice_in_another_form_than_the_prompt() -> None:
    """An LLM's draft that writes "7 days" or "one week" where the prompt says "a week" states
    the evidence's amount; another amount is still caught."""
    grounding = Grounding([NEW])
    assert grounding.check("Ask at least 7 days before your course starts.").ok
    assert grounding.check("Ask at least one week before your course starts.").ok
    assert grounding.check("Ask at least 168 hours before your course starts.").ok
    report = grounding.check("Ask at least 10 days before your course starts.")
    assert report.problems == ["states duration 10 days, which is not in the evidence or the diff"]


@pytest.mark.parametrize(
    ("old", "new", "kb", "rewritten"),
    [
        # words to digits and back, each sentence in its own style
        (
            "within 48 hours",
            "within three days",
            "a reply within 48 hours",
            "a reply within 72 hours",
        ),
        ("within 48 hours", "within three days", "a 48-hour reply", "a 72-hour reply"),
        (
            "within 48 hours",
            "within three days",
            "a reply within two days",
            "a reply within three days",
        ),
        ("up to twice a year", "up to three times a year", "twice a year", "three times a year"),
        # "an hour" is not read inside "half an hour"
        (
            "within half an hour",
            "within an hour",
            "back within half an hour",
            "back within an hour",
        ),
        (
            "within an hour",
            "within half an hour",
            "back within an hour",
            "back within half an hour",
        ),
        (
            "within an hour",
            "within half an hour",
            "back within 60 minutes",
            "back within 30 minutes",
        ),
        # digits in another unit than the prompt's, or with a possessive, keep their form
        ("within 2 years", "within 3 years", "within 24 months", "within 36 months"),
        ("within 1 week", "within 2 weeks", "within 7 days", "within 14 days"),
        ("within 2 years", "within 3 years", "2 years' cover", "3 years' cover"),
        # a heading's capitals stay
        ("at least a week ahead", "at least 10 days ahead", "A Week's Notice", "Ten Days' Notice"),
    ],
)
def test_an_amount_moves_in_the_form_each_sentence_gives_it(
    old: str, new: str, kb: str, rewritten: str
) -> None:
    [move] = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Hire",
                f"Refund the bike deposit {old} of the booking.",
                f"Refund the bike deposit {new} of the booking.",
                "sentence changed",
            )
        ]
    )
    assert rewrite_sentence(move, f"Bike deposit refunds: {kb} of the booking.") == (
        f"Bike deposit refunds: {rewritten} of the booking."
    )
