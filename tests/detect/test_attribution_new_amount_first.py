"""A co-edited sentence naming the tool leads no more when it states none of the moved
argument's new values: a gym that gave locker keys free now charges for a replacement key after
the first ("Locker keys are free." → "Your first locker key is free; each replacement key costs
£8."), and the instruction naming the tool only lost its "with a fee of 0" (its continuation
keeps 0 for the others). The sentence now stating £8 is the rule the members are told: it
leads. An instruction that states the new value itself keeps its place."""

from __future__ import annotations

from behaviordiff.detect.attribution import _new_amount_first, attribute
from behaviordiff.detect.model import Attribution, BehaviorChange, MovedArgument, MovedProbeValue
from behaviordiff.diffing.model import Hunk, VersionDiff

RULE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Lockers",
    old="Locker keys are free.",
    new="Your first locker key is free; each replacement key costs £8.",
    removed_words=("keys", "are"),
    added_words=("your", "first", "each", "replacement", "key", "costs", "£8"),
)


def _instruction(new: str, continued: tuple[str, ...]) -> Hunk:
    return Hunk(
        "H2",
        "sentence_changed",
        "system.md",
        section="Lockers",
        old="Issue a key with `issue_key` (member, fee) with a fee of 0, and say it's free.",
        new=new,
        removed_words=("with", "a", "fee", "of", "0", "and", "say", "it's", "free"),
        added_words=(),
        continued=continued,
    )


def _change() -> BehaviorChange:
    return BehaviorChange(
        "C1",
        "issue_key: fee 0 → 8",
        ["p0", "p1"],
        ["actions"],
        "actions",
        before=["issue_key(fee=0)"],
        after=["issue_key(fee=8)"],
        moved_arguments=[
            MovedArgument(
                call="issue_key",
                name="issue_key",
                argument="fee",
                ratio=None,
                difference=None,
                values=(MovedProbeValue("p0", 0, 8), MovedProbeValue("p1", 0, 8)),
            )
        ],
    )


def _ranked(instruction: Hunk) -> list[str]:
    diff = VersionDiff("v1", "v2", "a", "b", [RULE, instruction])
    return [item.hunk_id for item in attribute(_change(), {}, diff)]


def test_the_sentence_now_stating_the_amount_leads_a_co_edited_tool_sentence() -> None:
    kept = ("When the member has lost no key, use a fee of 0 and say it's free.",)
    assert _ranked(_instruction("Issue a key with `issue_key` (member, fee).", kept))[0] == "H1"


def test_an_instruction_stating_the_new_value_keeps_its_place() -> None:
    said = _instruction("Issue a key with `issue_key` (member, fee) with a fee of 8.", ())
    diff = VersionDiff("v1", "v2", "a", "b", [RULE, said])
    ranked = [Attribution("H2", 5.0, (), "", "sentence_changed", "system.md")]
    ranked.append(Attribution("H1", 4.0, (), "", "sentence_changed", "system.md"))
    kept = _new_amount_first(ranked, diff, _change(), set())
    assert [item.hunk_id for item in kept] == ["H2", "H1"]
    # the same lead without the value gives way
    bare = _instruction("Issue a key with `issue_key` (member, fee).", ())
    diff = VersionDiff("v1", "v2", "a", "b", [RULE, bare])
    moved = _new_amount_first(ranked, diff, _change(), set())
    assert [item.hunk_id for item in moved] == ["H1", "H2"]
    # a lead moving the condition's bound keeps its place
    assert _new_amount_first(ranked, diff, _change(), {"H2"}) == ranked
