"""A rank moved in a prompt sentence (a theatre: a free cushion from the 5th row back, now
from the 8th): the move reads the ordinal whole ("5th" → "8th", not "5 th"), a KB sentence
stating it is rewritten although it counts something else in words ("two of our ushers"), and
a note quoting a reply quotes what the new reply says otherwise, not the sentences both
replies give."""

from __future__ import annotations

from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves
from behaviordiff.drafting.template import _changed_reply

OLD = "If the guest sits in the 5th row or further back, offer a free cushion."
NEW = "If the guest sits in the 8th row or further back, offer a free cushion."
KB = "From the 5th row back, two of our ushers will bring you a free cushion."


def test_the_rank_moves_whole_and_is_rewritten() -> None:
    moves = rule_moves([Rule("H1", "sentence_changed", "Seats", OLD, NEW, "…")])
    assert [(move.old, move.new) for move in moves] == [("5th", "8th")]
    assert rewrite_sentence(moves[0], KB) == KB.replace("5th", "8th")


def test_a_quoted_reply_keeps_to_what_changed() -> None:
    facts = ChangeFacts(
        id="C1",
        title="replies differently",
        kind="meaning",
        facets=["meaning"],
        probe_ids=["p1"],
        rules=[Rule("H1", "sentence_changed", "Seats", OLD, NEW, "…")],
        excerpts=[
            Excerpt(
                "p1",
                "Hi Sam, thanks for asking. A free cushion is yours in the 6th row. "
                "Doors open at 7pm.",
                "Hi Sam, happy to help. The free cushion is only from the 8th row back. "
                "Doors open at 7pm.",
            )
        ],
    )
    assert _changed_reply(facts) == "The free cushion is only from the 8th row back."
