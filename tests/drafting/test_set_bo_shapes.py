"""Shapes of set BO (agents built on 2026-12-07 by helpers who did not read the drafter, held
out for a session, development since) that no rule read.

* A sentence joining two clauses says a value of the subject of its own clause: "Our hampers
  start at £50 each, and for 10 or more we'll add a printed card … free of charge." says £50 of
  hampers, and its "free" is the card's, so free delivery from £50 moved is not its rule.
* "for nothing" and "won't pay a penny" say free.
* "whatever it cost" claims a rule for every price.
* A row of the topic keyed by no case ("| Your item arrives damaged | … |") takes a band's
  exception in its cell; the topic's tag word alone ("damaged") names no case.
* An unattributed sentence right after the change's changed one, pointing back to it ("One of
  our sign-makers phones them …"), is the old rule's second sentence.
* One of two options withdrawn for one category ("Windscreen replacements: card only.").
* A KB already saying the far side of a moved line in words ("within two working days") is
  not told it again.
"""

from __future__ import annotations

import re

import pytest

from behaviordiff.drafting.categoryoption import CategoryOption, _claim, _row
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from behaviordiff.drafting.pastline import _unsaid
from behaviordiff.drafting.saidof import value_clause
from behaviordiff.drafting.splitrule import continued_rules
from behaviordiff.drafting.text import EVERY_CASE_CLAIM, EVERY_CASE_WORDS
from tests.conftest import run_scenario, scenario_edits


def test_the_clause_stating_a_value() -> None:
    said = "Our hampers start at £50 each, and for 10 or more we'll add a card free of charge."
    assert value_clause(said, "£50") == "Our hampers start at £50 each"
    # one clause, or a colon's elaboration: the whole sentence says it
    assert value_clause("Delivery is free on orders of £50 or more.", "£50") is None
    assert value_clause("Pay £5 or more: the whole price comes back.", "£5") is None
    # stated in two clauses: no one clause
    assert value_clause("£5 for one; £5 for two.", "£5") is None


def test_free_in_other_words() -> None:
    free = re.compile(FREE_IN_OTHER_WORDS, re.I)
    assert free.search("we'll bring it to your door for nothing")
    assert free.search("you won't pay a penny")
    assert not free.search("nothing to report")
    assert not free.search("you'll pay the rest")


def test_whatever_it_cost_is_an_every_case_claim() -> None:
    said = "We've sent a replacement straight away, whatever it cost."
    assert EVERY_CASE_WORDS.search(said)
    claim = EVERY_CASE_CLAIM.search(said)
    assert claim is not None and claim.group(0) == ", whatever it cost"
    assert not EVERY_CASE_WORDS.search("Whatever it is, we'll sort it.")


def test_a_second_sentence_pointing_back_is_the_rules() -> None:
    at = {"section": "Job progress", "file": "p"}
    hunks = {
        "H1": {"kind": "sentence_changed", **at, "old": "When they ask, log it.", "new": "Don't."},
        "H2": {"kind": "sentence_changed", **at, "old": "We phone them in 4 hours.", "new": "x"},
        "H3": {"kind": "sentence_changed", **at, "old": "When it rains, close.", "new": "y"},
    }
    own = [Rule("H1", "sentence_changed", "Job progress", "When they ask, log it.", "Don't.", "")]
    found = continued_rules(own, hunks, {"H1"}, lambda text: text, Rule)
    assert [rule.hunk_id for rule in found] == ["H2"]
    # a sentence opening a case of its own, or one another change owns, is not
    hunks["H2"]["old"] = "When they phone, we answer them."
    assert not continued_rules(own, hunks, {"H1"}, lambda text: text, Rule)
    # another order to the agent, or a statement with no figure, is not either
    hunks["H2"]["old"] = "Don't cancel it yourself."
    assert not continued_rules(own, hunks, {"H1"}, lambda text: text, Rule)
    hunks["H2"]["old"] = "We phone them soon."
    assert not continued_rules(own, hunks, {"H1"}, lambda text: text, Rule)
    hunks["H2"]["old"] = "We phone them in 4 hours."
    assert not continued_rules(own, hunks, {"H1", "H2"}, lambda text: text, Rule)


def test_an_option_withdrawn_for_one_category_in_a_row_and_a_claim() -> None:
    found = CategoryOption(
        "cash",
        "card",
        "windscreen replacements",
        frozenset({"windscreen", "replacement"}),
        "Windscreen replacements: card only.",
    )
    row = "| Windscreen replacement | From £180 | Card or cash on the day |"
    assert _row(found, row) == "| Windscreen replacement | From £180 | Card only on the day |"
    claim = "You can pay by card or in cash on the day, whichever suits you; we'll give a receipt."
    assert _claim(found, claim) == (
        "You can pay by card or in cash on the day, except for windscreen replacements, which "
        "are card only; we'll give a receipt."
    )


def test_the_far_side_said_in_words_is_said() -> None:
    far = "For more than £100, the manager will email you within 2 working days."
    assert not _unsaid(far, "£100", "Anything pricier goes to the manager within two working days.")
    assert _unsaid(far, "£100", "Anything pricier goes to the manager.")


