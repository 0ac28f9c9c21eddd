"""A rule rewritten with its tool call moved into a sentence of its own: a bakery wrote
candles free "for each cake in the order, with `add_candles` (fee 0)" and now writes them free
"for one cake per order", a further sentence with the price and another with the call. The
added call sentence names the tool and states the new numbers, so it outscores the rewrite;
but the fact that changed is in the changed sentence, which ranks first. An added sentence
naming a tool the old rule did not call is a new step and keeps its place."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange
from behaviordiff.diffing.model import Hunk, VersionDiff

REWRITTEN = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Birthday candles",
    old="Candles are free for each cake in the order: add them with `add_candles` "
    "(order_ref, cakes, fee 0).",
    new="Candles are free for one cake per order: add them at no cost.",
    removed_words=("each", "cake", "in", "the", "add_candles", "order_ref", "cakes", "fee", "0"),
    added_words=("one", "cake", "per", "at", "no", "cost"),
)
FURTHER = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Birthday candles",
    new="Each further cake in the same order costs $2 for its candles.",
)


def _call(tool: str) -> Hunk:
    return Hunk(
        "H3",
        "sentence_added",
        "system.md",
        section="Birthday candles",
        new=f"Call `{tool}` (order_ref, cakes, fee = 2 × (cakes − 1): 2 for two cakes, 4 for "
        "three) and tell the customer the total.",
    )


def _change(tool: str) -> BehaviorChange:
    return BehaviorChange(
        "C1",
        f"{tool}: fee 0 → 2, 0 → 4",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=[f"{tool}(fee=0)"],
        after=[f"{tool}(fee=2)", f"{tool}(fee=4)"],
    )


def test_the_rewritten_rule_leads_the_sentence_its_call_moved_to() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [REWRITTEN, FURTHER, _call("add_candles")])
    ranked = attribute(_change("add_candles"), {}, diff)
    assert [item.hunk_id for item in ranked][:2] == ["H1", "H3"]


def test_an_added_sentence_calling_a_tool_the_old_rule_did_not_keeps_its_place() -> None:
    old_tool = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        section="Birthday candles",
        old=REWRITTEN.old,
        new=REWRITTEN.new,
        removed_words=REWRITTEN.removed_words,
        added_words=REWRITTEN.added_words,
    )
    diff = VersionDiff("v1", "v2", "a", "b", [old_tool, FURTHER, _call("charge_candles")])
    ranked = attribute(_change("charge_candles"), {}, diff)
    assert ranked[0].hunk_id == "H3"
