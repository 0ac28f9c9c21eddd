"""Shapes of set BQ (agents built on 2026-12-07 by helpers who did not read the drafter, held
out for a session, development since) that no rule read, and what reading them found.

* A check put before an action every conversation still takes once it passes ("first ask for
  the postcode … and check it with `verify_customer`", then "If the postcode matches, change
  the address with `change_address`"): the old sentence's tool is the gated action even when no
  conversation lost it, and "there and then", "no checks", "we won't quiz you about who you
  are" say the old way.
* A value moved on one labelled line ("Rocket packs: at most 4 per order.") is the category's
  when the condition names it in the plural ("rockets").
* A time dropped for one value of a category named by its doer or its doing ("valuation":
  "a valuer", "Valuing your home").
* A category's own value withdrawn, leaving it the rest's ("Black Card members can return …
  within 60 days" removed beside "… within 28 days …, whatever the customer's membership").
* A contact route replaced: "phone our customer care team on <number> or email <address>",
  and a cell's bare "Phone <number> or email <address>", say the new route; a denial both
  prompts say word for word denies nothing new.
* A value swapped in place in the same words ("10% off table hire" → "15% off table hire")
  moves in place; a table row keeps its cells; a reply telling one probe's moved value as it
  moved is the same change.
* A step a band's rule puts first ("Members of 12 months or more who ask to cancel: before
  cancelling, offer …") names the band, and a table row keeps its key.
"""

from __future__ import annotations

from typing import Any

import pytest

from behaviordiff.detect.model import Atom, atom_meets
from behaviordiff.drafting.categories import _as_the_rest, category_pattern
from behaviordiff.drafting.facts import Rule, value_pattern
from behaviordiff.drafting.keptcontact import rewrite_route
from behaviordiff.drafting.rules import new_step, replace_clause
from behaviordiff.drafting.template import _swapped_value
from behaviordiff.drafting.vaguercase import _with_kin
from tests.conftest import run_scenario, scenario_edits


def test_a_plural_category_names_its_singular() -> None:
    assert category_pattern("rockets").match("Rocket packs")
    assert category_pattern("rockets").match("rockets")
    assert category_pattern("boxes").match("box")
    assert category_pattern("batteries").match("battery")
    # a word ending in s that is no plural is itself only
    assert not category_pattern("glass").match("glas")
    assert not category_pattern("rockets").match("rocketry")


def test_an_act_is_named_by_its_doer_and_its_doing() -> None:
    named = _with_kin("valuation")
    assert named.search("one of our valuers will call you")
    assert named.search("| Valuing your home |")
    assert named.search("Book a valuation")
    assert not named.search("good value for money")
    # a value naming no act is read as it is
    assert not _with_kin("viewing").search("a viewer")


def test_more_than_the_rest_said_as_the_same() -> None:
    said = "Black Card members get more breathing room: a full twenty-eight days from delivery."
    start = said.index("twenty")
    assert _as_the_rest(said, start) == (
        "Black Card members get the same twenty-eight days from delivery."
    )
    plain = "As a Black Card member, you can return items within 28 days."
    assert _as_the_rest(plain, plain.index("28")) == plain


def test_a_replaced_route_with_its_team_and_its_email() -> None:
    route = value_pattern("0131 496 0732")
    clause = "fill in our complaints form at example.org/complaints"
    said = (
        "Please phone our customer care team on 0131 496 0732 or email care@example.org, "
        "quoting your booking reference."
    )
    assert rewrite_route(said, route, clause) == (
        "Please fill in our complaints form at example.org/complaints, quoting your booking "
        "reference."
    )
    row = "| Make a complaint | Phone 0131 496 0732 or email care@example.org | 2 days |"
    assert rewrite_route(row, route, clause) == (
        "| Make a complaint | Fill in our complaints form at example.org/complaints | 2 days |"
    )


def test_a_value_swapped_in_the_same_words() -> None:
    pattern = value_pattern("10%")
    assert _swapped_value(["10% off table hire"], ["15% off table hire"], pattern) == "15%"
    # more than the value changed: no swap
    assert _swapped_value(["10% off table hire"], ["15% off a table"], pattern) is None
    assert _swapped_value(["10% off", "a card"], ["15% off", "a card"], pattern) is None


def test_a_row_keeps_its_cells_when_its_clause_is_replaced() -> None:
    row = "| Students (valid student card) | 10% off table hire |"
    pattern = value_pattern("10%")
    assert replace_clause(row, pattern, "15% off table hire, with a card.") == (
        "| Students (valid student card) | 15% off table hire, with a card |"
    )
    assert replace_clause(row, pattern, "") is None
    assert replace_clause(row, pattern, "a | b") is None


def test_a_step_a_band_puts_first_names_the_band() -> None:
    new = (
        "Members of 12 months or more who ask to cancel: before cancelling, offer them 3 months "
        "at 25% off their monthly fee."
    )
    rule = Rule("H1", "sentence_changed", "Cancelling", "Cancel it at once.", new, "")
    step = new_step([rule], {"cancel"})
    assert step is not None
    assert step[0] == (
        "For members of 12 months or more, we offer you 3 months at 25% off your monthly fee "
        "before cancelling."
    )
    plain = Rule(
        "H1", "sentence_changed", "C", "Cancel it.", "Before cancelling, offer a pause.", ""
    )
    assert new_step([plain], {"cancel"}) == (
        "Before cancelling, we offer a pause.",
        "We offer a pause before cancelling.",
    )


