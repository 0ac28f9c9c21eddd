"""A form asked first for one category, the old booking kept for the rest: a bike workshop
no longer books a cargo bike repair straight away when no battery safety form is on file; it
asks the customer to sign and send the form first. An FAQ saying "There's no paperwork: we
book your repair straight away." describes the old booking (the
"no" denies the paperwork, not the booking) and is rewritten with the new rule, said from
the sentence for cargo bikes, never from the ones still calling the dropped tool ("If it is on
file, book straight away with `book_repair` as above."); its denial of paperwork goes."""

from __future__ import annotations

from behaviordiff.drafting.facts import ActionFact, Rule
from behaviordiff.drafting.impact import denies_doing, rank_items
from behaviordiff.drafting.rules import subset_rule
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = (
    "Book any repair straight away with `book_repair` and tell the customer the bike is "
    "ready two days later."
)
ON_FILE = "If it is on file, book straight away with `book_repair` as above."
STANDARD = (
    "Standard bikes: book straight away with `book_repair` and tell the customer the bike is "
    "ready two days later."
)
EBIKES = "Cargo bikes: if the battery safety form is not on file, do not book yet."
ASK = "Ask the customer to sign and send the battery safety form first; book once it is on file."
ARTICLE = """# Repairs

## Booking

Bring a standard bike or a cargo bike to the workshop. There's no paperwork: we book your repair
straight away.

## Collection

Your bike is ready two days later.
"""


def _facts():  # type: ignore[no-untyped-def]
    facts = moved_facts(
        [
            Rule("H4", "sentence_added", "Repairs", None, ON_FILE, "sentence added"),
            Rule("H1", "sentence_changed", "Repairs", OLD, STANDARD, "sentence changed"),
            Rule("H2", "sentence_added", "Repairs", None, f"{EBIKES} {ASK}", "sentence added"),
        ],
        [
            {"feature": "tag:repair", "op": "tag"},
            {"feature": "bike_type", "op": "=", "value": "cargo"},
            {"feature": "form_on_file", "op": "=", "value": False},
        ],
        title="book_repair no longer called",
    )
    facts.before_actions = [ActionFact("book_repair")]
    return facts


def test_a_denial_in_an_earlier_clause_denies_no_booking() -> None:
    assert not denies_doing({"book"}, "There's no paperwork: we book your repair straight away.")
    assert denies_doing({"book"}, "We're sorry, but we can't book it today.")


def test_the_rule_is_not_one_still_calling_the_dropped_tool() -> None:
    found = subset_rule(_facts().rules, ["book_repair"])
    assert found is None


def test_the_faq_says_the_new_rule_and_drops_its_denial_of_paperwork() -> None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("repairs", ARTICLE)]))]
    assert [c.sentence for c in impact.conflicts] == [
        "There's no paperwork: we book your repair straight away."
    ]
    body = TemplateDrafter().edit(facts, impact).new_body
    assert "battery safety form" in body
    assert "no paperwork" not in body and "as above" not in body
    assert "## Collection\n\nYour bike is ready two days later.\n" in body
