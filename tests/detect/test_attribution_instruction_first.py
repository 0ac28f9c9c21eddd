"""A tool added to the config and the prompt sentence that tells the agent to use it: a garage
that used to pass courtesy-car requests to the front desk now books the car itself with a new
`book_courtesy_car` tool. The config hunk that declares the tool and the rewritten sentence
both name it; the sentence is the rule (who gets the car, what they are told), so it leads,
whichever hunk id or score tie-break would put the declaration first."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange
from behaviordiff.diffing.model import Hunk, VersionDiff

RULE = Hunk(
    "H7",
    "sentence_changed",
    "system.md",
    section="Courtesy cars",
    old="Courtesy cars: pass the request to the front desk with `handoff_to_desk` (reason "
    "courtesy_car) and tell the driver the desk will call back within 1 working day.",
    new="Courtesy cars: book one straight away with `book_courtesy_car` (date, branch) and tell "
    "the driver it is reserved now.",
    removed_words=("pass", "request", "front", "desk", "handoff_to_desk", "call", "back"),
    added_words=("book", "straight", "away", "book_courtesy_car", "reserved", "now"),
)
DECLARED = Hunk(
    "H13",
    "tool_added",
    "agent.yaml",
    key="book_courtesy_car",
    new={
        "name": "book_courtesy_car",
        "description": "Book a courtesy car for the driver at once.",
        "parameters": {"type": "object", "properties": {"date": {}, "branch": {}}},
    },
)
OTHER = Hunk(
    "H8",
    "sentence_changed",
    "system.md",
    section="Tyres",
    old="Tyres are fitted within 2 working days.",
    new="We fit tyres within 2 working days.",
    removed_words=("are", "fitted"),
    added_words=("we", "fit"),
)


def _change() -> BehaviorChange:
    return BehaviorChange(
        "C1",
        "handoff_to_desk → book_courtesy_car(branch=leeds)",
        ["p1", "p2", "p3"],
        ["actions", "escalation"],
        "actions",
        before=["handoff_to_desk(reason=courtesy_car)"],
        after=["book_courtesy_car(branch=leeds)"],
    )


def test_the_sentence_telling_the_agent_to_use_an_added_tool_leads_its_declaration() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [RULE, OTHER, DECLARED])
    ranked = attribute(_change(), {}, diff)
    ids = [item.hunk_id for item in ranked]
    assert ids[0] == "H7"
    assert "H13" in ids


def test_a_declared_tool_no_prompt_sentence_names_keeps_its_place() -> None:
    silent = Hunk(
        "H7",
        "sentence_changed",
        "system.md",
        section="Courtesy cars",
        old=RULE.old,
        new="Courtesy cars: book one straight away and tell the driver it is reserved now.",
        removed_words=RULE.removed_words,
        added_words=("book", "straight", "away", "reserved", "now"),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [silent, OTHER, DECLARED])
    ranked = attribute(_change(), {}, diff)
    assert ranked[0].hunk_id == "H13"