@pytest.mark.parametrize(
    ("atom", "value", "holds"),
    [
        (Atom("customer_group", "=", "student"), "Student", True),
        (Atom("customer_group", "=", "student"), "nhs", False),
        (Atom("tier", "in", ("gold", "silver")), "silver", True),
        (Atom("age", ">=", 18), 18, True),
        (Atom("age", "<", 18), 18, False),
        (Atom("days", "between", None, 28, 60, False, True), 60, True),
        (Atom("days", "between", None, 28, 60, False, True), 28, False),
        (Atom("age", ">=", 18), "eighteen", False),
    ],
)
def test_a_probe_value_meets_an_atom(atom: Atom, value: Any, holds: bool) -> None:
    assert atom_meets(atom, {atom.feature: value}) is holds


def test_the_newsagent_asks_for_the_postcode(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("news"), "newsagent-address-postcode")
    edits = scenario_edits(found)
    macro = edits["macro:6101"]["new_body"]
    assert "We've checked the postcode of the address we deliver to now and changed your" in macro
    assert "nothing for you to prove" not in macro
    row = edits["article:5200102"]["new_body"]
    assert (
        "| Change your delivery address | Done in the chat once we've checked the postcode" in row
    )
    assert "| Pause deliveries for a holiday | Done straight away, up to 4 weeks at a time |" in row
    article = edits["article:5200101"]["new_body"]
    assert "won't quiz you" not in article
    assert "ask for the postcode of the address we deliver to now and check it" in article


def test_the_rocket_limit_is_the_rockets_alone(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("fireworks"), "fireworks-rockets-four")
    edits = scenario_edits(found)
    macro = edits["macro:6601"]["new_body"]
    assert "cakes (barrages) and fountains are each at most 6 per order (4 per order for" in macro
    article = " ".join(edits["article:8800101"]["new_body"].split())
    assert "up to half a dozen packs (4 packs for rocket packs) of each" in article
    assert "Whichever fireworks" not in article
    assert "| Cakes (barrages) | 6 per order |" in edits["article:8800102"]["new_body"]


def test_a_valuation_call_back_has_no_time(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("estate"), "estateagent-valuation-untimed")
    edits = scenario_edits(found)
    assert "valuers will call you back as soon as one is free" in edits["macro:5301"]["new_body"]
    table = edits["article:8810102"]["new_body"]
    assert "| Valuing your home | A valuer | As soon as one is free |" in table
    assert "| Booking a viewing | A negotiator | Within 2 hours |" in table


def test_a_withdrawn_perk_leaves_the_standard(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("menswear"), "menswear-blackcard-returns")
    edits = scenario_edits(found)
    assert "return unworn items within 28 days" in edits["macro:6401"]["new_body"]
    article = " ".join(edits["article:7720101"]["new_body"].split())
    assert "Black Card members get the same twenty-eight days" in article
    assert (
        "| Black Card | £40 a year | Free next-day delivery on every order | 28 days |"
        in (edits["article:7720102"]["new_body"])
    )
    # the standard return booked macro is another case's, and stays
    assert "macro:6402" not in edits


def test_the_complaint_route_is_the_form(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("kilt"), "kilthire-complaints-webform")
    edits = scenario_edits(found)
    macro = edits["macro:9601"]["new_body"]
    assert "Please fill in our complaints form at thistletartan.example/complaints" in macro
    assert "We don't settle complaints over chat" in macro
    table = edits["article:7300102"]["new_body"]
    assert "| Change your measurements | Phone the fitting room on 0131 496 0732 |" in table
    [note] = found["drafts"]["notes"]
    assert "fitting room" not in " ".join(note["content"]["cs_actions"])


def test_the_student_discount_moves_in_place(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("snooker"), "snookerhall-students-fifteen")
    assert len(found["analysis"]["changes"]) == 1
    edits = scenario_edits(found)
    assert (
        "| Students (valid student card) | 15% off table hire |"
        in (edits["article:4700102"]["new_body"])
    )
    assert (
        "Students get 15% off table hire, with a valid student card shown at the counter, so "
        in (edits["macro:5501"]["new_body"])
    )
    assert "we'll take 15% off the cost" in " ".join(edits["article:4700101"]["new_body"].split())


def test_the_offer_row_keeps_its_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("pilates"), "pilates-cancel-offer-twelve")
    edits = scenario_edits(found)
    table = edits["article:8500102"]["new_body"]
    assert "| Cancelling your membership | For members of 12 months or more, we offer you" in table
    article = " ".join(edits["article:8500101"]["new_body"].split())
    assert "Your membership runs to the end of the month you cancel in" in article


def test_a_band_said_day_by_day_keeps_the_far_side(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A full refund's window moved from 14 to 7 days, the new prompt giving "From day 8 to day
    14 after enrolling" half back: the 14-day line still bounds the band, so "after 14 days: no
    refund" stays, and the band's rule is said to the customer where the line moved."""
    found, _ = run_scenario(tmp_path_factory.mktemp("puppy"), "puppyschool-refund-halfband")
    assert len(found["analysis"]["changes"]) == 1
    edits = scenario_edits(found)
    assert "macro:8202" not in edits
    table = edits["article:6300102"]["new_body"]
    assert "| Cancel after 14 days | No refund |" in table
    assert "| Cancel in the first 7 days | 100% of the course fee back |" in table
    macro = edits["macro:8201"]["new_body"]
    assert "From day 8 to day 14 after enrolling, you get half the course fee back." in macro


def test_a_restocking_fee_told_is_the_refund_change(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("drums"), "drumshop-ekit-restocking")
    [change] = found["analysis"]["changes"]
    assert "restocking_fee_gbp 0 → 35" in change["title"]
    article = " ".join(scenario_edits(found)["article:6400201"]["new_body"].split())
    assert (
        "For electronic kits, the refund is the price paid minus a £35 restocking fee." in article
    )
