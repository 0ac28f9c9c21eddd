"""Two prompt sentences of one hunk state the same moved value (a gym's free class switch
moved from 6 to 3 hours: "with 3 hours' notice or more, move the class" and "with less than
3 hours' notice, the class is charged"). The note of the conversations now charged quotes the
sentence their new replies say, not the first one of the hunk."""

from __future__ import annotations

from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting.facts import Rule, relevant_rule
from tests.drafting.kit import band_atom, moved_facts

MOVE_OLD = "If the member switches with 6 hours' notice or more, move the class for free."
MOVE_NEW = "If the member switches with 3 hours' notice or more, move the class for free."
FEE_OLD = "If the member switches with less than 6 hours' notice, the class is charged in full."
FEE_NEW = "If the member switches with less than 3 hours' notice, the class is charged in full."


def test_the_rule_the_new_replies_say_is_quoted() -> None:
    rules = [
        Rule("H1", "sentence_changed", "Switching", MOVE_OLD, MOVE_NEW, "sentence changed"),
        Rule("H1", "sentence_changed", "Switching", FEE_OLD, FEE_NEW, "sentence changed"),
    ]
    facts = moved_facts(rules, [band_atom("hours_until", 0, 3)])
    facts.excerpts = [
        Excerpt(
            "p1",
            "Sorry, with under 6 hours to go the class is charged in full.",
            "Sorry, with under 3 hours to go the class is charged in full.",
        ),
    ]
    rule = relevant_rule(facts, ["3 hours"])
    assert rule is not None and rule.new == FEE_NEW
    facts.excerpts = [
        Excerpt("p1", "That class is charged.", "Done, I've moved your class for free.")
    ]
    rule = relevant_rule(facts, ["3 hours"])
    assert rule is not None and rule.new == MOVE_NEW
