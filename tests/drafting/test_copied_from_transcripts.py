"""`copied_from_transcripts` reads the evidence once per change and answers every sentence as
it did when it read the replies anew for each one."""

from __future__ import annotations

from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting.checks import copied_from_transcripts
from behaviordiff.drafting.facts import ChangeFacts

SET_LINE = "Loaner bikes go back to the depot by Friday noon."


def _facts(*excerpts: Excerpt) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_loaner added",
        kind="actions",
        facets=["actions"],
        probe_ids=[excerpt.probe_id for excerpt in excerpts],
        excerpts=list(excerpts),
    )


def _evidence() -> ChangeFacts:
    return _facts(
        Excerpt("q1", "We can't lend a bike, sorry.", f"Booked! {SET_LINE} Enjoy the ride."),
        Excerpt("q2", "", f"All set — {SET_LINE}"),
        Excerpt("q3", "We can’t lend a bike, sorry.", f"{SET_LINE} The helmet is included."),
        Excerpt("q4", "No loaners this week.", ""),
    )


def test_each_sentence_gets_the_count_of_conversations_that_say_it() -> None:
    facts = _evidence()
    answers = {
        sentence: copied_from_transcripts(facts, sentence)
        for sentence in [
            SET_LINE,  # every new reply that says anything says it: the set line
            "loaner bikes go back to the depot, by Friday noon!",  # the same, other casing
            "We can't lend a bike, sorry.",  # two old replies, one with a curly apostrophe
            "Enjoy the ride.",
            "The helmet is included",
            "No loaners this week.",  # an old reply only; its new reply is empty
            "Bikes are lent for free.",  # nobody says it
            "…",  # no words at all
            "depot by Fri",  # not a run of whole words
        ]
    }
    assert answers == {
        SET_LINE: 0,
        "loaner bikes go back to the depot, by Friday noon!": 0,
        "We can't lend a bike, sorry.": 2,
        "Enjoy the ride.": 1,
        "The helmet is included": 1,
        "No loaners this week.": 1,
        "Bikes are lent for free.": 0,
        "…": 0,
        "depot by Fri": 0,
    }


def test_evidence_changed_after_a_check_is_read_anew() -> None:
    facts = _evidence()
    assert copied_from_transcripts(facts, SET_LINE) == 0
    facts.excerpts[1] = Excerpt("q2", "", "All set, see you Friday.")
    # no longer every new reply's line: two conversations of four said it
    assert copied_from_transcripts(facts, SET_LINE) == 2
    assert copied_from_transcripts(_facts(facts.excerpts[0]), SET_LINE) == 1
