"""A fee waived past a line, said for the case it still holds in without claiming it for every
one of the thing: a made-up hotel charged "$30 for each room move after the first, however early
the guest asks"; now "Room moves made 48 hours or more before arrival are free" (`moves_used >=
1 and hours_to_arrival >= 48`: `move_room` fee_usd 30 -> 0). "Every room move", "any move after
the first", "each further move" say one move ("a room move"), and a case said after the
sentence's last clause is a condition ("… after the first if made less than 48 hours before
arrival"), never a phrase hung on its last noun ("the first made less than …")."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import waived_facts

OLD_FEE = "Each room move after the first costs a $30 move fee, however early the guest asks."
NEW_FEE = "Inside 48 hours, each further room move costs a $30 move fee."
OLD_FREE = "The first room move is free."
NEW_FREE = "Room moves made 48 hours or more before arrival are free, as often as asked."
CASE = "made less than 48 hours before arrival"
CHARGED = (
    "Dear {{ticket.requester.name}},\n\nYour new room is ready. As you have moved rooms once "
    "already, a $30 fee is on your bill, as it is for any room move after the first.\n\n"
    "Front desk"
)
ARTICLE = (
    "# Moving rooms\n\nYour first room move is free. After that, every room move costs $30, "
    "no matter how early you ask.\n\nLate checkout costs $30 too.\n"
)
NEXT_TIME = (
    "Dear {{ticket.requester.name}},\n\nDone! For next time: each further room move is $30, "
    "whenever you ask.\n\nFront desk"
)


def _facts() -> ChangeFacts:
    return waived_facts(
        tag="move",
        used="lookup_stay.moves_used",
        window="lookup_stay.hours_to_arrival",
        bound=48,
        call="move_room",
        arg="fee_usd",
        amount=30.0,
        title="Room move fee ($30) no longer charged",
        section="Rooms",
        told="That's $30.",
        free=(OLD_FREE, NEW_FREE),
        fee=(OLD_FEE, NEW_FEE),
    )


def _edits() -> dict[str, str | None]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Rooms::Moved again", CHARGED, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Moving rooms", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "3", "Rooms::Moved", NEXT_TIME, "text", "kb", "m"),
        ]
    )
    facts = _facts()
    drafter = TemplateDrafter()
    return {
        impact.item.key: drafter.edit(facts, impact).new_body
        for impact in rank_items(facts, kb)
        if impact.conflicts
    }


def test_a_case_after_the_last_clause_is_a_condition_of_one_move() -> None:
    assert _edits()["macro:1"] == CHARGED.replace(
        "as it is for any room move after the first.",
        f"as it is for a room move after the first if {CASE}.",
    )


def test_every_and_each_say_one_move_when_the_claim_clause_goes() -> None:
    edits = _edits()
    assert edits["article:2"] == ARTICLE.replace(
        "every room move costs $30, no matter how early you ask.",
        f"a room move costs $30 if {CASE}.",
    )
    assert edits["macro:3"] == NEXT_TIME.replace(
        "each further room move is $30, whenever you ask.", f"a further room move is $30 if {CASE}."
    )
