"""Counts a KB says in words: "a couple of sessions", and "Two at most." under its question.

Seen on a motorcycle school's agent (set BM, after its held-out run): learners could have at
most 2 on-road lessons a week and now 3. The planning article said "a couple of sessions in a
week is as much as anyone's concentration can take, so we never book a third lesson into the
same week" (flagged, no text: "a couple" could not take the new count), and the booking Q&A
answered "How many lessons can I have in a week?" with "Two at most." (not found: an answer
opening with a number in words was not read with its question).
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.answers import short_answer
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence

_MOVE = RuleMove(
    "H1",
    "A learner can have at most 2 on-road lessons in any one week (Monday to Sunday).",
    "A learner can have at most 3 on-road lessons in any one week (Monday to Sunday).",
    "2",
    "3",
    "value",
)


def test_a_couple_takes_the_new_count_in_words() -> None:
    raw = (
        "Riding is tiring, and a couple of sessions in a week is as much as anyone's "
        "concentration can take, so we never book a third lesson into the same week."
    )
    assert rewrite_sentence(_MOVE, raw) == (
        "Riding is tiring, and three sessions in a week is as much as anyone's "
        "concentration can take, so we never book a fourth lesson into the same week."
    )


@pytest.mark.parametrize("answer", ["Two at most.", "Three weeks.", "A couple, at most."])
def test_an_answer_opening_with_a_count_in_words_is_short(answer: str) -> None:
    assert short_answer(answer)


@pytest.mark.parametrize(
    "sentence",
    ["Two of our instructors will ride with you.", "One day a week is set aside for tests."],
)
def test_a_sentence_of_its_own_is_no_short_answer(sentence: str) -> None:
    assert not short_answer(sentence)


def test_the_motorbike_school_drafts(tmp_path_factory: pytest.TempPathFactory) -> None:

    from tests.conftest import run_scenario, scenario_edits

    found, _project = run_scenario(
        tmp_path_factory.mktemp("motorbike"), "motorbike-lessons-three-a-week"
    )
    edits = scenario_edits(found)
    planning = " ".join(edits["article:8830101"]["new_body"].split())
    assert "three sessions in a week" in planning and "never book a fourth lesson" in planning
    # the old number on other facts stays
    assert "one instructor to no more than 2 learners" in planning
    questions = edits["article:8830102"]["new_body"]
    assert "## How many lessons can I have in a week?\n\nThree at most." in questions
    assert "Yes, we text a reminder 3 days before each lesson." in questions
