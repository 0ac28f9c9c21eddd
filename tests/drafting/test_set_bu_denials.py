"""Shapes read in the session of 2026-12-08 02:30 from set BU's leftovers, each a class of
change rather than one agent's wording: a KB that says the case makes no difference, in its own
words.

* One of the case's values set beside another as the same ("whether you pick a Saturday
  afternoon or a quiet Tuesday: you pay exactly the same") is the old rule; so is a row over a
  span of days holding the case's ("Monday to Sunday"), split in two.
* "Whether it's X or Y, <something> works the same way: <the old value>" is a claim across the
  line: the claim goes, the value takes the exception.
* A claim closing a row's cell ("…, any size of booking |") or between two clauses ("…,
  whatever the size of the booking, so …") goes once the exception is said.
* Whom the new value is for, in the new rule's own head ("For bookings over £1,000, …"), never
  the analysis's "conversations with …".
* A denial that anything stands in the way of the old handling ("An unpaid bill never stands
  between your group and its next trip: we'll still take the booking") is the old every-case
  rule, and a row keying the case in the old rule's words with "as normal" too.
* "Tell us the date and whether you'd like X or Y" asks; it claims nothing for every case.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.boundwhen import without_same_way, without_tail_claim
from behaviordiff.drafting.promptrule import _as_normal_row, _names_other_value, _stems
from behaviordiff.drafting.samewhatever import WhateverCase, split_day_row
from behaviordiff.drafting.text import EVERY_CASE_WORDS
from tests.conftest import run_scenario, scenario_edits


def test_a_row_over_every_day_is_split_at_the_case() -> None:
    case = WhateverCase(
        ("saturday", "sunday"), Promise("money", "£130.00", ""), Promise("money", "£145.00", "")
    )
    row = "| Party booking, Monday to Sunday (2 hours) | £130 |"
    assert split_day_row(case, row) == (
        "| Party booking, Monday to Friday (2 hours) | £130 |\n"
        "| Party booking, Saturday or Sunday (2 hours) | £145 |"
    )
    # a row over weekdays only holds none of the case's days: not the case's row
    assert split_day_row(case, "| Party booking, Monday to Friday | £130 |") is None


def test_one_value_beside_another_is_a_claim_over_both() -> None:
    days = _stems("saturday sunday")
    said = "It doesn't matter whether you pick a Saturday afternoon or a quiet Tuesday."
    assert _names_other_value(said, days, days)
    assert not _names_other_value("We paint on Saturdays.", days, days)


def test_the_same_way_claim_goes() -> None:
    raw = (
        "Whether it's a village hall birthday or a wedding, holding your date works the\n"
        "same way: a quarter (half for bookings over £1,000) of the fee up front."
    )
    assert without_same_way(raw) == (
        "Holding your date means a quarter (half for bookings over £1,000) of the fee up front."
    )
    assert without_same_way("Holding your date is simple.") == "Holding your date is simple."


@pytest.mark.parametrize(
    ("raw", "wanted"),
    [
        (
            "| Deposit | 25% (50% for bookings over £1,000) of the total, any size of booking |",
            "| Deposit | 25% (50% for bookings over £1,000) of the total |",
        ),
        (
            "We take 25% (50% for bookings over £1,000), whatever the size of the booking, so "
            "your date is held.",
            "We take 25% (50% for bookings over £1,000), so your date is held.",
        ),
    ],
)
def test_a_claim_in_a_cell_or_between_clauses_goes(raw: str, wanted: str) -> None:
    assert without_tail_claim(raw) == wanted


def test_as_normal_row() -> None:
    rule = [_stems("Book for every customer, whatever the account shows: unpaid invoices")]
    assert _as_normal_row(
        "| Booking with an unpaid invoice on the account | Booked as normal |", rule
    )
    assert not _as_normal_row(
        "| Booking with an unpaid invoice on the account | Not booked |", rule
    )
    assert not _as_normal_row("| A driver supplied by us | Booked as normal |", rule)


@pytest.mark.parametrize(
    ("said", "claims"),
    [
        ("Tell us the date and whether you'd like the minibus or the people carrier.", False),
        ("Let us know whether you want it delivered or collected.", False),
        ("Whether you paid by card or cash, the refund is the same.", True),
    ],
)
def test_an_indirect_question_claims_nothing(said: str, claims: bool) -> None:
    assert bool(EVERY_CASE_WORDS.search(said)) is claims


@pytest.mark.parametrize(
    ("name", "wanted", "gone", "kept"),
    [
        (
            "facepainter-weekend-fifteen",
            {
                "article:4810101": "Parties on a Saturday or a Sunday cost £15 more: £145.",
                "article:4810102": "| Party booking, Saturday or Sunday (2 hours, up to 20 "
                "children) | £145 |",
            },
            ["doesn't matter whether", "Monday to Sunday"],
            "| Party booking, Monday to Friday (2 hours, up to 20 children) | £130 |",
        ),
        (
            "minibushire-overdue-accounts",
            {
                "article:9400101": "If the account status is overdue, we don't book",
                "article:9400102": "| Booking with an unpaid invoice on the account | We don't "
                "book: we hand you to the accounts team",
            },
            ["never stands between", "Booked as normal"],
            "whether you'd like the minibus or the people carrier, and we'll confirm it there "
            "and then.",
        ),
        (
            "ceilidhband-deposit-half",
            {
                "article:5520101": "Holding your date means a quarter of the fee up front (half "
                "for bookings over £1,000)",
                "article:5520102": "| Deposit to hold your date | 25% (50% for bookings over "
                "£1,000) of the booking total |",
            },
            ["works the same way", "any size of booking", "conversations"],
            "The deposit isn't refundable",
        ),
    ],
)
def test_set_bu_denials(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    wanted: dict[str, str],
    gone: list[str],
    kept: str,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp(name.split("-")[0]), name)
    edits = scenario_edits(found)
    bodies = {item: " ".join(str(edits[item]["new_body"]).split()) for item in wanted}
    for item, said in wanted.items():
        assert said in bodies[item], item
    for body in bodies.values():
        assert not any(word in body for word in gone)
    assert any(kept in body for body in bodies.values())
