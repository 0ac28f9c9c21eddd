"""Of several sentences moving the condition's bound, the one stating it as the rule leads over
an instruction that restates it to say what to pass a tool of the change, which scores more
only for naming the tool. Made-up agents: a ferry whose under-4s sailed free and now under-2s
(the booking instruction's "child fares (ages 4 to 12)" moved too); a gallery whose members'
guest passes covered up to 3 guests, now up to 2. Traps: an instruction that is the only
sentence moving the bound, and a rule sentence that moves no bound (it only shares words)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff

RULE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Fares",
    old="Children under 4 sail free and need no ticket.",
    new="Children under 2 sail free and need no ticket.",
    removed_words=("4",),
    added_words=("2",),
)
INSTRUCTION = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Booking",
    old="To book, call `book_crossing` with the adults, child fares (ages 4 to 12) and infants "
    "(who sail free), and tell the customer the booking total.",
    new="To book, call `book_crossing` with the adults, child fares (ages 2 to 12) and infants "
    "(who sail free), and tell the customer the booking total.",
    removed_words=("4",),
    added_words=("2",),
)
WORDS_ONLY = Hunk(
    "H3",
    "sentence_changed",
    "system.md",
    section="Fares",
    old="Children sail with an adult.",
    new="Children always sail with an adult on the booking.",
    removed_words=(),
    added_words=("always", "on", "the", "booking"),
)


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "book_crossing: children 0 → 1; infants 1 → 0",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=["book_crossing(children=0, infants=1)"],
        after=["book_crossing(children=1, infants=0)"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "2 <= child_age < 4",
                "atoms": [
                    {
                        "feature": "child_age",
                        "op": "between",
                        "low": 2,
                        "high": 4,
                        "low_inclusive": True,
                        "high_inclusive": False,
                    }
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 10},
            }
        )
    ]
    return change


def _ranked(*hunks: Hunk) -> list[str]:
    diff = VersionDiff("v1", "v2", "a", "b", list(hunks))
    return [item.hunk_id for item in attribute(_change(), {}, diff)]


def test_the_rule_moving_the_bound_leads_over_the_tool_instruction() -> None:
    assert _ranked(INSTRUCTION, RULE)[:2] == ["H1", "H2"]
    assert _ranked(RULE, INSTRUCTION)[:2] == ["H1", "H2"]


def test_the_instruction_leads_when_it_alone_moves_the_bound() -> None:
    assert _ranked(WORDS_ONLY, INSTRUCTION)[0] == "H2"


GALLERY_RULE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Membership",
    old="Members can bring up to 3 guests free on each visit.",
    new="Members can bring up to 2 guests free on each visit.",
    removed_words=("3",),
    added_words=("2",),
)
GALLERY_INSTRUCTION = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Tickets",
    old="Issue tickets with `issue_tickets`: guests (up to 3 free per member) and paid guests.",
    new="Issue tickets with `issue_tickets`: guests (up to 2 free per member) and paid guests.",
    removed_words=("3",),
    added_words=("2",),
)


def test_a_count_moved_in_a_rule_and_in_a_tool_instruction() -> None:
    change = BehaviorChange(
        "C1",
        "issue_tickets: paid_guests 0 → 1",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=["issue_tickets(paid_guests=0)"],
        after=["issue_tickets(paid_guests=1)"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "guests > 2",
                "atoms": [{"feature": "guests", "op": ">", "value": 2}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 10},
            }
        )
    ]
    diff = VersionDiff("v1", "v2", "a", "b", [GALLERY_INSTRUCTION, GALLERY_RULE])
    assert [item.hunk_id for item in attribute(change, {}, diff)][:2] == ["H1", "H2"]
