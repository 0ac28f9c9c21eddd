"""A sentence opening with "Everything we …"/"Anything you …" claims its value for every kind
of thing; given one category's exception beside the old value, its opening claim goes too
("Everything we hire goes out for 7 days (3 days for marquees)" → "What we hire goes out
…"), and a model's edit keeping it is told so (a party-hire shop's; not the bundled
example's domain)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import (
    category_moves,
    category_sentence_problem,
    others_keeping,
    rewrite_category,
    without_everything,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule

OLD = "Every hire item can be kept for 7 days after delivery."
KEPT = "A table or a gazebo can be kept for 7 days after delivery."
ADDED = "A marquee can be kept for 3 days after delivery."
HUNKS = {
    "H1": {"kind": "sentence_changed", "section": "Hire", "file": "system.md", "old": OLD},
    "H2": {"kind": "sentence_added", "section": "Hire", "file": "system.md", "new": ADDED},
}
SECTIONS = {"Hire": [KEPT, ADDED]}


def _facts() -> ChangeFacts:
    condition = Condition.from_dict(
        {
            "text": "lookup_order.item_type = marquee",
            "atoms": [{"feature": "lookup_order.item_type", "op": "=", "value": "marquee"}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 8},
        }
    )
    facts = ChangeFacts(
        id="C1",
        title="7 days → 3 days",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        conditions=[condition],
        others=8,
        rules=[Rule("H2", "sentence_added", "Hire", None, ADDED, "sentence added")],
        removed_promises=[Promise("duration", "7 days")],
        added_promises=[Promise("duration", "3 days")],
    )
    facts.moves = category_moves(
        facts.rules,
        HUNKS,
        SECTIONS,
        facts.conditions,
        facts.removed_promises,
        facts.added_promises,
    )
    facts.kept_for_others = others_keeping(facts.moves, SECTIONS)
    return facts


def test_an_everything_subject_goes_with_the_exception_beside_the_old_value() -> None:
    [move] = _facts().moves
    nouns = {"item"}
    said = rewrite_category(move, "Everything we hire goes out for 7 days.", None, nouns)
    assert said == f"What we hire goes out for 7 days (3 days {move.scope})."
    said = rewrite_category(
        move, "Anything you book with us is yours for 7 days, whatever item it is.", None, nouns
    )
    assert said is not None and said.startswith("What you book with us is yours for 7 days (")


def test_only_an_opening_everything_before_whom_it_is_for_goes() -> None:
    assert without_everything("Everything we sell is vintage.") == "What we sell is vintage."
    assert without_everything("  anything you order ships") == "  what you order ships"
    kept = ["Everything else stays 7 days.", "Everything in stock ships today.", "We sell it."]
    assert [without_everything(text) for text in kept] == kept


def test_a_model_edit_keeping_the_everything_subject_is_told_to_drop_it() -> None:
    [move] = _facts().moves
    kept = f"Everything we hire goes out for 7 days (3 days {move.scope})."
    problem = category_sentence_problem(move, kept, {"item"})
    assert problem is not None and "drop the words claiming it for every one" in problem
    assert (
        category_sentence_problem(
            move, f"What we hire goes out for 7 days (3 days {move.scope}).", {"item"}
        )
        is None
    )