def test_the_deli_hamper_trap_stays(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("deli"), "deli-free-delivery-forty")
    edits = scenario_edits(found)
    assert "macro:4405" not in edits
    assert "Spend forty pounds or more" in edits["article:5520101"]["new_body"]
    note = found["drafts"]["notes"][0]["content"]
    assert "hamper" not in " ".join(note["cs_actions"]).lower()


def test_the_ghyll_article_says_two_days(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("ghyll"), "ghyllscramble-cancel-fortyeight")
    edits = scenario_edits(found)
    assert "two days or more before" in edits["article:9950101"]["new_body"]


def test_the_mirror_row_keeps_the_others_way(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("mirror"), "mirrorshop-cracked-photo-eighty")
    edits = scenario_edits(found)
    # the row says both sides of the line: the old way up to £80, the photo first above it
    assert (
        "| Your item arrives damaged | Replacement sent straight away, no photo needed if it cost "
        "£80 or less; if the damaged item cost more than £80, we'll ask you to reply with a photo "
        "of the damage and of the outer box before anything is sent |"
    ) in edits["article:7310102"]["new_body"]
    assert "whatever it cost" not in edits["macro:6101"]["new_body"]


def test_the_windscreen_cash_is_withdrawn(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("glass"), "windscreen-replacement-card-only")
    edits = scenario_edits(found)
    table = edits["article:8830102"]["new_body"]
    assert "| Windscreen replacement | From £180 | Card only on the day |" in table
    assert "| Chip repair | From £45 | Card or cash on the day |" in table
    macro = edits["macro:3301"]["new_body"]
    assert "except for windscreen replacements, which are card only" in macro
    assert "whichever suits you" not in macro


def test_the_sign_tracker_replaces_the_call(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("signs"), "signmaker-status-online")
    edits = scenario_edits(found)
    macro = edits["macro:5401"]["new_body"]
    assert "brightlinesigns.co.uk/track" in macro
    assert "will phone you within 4 working hours" not in macro


def test_a_doer_names_its_deed() -> None:
    from behaviordiff.drafting.impact import _shares_doer

    assert _shares_doer({"rider"}, {"ride", "sixteen"})
    assert _shares_doer({"engraver"}, {"engrav"})
    assert not _shares_doer({"member"}, {"membership"})
    assert not _shares_doer({"ord"}, {"order"})


def test_the_quad_trek_article_says_eighteen(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("quad"), "quadbike-trek-eighteen")
    article = scenario_edits(found)["article:5500101"]["new_body"]
    assert "You can ride from eighteen, and nobody needs a driving licence" in article


def test_a_model_is_told_the_withdrawn_option_and_held_to_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from behaviordiff.drafting.categoryoption import (
        category_option_fact,
        still_offered_to_category,
    )
    from behaviordiff.drafting.facts import build_facts
    from behaviordiff.drafting.service import head_sections
    from behaviordiff.pipeline.project import open_project
    from behaviordiff.store import Workspace

    _found, root = run_scenario(
        tmp_path_factory.mktemp("glass2"), "windscreen-replacement-card-only"
    )
    workspace = Workspace(root / ".ws", create=False)
    analysis = workspace.load_analysis(1)
    assert analysis is not None
    diff = workspace.release_diff(1)
    facts = build_facts(analysis, diff, head_sections(open_project(folder=root), diff))
    told = category_option_fact(facts[0])
    assert told is not None and "cash is no longer taken for windscreen replacements" in told
    kept = "| Windscreen replacement | From £180 | Card or cash on the day |"
    assert still_offered_to_category(facts[0], f"| a | b | c |\n|---|---|---|\n{kept}\n") == [kept]
    fixed = kept.replace("Card or cash", "Card only")
    assert not still_offered_to_category(facts[0], f"| a | b | c |\n|---|---|---|\n{fixed}\n")


def test_the_knitwear_claim_takes_the_sale_rule(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("knit"), "knitwear-sale-credit")
    macro = scenario_edits(found)["macro:9301"]["new_body"]
    # the report of this customer's refund stays; the claim for every return says the rule
    assert "We've refunded {{ticket.custom_field_refund_amount}} to the card you paid with" in macro
    assert "sale items included" not in macro
    assert "For sale items, we give store credit for the price paid" in macro
    # the row keyed by the case says the new way, never the new time in the old way
    row = scenario_edits(found)["article:7100102"]["new_body"]
    assert "| Returning a sale item | We give store credit for the price paid" in row
    assert "Refund to your card within 1 working day" not in row


def test_a_fee_for_a_band_one_end_of_which_the_new_rule_states(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # set BQ (held out, then development): "Moving a booking is free." became "… free up to
    # 24 hours before the appointment. Moving it less than 24 hours before costs £5", the
    # band's other end (2 hours) a limit the prompt keeps elsewhere
    found, _ = run_scenario(tmp_path_factory.mktemp("barber"), "barbershop-move-fee")
    macro = scenario_edits(found)["macro:4101"]["new_body"]
    assert "Moving a booking is free up to 24 hours before the appointment" in macro
    assert "under 24 hours, there is a £5 charge for moving it." in macro
    assert "nothing extra to pay" not in macro
