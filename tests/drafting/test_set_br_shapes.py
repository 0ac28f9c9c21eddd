"""Shapes of set BR (agents built on 2026-12-07 by helpers who did not read the drafter, held
out for a session and run once on its final code, development since) that no rule read.

* A time clause leading a reworded rule ("Once the site visit has happened, we email the
  written quote within 5 working days.") is when, not whom: no subset's move, no aside "for once
  the site visit".
* A closing claim that the rule holds for the category as for the rest ("…, and that goes for
  our spelt just as much as for the strong white") goes with the category's exception; the old
  rule's list of every category names the others, so an item naming one of them is about more
  than the category; a count's noun is said in the exception ("five bags (two bags for spelt)").
* A sentence after a table sums up its rule only in the rule's own kind of day: "within 2
  working days" sums up no "48 hours or more" notice.
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.categories import _SAME_FOR_NAMED, _listed_words
from behaviordiff.drafting.subsetvalue import lead_in
from behaviordiff.drafting.tablesummary import _same_kind_of_day
from tests.conftest import run_scenario, scenario_edits


def test_a_time_clause_is_no_subset() -> None:
    said = "Once the site visit has happened, we email the written quote within 5 working days."
    assert lead_in(said, [said]) is None
    assert lead_in("When it rains, we close.", []) is None
    # a subset named before its verb still is one
    assert lead_in("Gold card holders get 5 days.", []) == "for gold card holders"


def test_a_claim_that_the_category_is_like_the_rest() -> None:
    said = (
        "keep to five bags of any one flour, and that goes for our spelt just as much as for rye."
    )
    found = _SAME_FOR_NAMED.search(said)
    assert found is not None and found.group(0).startswith(", and that goes for our spelt")
    assert _SAME_FOR_NAMED.search("keep to five bags, and we mill it fresh.") is None


def test_the_words_of_a_closing_list() -> None:
    listed = _listed_words(
        "Each order can include at most 5 bags of each flour: white, rye and spelt."
    )
    assert {"white", "rye", "spelt"} <= listed
    assert _listed_words("Each order can include at most 5 bags.") == set()


def test_working_days_are_no_clocks() -> None:
    assert not _same_kind_of_day("48 hours", "within 2 working days")
    assert _same_kind_of_day("14 days", "a fortnight")
    assert _same_kind_of_day("3 working days", "within three working days")


def test_the_quote_time_moves_for_everyone(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("arborist"), "arborist-quote-fivedays")
    edits = scenario_edits(found)
    for edit in edits.values():
        assert "for once the site visit" not in edit["new_body"]
    assert "| Within 5 working days |" in edits["article:7300102"]["new_body"]


def test_the_spelt_limit_is_spelts_alone(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("mill"), "watermill-spelt-two")
    article = " ".join(scenario_edits(found)["article:5500101"]["new_body"].split())
    assert "keep to five bags (two bags for spelt) of any one flour in an order." in article
    assert "just as much as" not in article


def test_the_insurer_receipt_stays(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("osteo"), "osteopath-phone-notice-day")
    table = scenario_edits(found)["article:8800102"]["new_body"]
    assert "| Cancel a phone booking | 24 hours or more | Free |" in table
    assert (
        "We email a receipt for your health insurer within 2 working days of every appointment.\n"
        in (table)
    )


def test_the_allergen_row_is_handed_over(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Allergen complaints now handed to a Food Safety Team, the rest keeping a £10 voucher:
    in a table by case under "What we do", the allergen row says the team's call and the other
    cases' rows keep their voucher."""
    found, _ = run_scenario(tmp_path_factory.mktemp("curry"), "curryhouse-allergen-foodsafety")
    table = scenario_edits(found)["article:9900102"]["new_body"]
    assert "| An allergen in your food | The Food Safety Team will phone you within 4 hours |" in (
        table
    )
    assert "| A dish was missing or wrong | Sorry, and a £10 voucher in the chat |" in table
    assert "| A problem with a driver | Sorry, and a £10 voucher in the chat |" in table
