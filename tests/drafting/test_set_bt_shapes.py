"""Shapes read in the session of 2026-12-07 20:54 from set BT after its held-out run
(development), each a class of change rather than one agent's wording.

* An email address and a page with no scheme ("…example/warranty-claim") are promises a reply
  makes, so a claim route moved from one to the other is detected; the KB's "please email …"
  and a cell "Email …" say the new rule's instruction ("fill in the warranty claim form at …").
* "two clear days' notice" states 48 hours.
* A note quotes the clause of a KB sentence stating the old value, not a price beside it ("Go
  for Gold at £16 a month and you'll never wait …").
* A category handed to a team whatever else: the old call is no team ("refund the item in full
  with `refund_item`"), the other cases' rows keep the old handling, and the new rule is said
  without the agent's "don't refund it yourself" or a head cut inside a bracketed list.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.quantities import find_quantities
from behaviordiff.drafting.categoryroute import _team_named
from behaviordiff.drafting.movedaddress import address_phrase
from behaviordiff.drafting.quoteclause import _CLAUSE_BREAK
from tests.conftest import run_scenario, scenario_edits


def test_an_email_address_and_a_page_are_promises() -> None:
    said = extract_promises("Please email warranty@oakridgedesks.example with your order number.")
    assert Promise("email", "warranty@oakridgedesks.example") in said
    said = extract_promises("Fill in the form at oakridgedesks.example/warranty-claim today.")
    assert Promise("link", "oakridgedesks.example/warranty-claim") in said
    # no link without a page, and a fraction is none
    assert not any(p.kind == "link" for p in extract_promises("It's 50/50, see example.com."))


def test_clear_days_are_days() -> None:
    [found] = find_quantities("Give us two clear days' notice")
    assert (found.count, found.unit) == (2.0, "day")


def test_a_clause_with_its_own_subject_is_quoted_alone() -> None:
    pieces = _CLAUSE_BREAK.split("Go for Gold at £16 a month and you'll never wait long.")
    assert pieces[-1] == "you'll never wait long."


def test_the_thing_a_call_acts_on_is_no_team() -> None:
    rule = "say sorry and refund the item in full with `refund_item` (order reference)"
    assert _team_named(rule, "`refund_item`") is None
    rule = "hand it to our Battery Team with `refer_to_battery_team`"
    assert _team_named(rule, "`refer_to_battery_team`") == "Battery Team"


def test_an_instruction_asked_of_the_customer() -> None:
    rule = "then ask them to fill in the claim form at example.org/claim with their order number"
    assert (
        address_phrase(rule, "example.org/claim") == "fill in the claim form at example.org/claim"
    )


def test_a_claim_route_moved_to_a_form(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("desk"), "standingdesk-warranty-webform")
    assert len(found["analysis"]["changes"]) == 1
    edits = scenario_edits(found)
    assert (
        "please fill in the warranty claim form at oakridgedesks.example/warranty-claim"
        in (edits["macro:3301"]["new_body"])
    )
    assert (
        "| Fill in the warranty claim form at oakridgedesks.example/warranty-claim |"
        in (edits["article:6600102"]["new_body"])
    )


def test_two_clear_days_become_three(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("chef"), "privatechef-cancel-seventytwo")
    article = " ".join(scenario_edits(found)["article:8800101"]["new_body"].split())
    assert "Give us three days' notice" in article
    assert "up to 48 hours before the dinner and we'll change the numbers" in article


def test_a_skin_reaction_handed_to_the_safety_team(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("soap"), "soapmaker-reaction-handoff")
    edits = scenario_edits(found)
    table = edits["article:7700102"]["new_body"]
    assert "| A product gives you a skin reaction | We'll hand the conversation to our Product" in (
        table
    )
    assert "| Your order arrived damaged | Sorry, and a full refund of the item |" in table
    article = " ".join(edits["article:7700101"]["new_body"].split())
    assert "we hand the conversation to our Product Safety team" in article
    assert "yourself" not in article and "(a rash, itching, redness or swelling)" in article
