"""A value a tool's schema lost beside a prompt sentence saying it in words (a barber no longer
takes walk-ins: `book_chair`'s `channel` enum loses `walk_in`): the sentence is the rule a
writer wants, the schema hunk its enforcement, so the sentence comes first, even though it
still names the tool for the channels left (no exception clause)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import Atom, BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

OLD = "Book the customer's chosen slot with `book_chair`."
NEW = (
    "We no longer take walk-ins: if a customer wants to walk in, say so, offer an online or "
    "phone booking, and only call `book_chair` once they pick one."
)
SENTENCE = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Booking",
    old=OLD,
    new=NEW,
    removed_words=("Book", "the", "customer's", "chosen", "slot", "with"),
    added_words=tuple(NEW.replace("`book_chair`", "").split()),
)
SCHEMA = Hunk(
    "H4",
    "tool_changed",
    "agent.yaml",
    key="book_chair.parameters.properties.channel.enum[2]",
    old="walk_in",
)


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, "Booked: come along at 3pm and we'll seat you.") for i in range(3)]
    new = [
        signature(i, "Sorry, we can't seat drop-ins now; shall I book online?") for i in range(3)
    ]
    return {"p1": ProbeSamples("p1", old, new)}


def _change(value: str = "walk_in") -> BehaviorChange:
    change = BehaviorChange(
        "C1", "no longer calls book_chair", ["p1"], ["actions"], "actions", before=["book_chair"]
    )
    atom = Atom("channel", "=", value)
    change.conditions = [Condition(f"channel = {value}", (atom,), 1, 1, 0, 4)]
    return change


def test_the_sentence_saying_the_lost_value_comes_before_the_schema() -> None:
    ranked = attribute(_change(), _samples(), VersionDiff("v1", "v2", "a", "b", [SCHEMA, SENTENCE]))
    assert [item.hunk_id for item in ranked][:2] == ["H2", "H4"]


def test_a_sentence_not_saying_the_value_stays_an_exception_after_it() -> None:
    other = Hunk(
        "H2",
        "sentence_changed",
        "system.md",
        section="Booking",
        old=OLD,
        new="Book members' slots with `book_chair`.",
        removed_words=("the", "customer's", "chosen"),
        added_words=("members'",),
    )
    ranked = attribute(_change(), _samples(), VersionDiff("v1", "v2", "a", "b", [SCHEMA, other]))
    assert [item.hunk_id for item in ranked][:2] == ["H4", "H2"]


def test_a_lost_value_the_condition_does_not_name_keeps_the_schema_first() -> None:
    """The condition's customers are another group (beard trims): the schema's lost value is
    what the change takes from them, not the option they chose, and ranks where it did."""
    diff = VersionDiff("v1", "v2", "a", "b", [SCHEMA, SENTENCE])
    ranked = attribute(_change("beard_trim"), _samples(), diff)
    assert [item.hunk_id for item in ranked][:2] == ["H4", "H2"]
