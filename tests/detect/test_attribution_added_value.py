"""Of two changed sentences that newly draw the line of a category condition, the one adding
the category value itself is the cause; the other only rewords a refusal to say a word of the
variable's name (an agent in another domain: a ferry that used to carry cars, vans and
motorbikes only and now carries bicycles too, `vehicle_type in {bicycle}`; the refusal for any
other vehicle now says "name the type of vehicle we carry" where it said "the vehicles")."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

SECTION = "Booking a crossing"
ADDED_VALUE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old="We carry cars, vans and motorbikes.",
    new="We carry cars, vans, motorbikes and bicycles.",
    removed_words=("and",),
    added_words=(",", "and", "bicycles"),
)
DROPPED = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old="We don't carry any other vehicle, including bicycles.",
    new="We don't carry any other vehicle.",
    removed_words=(",", "including", "bicycles"),
)
REWORDED = Hunk(
    "H3",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old="If a passenger wants to bring another vehicle, explain kindly that we can't carry it, "
    "name the vehicles we carry, and do not book a crossing.",
    new="If a passenger wants to bring another vehicle, explain kindly that we can't carry it, "
    "name the type of vehicle we carry, and do not book a crossing.",
    removed_words=("vehicles",),
    added_words=("type", "of", "vehicle"),
)


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1", "now calls book_crossing", ["p1", "p2", "p3"], ["actions"], "actions",
        before=[], after=["book_crossing"],
    )  # fmt: skip
    change.conditions = [
        Condition.from_dict(
            {
                "text": "vehicle_type = bicycle",
                "atoms": [{"feature": "vehicle_type", "op": "=", "value": "bicycle"}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 9},
            }
        )
    ]
    return change


def _samples() -> dict[str, ProbeSamples]:
    def signature(probe: str, sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature(probe, sample, (), False, False, frozenset(), text)

    old = "Sorry, we can't carry that type of vehicle: we carry cars, vans and motorbikes."
    new = "Your crossing with your bicycle is booked for Friday at 9am."
    return {
        probe: ProbeSamples(
            probe,
            [signature(probe, i, old) for i in range(3)],
            [signature(probe, i, new) for i in range(3)],
        )
        for probe in ("p1", "p2", "p3")
    }


def _diff() -> VersionDiff:
    return VersionDiff("v1", "v2", "a", "b", [ADDED_VALUE, DROPPED, REWORDED])


def test_the_sentence_adding_the_value_leads_the_one_naming_the_variable() -> None:
    ranked = attribute(_change(), _samples(), _diff())
    assert ranked[0].hunk_id == "H1"
    assert any(reason.startswith("limits the rule to bicycle") for reason in ranked[0].reasons)


def test_the_reworded_refusal_still_draws_the_line_without_a_value() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [DROPPED, REWORDED])
    ranked = attribute(_change(), _samples(), diff)
    assert ranked[0].hunk_id == "H3"
