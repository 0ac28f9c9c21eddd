"""A rule split into two bands: a vet clinic handed every pet whose symptoms started less than
48 hours ago to the duty nurse; now 24 to 47 hours get an urgent slot booked and only under 24
hours go to the nurse. Paired with the booking sentence, the hand-off's words would get the
booking's band ("less than 48 hours" → "24 to 47 hours"); the move KB text on the hand-off
follows is the one of the added sentence that still hands over (48 hours → 24 hours)."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves
from behaviordiff.drafting.splitband import kept_action_rules

OLD = (
    "If the symptoms started less than 48 hours ago, do not book an appointment yourself: "
    "pass the chat to the duty nurse with `escalate_to_nurse`."
)
BOOKING = "If the symptoms started 24 to 47 hours ago, book an urgent slot with `book_appointment`."
HANDOFF = (
    "If the symptoms started less than 24 hours ago, do not book an appointment yourself: "
    "pass the chat to the duty nurse with `escalate_to_nurse`."
)
KB = "As the symptoms started less than 48 hours ago, I've passed your chat to our duty nurse."


def _rules(added: str) -> list[Rule]:
    return [
        Rule("H1", "sentence_changed", "Urgent care", OLD, BOOKING, "sentence changed"),
        Rule("H2", "sentence_added", "Urgent care", None, added, "sentence added"),
    ]


def test_the_old_action_moves_with_the_added_sentence_that_keeps_it() -> None:
    paired = kept_action_rules(_rules(HANDOFF))
    assert [(rule.old, rule.new) for rule in paired] == [(OLD, HANDOFF), (None, HANDOFF)]
    [move] = [move for move in rule_moves(paired) if move.kind == "value"]
    assert (move.old, move.new) == ("48 hours", "24 hours")
    assert rewrite_sentence(move, KB) == KB.replace("48 hours", "24 hours")


def test_the_differ_pairing_alone_gives_the_old_action_the_other_band() -> None:
    """What the pairing above avoids: the booking's band in the hand-off's words."""
    moves = [move for move in rule_moves(_rules(HANDOFF)) if move.kind == "value"]
    assert moves and moves[0].new_sentence == BOOKING


def test_no_added_sentence_with_the_old_tools_keeps_the_pairing() -> None:
    other = HANDOFF.replace("`escalate_to_nurse`", "`send_triage_form`")
    rules = _rules(other)
    assert kept_action_rules(rules) == rules
    same_tools = [Rule("H1", "sentence_changed", "Urgent care", OLD, HANDOFF, "changed")]
    assert kept_action_rules(same_tools) == same_tools
