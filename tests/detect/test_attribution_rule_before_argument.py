"""A moved argument's rule said in two sentences of one item: a bike hire that used to lend
helmets free now charges for them ("Helmets are lent free of charge." → "Helmet hire costs €3
per day.") and tells the agent what to pass ("Book with helmet_fee 0." → "Book with helmet_fee
3 and tell the rider the helmet charge."). The instruction moved the argument's number, but the
sentence stating the amount with its unit is the rule the rider is told: it leads."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, MovedArgument, MovedProbeValue
from behaviordiff.diffing.model import Hunk, VersionDiff


def _rule(new: str, old: str = "Helmets are lent free of charge.") -> Hunk:
    return Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        section="Helmets",
        old=old,
        new=new,
        removed_words=("are", "lent", "free", "of", "charge"),
        added_words=("hire", "costs", "€", "3", "per", "day"),
        continued=("Book with helmet_fee 3 and tell the rider the helmet charge.",),
    )


INSTRUCTION = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Helmets",
    old="Book with helmet_fee 0.",
    new="Book with helmet_fee 3 and tell the rider the helmet charge.",
    removed_words=("0",),
    added_words=("3", "and", "tell", "the", "rider", "the", "helmet", "charge"),
)
OTHER = Hunk(
    "H3",
    "sentence_changed",
    "system.md",
    section="Opening",
    old="The shop opens at 9am.",
    new="The shop opens at 8am.",
    removed_words=("9am",),
    added_words=("8am",),
)


def _change() -> BehaviorChange:
    return BehaviorChange(
        "C1",
        "book_bike: helmet_fee 0 → 3",
        ["p0", "p1"],
        ["actions"],
        "actions",
        before=["book_bike(helmet_fee=0)"],
        after=["book_bike(helmet_fee=3)"],
        moved_arguments=[
            MovedArgument(
                call="book_bike",
                name="book_bike",
                argument="helmet_fee",
                ratio=None,
                difference=None,
                values=(MovedProbeValue("p0", 0, 3), MovedProbeValue("p1", 0, 3)),
            )
        ],
    )


def _ranked(rule: Hunk) -> list[str]:
    diff = VersionDiff("v1", "v2", "a", "b", [rule, INSTRUCTION, OTHER])
    return [item.hunk_id for item in attribute(_change(), {}, diff)]


def test_the_amount_told_to_the_customer_leads_the_argument_to_pass() -> None:
    assert _ranked(_rule("Helmet hire costs €3 per day."))[:2] == ["H1", "H2"]
    assert _ranked(_rule("Helmets now cost 3 euros for the whole hire."))[:2] == ["H1", "H2"]


def test_a_neighbour_without_the_amount_and_its_unit_stays_behind() -> None:
    # a bare 3 is no amount the rider is told; a sentence naming the argument is an instruction
    assert _ranked(_rule("Helmets: 3 sizes, all now charged."))[0] == "H2"
    assert _ranked(_rule("Helmet hire costs €3 per day (helmet_fee).")).index("H2") == 0
