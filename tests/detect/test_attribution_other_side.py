"""An added sentence that calls the stopped tool for the other side of the change's yes/no
condition keeps the old call for others; the sentence for the change's own side is the cause (an
agent in another domain: a gym that now asks members without a signed health form to send one
before a first personal-training session is booked)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import Atom, BehaviorChange, Condition
from behaviordiff.detect.otherbranch import opens_on_other_side
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

OLD_RULE = "Book any training session straight away with `book_session` and confirm the time."
NARROWED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Personal training",
    old=OLD_RULE,
    new="Returning members: book straight away with `book_session` and confirm the time.",
    removed_words=("Book", "any", "training", "session"),
    added_words=("Returning", "members", "book"),
)
OWN_SIDE = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Personal training",
    new="New members: if the health form is not signed, do not book yet.",
)
ASK = Hunk(
    "H3",
    "sentence_added",
    "system.md",
    section="Personal training",
    new="Ask the member to sign and send the health form first; book once it is signed.",
)
OTHER_SIDE = Hunk(
    "H4",
    "sentence_added",
    "system.md",
    section="Personal training",
    new="If it is signed, book straight away with `book_session` and confirm the time.",
)
SIGNED = Atom("health_form_signed", "=", False)


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, "You're booked in for Monday at 6pm. See you then!") for i in range(3)]
    new = [
        signature(i, "Before I book, please sign and send us the health form; it is not signed.")
        for i in range(3)
    ]
    return {"p1": ProbeSamples("p1", old, new)}


def _stopped() -> BehaviorChange:
    condition = Condition("health_form_signed = false", (SIGNED,), 1, 1, 0, 4)
    return BehaviorChange(
        "C1",
        "no longer calls book_session",
        ["p1"],
        ["actions"],
        "actions",
        before=["book_session"],
        conditions=[condition],
    )


def test_the_call_kept_for_the_other_side_is_not_the_cause() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [NARROWED, OWN_SIDE, ASK, OTHER_SIDE])
    ranked = attribute(_stopped(), _samples(), diff)
    assert ranked[0].hunk_id == "H2"
    assert "keeps the call for the other side of the condition" in next(
        item.reasons for item in ranked if item.hunk_id == "H4"
    )


def test_only_a_clause_stating_the_other_value_of_the_yes_no_atom() -> None:
    assert opens_on_other_side("If it is signed, book it.", [SIGNED])
    assert not opens_on_other_side("If it isn't signed, ask for it.", [SIGNED])
    assert opens_on_other_side(
        "If the form is not signed, ask for it.", [Atom("health_form_signed", "=", True)]
    )
    # no opening clause, another variable, or no yes/no atom
    assert not opens_on_other_side("Book it if it is signed.", [SIGNED])
    assert not opens_on_other_side("If they are a member, book it.", [SIGNED])
    assert not opens_on_other_side("If it is signed, book it.", [Atom("plan", "=", "gold")])
