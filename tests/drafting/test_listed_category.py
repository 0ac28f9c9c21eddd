"""A time frame moved for one category of a tool result, where the KB lists every category
alike: a bakery's preorders, "sourdough loaves, rye loaves and baguettes are ready within two
working days", and now a rye loaf (lookup_preorder.loaf_type = rye) takes 4 working days. The
prompt diff pairs the added sentence with a neighbour that states no value (a changed
sentence by position), and the KB lists rye with the other loaves: rye leaves the list and
gets its own value beside the old one, in the KB's words ("two working days (four working
days for rye loaves)"); a sentence about rye alone takes the new value; a list the noun
belongs to ("sourdough and rye loaves") is left alone rather than broken."""

from __future__ import annotations

import re

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import category_moves, category_pattern, rewrite_category
from behaviordiff.drafting.categorylist import without_listed
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.text import stem

OLD = "Every preorder, whether sourdough, rye or a baguette, is ready within 2 working days."
KEPT = "Sourdough loaves and baguettes are ready within 2 working days."
ADDED = "Rye loaves now prove overnight twice, so a rye loaf is ready within 4 working days."
NEIGHBOUR = "We text the customer when it's ready."
SECTIONS = {"Preorders": [KEPT, ADDED, "We text the customer when the loaf is ready."]}
HUNKS = {
    "H1": {"kind": "sentence_changed", "section": "Preorders", "file": "s.md", "old": OLD},
    "H2": {"kind": "sentence_changed", "section": "Preorders", "file": "s.md", "old": NEIGHBOUR},
}


def _condition() -> Condition:
    return Condition.from_dict(
        {
            "text": "lookup_preorder.loaf_type = rye",
            "atoms": [{"feature": "lookup_preorder.loaf_type", "op": "=", "value": "rye"}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 10},
        }
    )


def _moves(old_neighbour: str = NEIGHBOUR) -> list[RuleMove]:
    rules = [
        Rule("H1", "sentence_changed", "Preorders", OLD, KEPT, "sentence changed"),
        Rule("H2", "sentence_changed", "Preorders", old_neighbour, ADDED, "sentence changed"),
    ]
    return category_moves(
        rules,
        HUNKS,
        SECTIONS,
        [_condition()],
        [Promise("duration", "2 business days", "order")],
        [Promise("duration", "4 business days", "order")],
    )


def test_an_added_sentence_the_diff_paired_with_a_neighbour_is_a_category_move() -> None:
    [move] = _moves()
    assert (move.category, move.scope, move.old_sentence) == ("rye", "for rye loaves", OLD)
    # a neighbour that states a value of its own is a changed rule, not an added one, unless
    # the new sentence restates another old sentence far more than it (paired by position)
    assert _moves("We text the customer within 3 hours.") != []
    assert _moves("Rye preorders are ready within 2 working days, we text you.") == []


def test_the_category_leaves_the_list_and_gets_its_value_in_the_kbs_words() -> None:
    [move] = _moves()
    nouns = {stem("loaf")}
    raw = "Sourdough loaves, rye loaves and baguettes are all ready within two working days."
    assert rewrite_category(move, raw, None, nouns) == (
        "Sourdough loaves and baguettes are all ready within two working days "
        "(four working days for rye loaves)."
    )
    raw = "Whatever you buy, a bloomer, a rye loaf or a baguette, it's ready in two working days."
    assert rewrite_category(move, raw, None, nouns) == (
        "Whatever you buy, a bloomer or a baguette, it's ready in two working days "
        "(four working days for rye loaves)."
    )
    assert rewrite_category(
        move, "Your rye loaf is ready within two working days.", None, nouns
    ) == ("Your rye loaf is ready within four working days.")


def test_a_list_keeps_its_grammar_or_is_left_alone() -> None:
    rye = category_pattern("rye")
    kinds = {stem("loaf")}
    assert without_listed("A baguette, a bloomer or a rye loaf is ready.", rye, kinds) == (
        "A baguette or a bloomer is ready."
    )
    assert without_listed("Rye loaves, bloomers and baguettes are ready.", rye, kinds) == (
        "Bloomers and baguettes are ready."
    )
    # two alternatives (a writer says both), a noun the list shares, a leading clause, the
    # category alone: nothing to take out
    assert without_listed("A bloomer or a rye loaf is ready.", rye, kinds) is None
    assert without_listed("Once paid, a rye loaf or a bloomer is ready.", rye, kinds) is None
    assert without_listed("Sourdough and rye loaves are ready.", rye, kinds) is None
    assert without_listed("A rye loaf is ready.", rye, kinds) is None
    assert without_listed("Rye or rye loaves.", re.compile("rye", re.I), kinds) is None
