"""A requirement dropped for a case: the removed "do not call the tool yet" sentence names the
tool and outscores the rest, but the cause is its neighbour that dropped what the old version
asked the customer for first (an agent in another domain: a headphone shop's repairs)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

WIDENED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Faulty headphones",
    old="If the customer has sent their receipt, book a free repair with `book_repair`.",
    new="Book a free repair with `book_repair` right away.",
    removed_words=("If", "the", "customer", "has", "sent", "their", "receipt,", "book"),
    added_words=("Book", "right", "away"),
)
ASK_DROPPED = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Faulty headphones",
    old="If they have not, ask them to send their receipt first.",
    new="There is no need to ask for a receipt.",
    removed_words=("If", "they", "have", "not,", "them", "to", "send", "their", "first"),
    added_words=("There", "is", "no", "need", "for", "a"),
)
HOLD_BACK = Hunk(
    "H3",
    "sentence_removed",
    "system.md",
    section="Faulty headphones",
    old="Do not call `book_repair` yet.",
)
OTHER_SECTION = Hunk(
    "H4",
    "sentence_changed",
    "system.md",
    section="Gift cards",
    old="Ask them for the card number before checking a balance.",
    new="Ask them for the card number and the PIN before checking a balance.",
    removed_words=(),
    added_words=("and", "the", "PIN"),
)


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, "Could you send us your receipt first?") for i in range(3)]
    new = [signature(i, "I've booked a free repair for you.") for i in range(3)]
    return {"p1": ProbeSamples("p1", old, new)}


def _started() -> BehaviorChange:
    return BehaviorChange(
        "C1", "now calls book_repair", ["p1"], ["actions"], "actions", after=["book_repair"]
    )


def test_the_dropped_ask_comes_before_the_hold_back_that_names_the_tool() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [WIDENED, ASK_DROPPED, HOLD_BACK])
    ranked = attribute(_started(), _samples(), diff)
    assert ranked[0].hunk_id == "H2"
    assert [item.hunk_id for item in ranked][1] == "H3"
    # its own words only share terms with the old replies: the hold-back beside it links it
    assert "drops what the old version asked for before the tool (H3 held it back)" in (
        ranked[0].reasons
    )


def test_a_hold_back_with_no_dropped_ask_beside_it_stays_first() -> None:
    # its neighbour in another section asks for something too: no rule it is the tail of
    diff = VersionDiff("v1", "v2", "a", "b", [WIDENED, OTHER_SECTION, HOLD_BACK])
    assert attribute(_started(), _samples(), diff)[0].hunk_id == "H3"
    # a neighbour that still asks for it dropped nothing
    kept = Hunk(
        "H2",
        "sentence_changed",
        "system.md",
        section="Faulty headphones",
        old=ASK_DROPPED.old,
        new="If they have not, ask them to send their receipt or an order email first.",
        removed_words=(),
        added_words=("or", "an", "order", "email"),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [WIDENED, kept, HOLD_BACK])
    assert attribute(_started(), _samples(), diff)[0].hunk_id == "H3"
