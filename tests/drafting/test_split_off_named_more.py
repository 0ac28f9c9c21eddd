"""A sentence naming what the changed prompt sentence no longer speaks of (the fare, the fee,
the card of a refund the new sentence replaces with a hand-off) is about that subject, even
when it shares two words with the new sentence ("refund", "within"): its "5 days" is not the
hand-off's "3 working days" (made-up domain: a rail operator's refunds)."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import split_off
from tests.drafting.kit import moved_facts

OLD = (
    "When a passenger asks for a refund for a cancelled train, refund it straight away: call "
    "`refund_ticket` (booking_ref) and tell them the fare and the booking fee go back to their "
    "card within 5 days."
)
NEW = (
    "When a passenger asks for a refund for a cancelled train, don't refund it yourself: pass "
    "it to the claims team with `escalate_to` (booking_ref) and tell them the claims team will "
    "reply within 3 working days."
)
RULES = [Rule("H1", "sentence_changed", "Refunds", OLD, NEW, "sentence changed")]
ATOMS = [{"feature": "train_status", "op": "=", "value": "cancelled"}]


def _move():  # type: ignore[no-untyped-def]
    facts = moved_facts(RULES, ATOMS, title="now hands cancelled-train refunds to claims")
    moves = [move for move in facts.moves if move.kind == "value"]
    assert moves, facts.moves
    return facts, moves[0]


def test_a_sentence_naming_the_refund_split_off_is_not_the_hand_offs_time() -> None:
    facts, move = _move()
    sentence = "The fare and the booking fee will be back on your card within 5 days of a refund."
    assert split_off(facts, move, sentence)


def test_a_sentence_saying_the_rule_the_new_way_is_not_split_off() -> None:
    facts, move = _move()
    # shares the hand-off's words more than the refund's
    sentence = "For a cancelled train refund, the claims team will reply within 5 days."
    assert not split_off(facts, move, sentence)
