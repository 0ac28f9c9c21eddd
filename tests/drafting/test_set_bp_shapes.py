"""Shapes of set BP (development agents built on 2026-12-07 by helpers who did not read the
drafter) that no rule read.

* A short rule ("Riders must be 16 or over.") is about its section too ("## Quad bike treks"):
  the activities table's "| Quad bike trek | 16+ | … |" states it, and the note quotes that
  row by its key and its age cell, never the price beside it.
* A price said for two cases at once ("£45 for a terraced house or a bungalow") where the
  prompt's labelled line moved it for one: the new price for that one, the old for the other.
* A rule's word the KB says in a longer form ("complain" / "complaint") keeps a call to the
  customer said in the next sentence on the change's topic.
* A sentence the diff paired anew between two of the change's own hunks is part of the
  change (the trade-account requirement and its ask).
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves
from behaviordiff.drafting.splitrule import sandwiched_rules
from tests.conftest import run_scenario, scenario_edits


def test_a_price_for_two_cases_is_split_when_one_moved() -> None:
    move = RuleMove("H1", "Terraced house: £45", "Terraced house: £55", "£45", "£55", "value")
    said = "It costs £45 for a terraced house or a bungalow, £65 for a semi."
    assert rewrite_sentence(move, said) == (
        "It costs £55 for a terraced house, £45 for a bungalow, £65 for a semi."
    )
    # a label naming neither case: no split
    other = RuleMove("H1", "Cottages: £45", "Cottages: £55", "£45", "£55", "value")
    assert "£45 for a bungalow" not in (
        rewrite_sentence(other, "It costs £45 for a terraced house or a bungalow.") or ""
    )


def test_a_move_knows_its_section() -> None:
    section = "Quad bike treks (quad_trek)"
    old, new = "Riders must be 16 or over.", "Riders must be 18 or over."
    rule = Rule("H1", "sentence_changed", section, old, new, "")
    [move] = rule_moves([rule])
    assert move.section == "Quad bike treks (quad_trek)"


def test_a_hunk_between_two_of_the_changes_own_is_read() -> None:
    at = {"section": "Accounts", "file": "p"}
    hunks = {
        "H1": {"kind": "sentence_changed", **at, "old": "a", "new": "b"},
        "H2": {"kind": "sentence_changed", **at, "old": "c", "new": "d"},
        "H3": {"kind": "sentence_removed", **at, "old": "e"},
        "H4": {"kind": "sentence_changed", "section": "Other", "file": "p", "old": "f", "new": "g"},
    }
    own = [
        Rule("H1", "sentence_changed", "Accounts", "a", "b", ""),
        Rule("H3", "sentence_removed", "Accounts", "e", None, ""),
    ]
    found = sandwiched_rules(own, hunks, {"H1", "H3"}, lambda text: text, Rule)
    assert [(rule.hunk_id, rule.old, rule.new) for rule in found] == [("H2", "c", "d")]
    # a hunk another change owns is never taken
    assert not sandwiched_rules(own, hunks, {"H1", "H2", "H3"}, lambda text: text, Rule)


def test_the_quad_trek_row_and_its_quote(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("quad"), "quadbike-trek-eighteen")
    edits = scenario_edits(found)
    table = edits["article:5500102"]["new_body"]
    assert "| Quad bike trek | 18+ | 90 minutes | £75 a rider |" in table
    assert "| Clay pigeon shooting | 12+ (under-16s with a parent) |" in table
    actions = " ".join(found["drafts"]["notes"][0]["content"]["cs_actions"])
    assert "Activity: Quad bike trek; Minimum age: 16+" in actions
    assert "£75" not in actions


def test_the_gutter_macro_splits_the_shared_price(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("gutter"), "guttercleaning-terrace-fiftyfive")
    edits = scenario_edits(found)
    assert (
        "costs £55 for a terraced house, £45 for a bungalow, £65" in edits["macro:9501"]["new_body"]
    )


def test_the_complaints_article_emails(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("pierce"), "piercing-complaints-email")
    edits = scenario_edits(found)
    article = " ".join(edits["article:7200101"]["new_body"].split())
    assert "She'll give you a ring" not in article
    assert "within two working days so you can talk it through properly" in article


def test_hostile_and_ordinary_inputs_the_new_readers_leave_alone() -> None:
    """What a review of this session's readers found: each is linear on a long input and
    leaves an ordinary sentence of another shape alone."""
    from behaviordiff.drafting.categories import _INCLUDED, _cut
    from behaviordiff.drafting.categoryway import _statement
    from behaviordiff.drafting.rules import _NEXT_DAY, declarative, instruction_clauses
    from behaviordiff.drafting.text import FIELD_ASIDE

    # an argument list never closed: no backtracking over its "and"s
    assert _statement("Sale items: give credit (order_ref" + " and amount" * 40 + ".") is not None
    long = "We go " + "to a " * 20000 + ", x and y"
    assert instruction_clauses(long)[-1] == "y"
    # an instruction is no statement, whatever plural follows its verb
    assert not declarative("Check the details are correct")
    assert declarative("Web shop purchases are linked to the player's account")
    # a price for one thing and a clause after it: no split
    move = RuleMove("H1", "Terraced house: £45", "Terraced house: £55", "£45", "£55", "value")
    said = rewrite_sentence(move, "It costs £45 for a terraced house and includes the oven.")
    assert said == "It costs £55 for a terraced house and includes the oven."
    # a note in brackets is no field the prompt reads
    assert not FIELD_ASIDE.fullmatch(" (Note: ask for the reference)")
    assert FIELD_ASIDE.fullmatch(" (Special assistance booked: yes)")
    # a product named "Next day delivery" is no time frame
    assert not _NEXT_DAY.search("| Next day delivery | £5.99 |")
    assert _NEXT_DAY.search("| Engraved bottles | Next working day |")
    # a bracketed aside goes without the comma after it
    raw = "Every order (gift sets included), however large, leaves today."
    assert _cut(raw, _INCLUDED.search(raw)) == "Every order, however large, leaves today."
