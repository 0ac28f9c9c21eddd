"""Shapes read in the session of 2026-12-07 23:30 from set BT (development after its held-out
run), each a class of change rather than one agent's wording.

* A check asked first in a request's rule ("When a subscriber asks to change their delivery
  address, first ask them to confirm the postcode …") is a step before the action: a sentence
  the helpdesk fills in keeps its placeholders and says the step as done; "there's nothing to
  confirm" about the action's object is the old way too.
* A grace period put in front of lateness itself ("more than 2 days late"): "late, even 1 day
  late," and "(1 day or more)" give the bound; "twenty-five pounds of your deposit" is money.
* "double figures" is the line at 10.
* A count spelled is spelled again for one ("three working days" → "one working day").
* The new way said for everyone ("Standard delivery … the Highlands and islands included") is
  true of the category that now gets it; a claim fronted by every place and a range of places
  gives way to the category as the service's exception.
* A rule's case said to the customer ("When you report …"), its "don't … yourself" and a tool's
  argument aside left out; the rest keep a "whether" list without the case.
* "drop our warranty team an email" is the old email route in other words.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.quantities import find_quantities, written_like
from behaviordiff.detect.wordamounts import money_in_words
from behaviordiff.drafting.keptstep import after_done_step
from behaviordiff.drafting.linewords import LINE_WORDS, line_count, line_written
from behaviordiff.drafting.movedaddress import _EMAILING, rewrite_emailing
from behaviordiff.drafting.rules import declarative, kb_rule, new_step, without_case_listed
from tests.conftest import run_scenario, scenario_edits

_STEP_RULE = (
    "When a subscriber asks to change their delivery address, first ask them to confirm the "
    "postcode on their account, and check it against the postcode `get_subscription` gives."
)


class _Rule:
    def __init__(self, old: str | None, new: str | None) -> None:
        self.old, self.new = old, new


def test_a_step_asked_first_in_a_requests_rule() -> None:
    step = new_step([_Rule("Change it straight away.", _STEP_RULE)], {"change", "addres"})
    assert step == (
        "Before we change your delivery address, we ask you to confirm the postcode on your "
        "account.",
        "We ask you to confirm the postcode on your account before we change your delivery "
        "address.",
    )
    # the step's action must be the old call's
    assert new_step([_Rule(None, _STEP_RULE)], {"refund"}) is None


def test_a_step_said_as_done_keeps_the_placeholders() -> None:
    said = after_done_step(
        "All done: we've changed the address on {{ticket.ref}} straight away, no questions asked.",
        "We ask you to confirm the postcode on your account before we change your address.",
    )
    assert said == (
        "All done: we've changed the address on {{ticket.ref}}, now that you've confirmed the "
        "postcode on your account."
    )
    assert after_done_step("We'll update it.", "We ask you to confirm it before …") is None


def test_a_noun_qualified_before_its_verb_is_a_subject() -> None:
    assert declarative("Kit returned more than 2 days late is charged a £25 fee")
    assert declarative("Kit up to 2 days late isn't charged")
    assert not declarative("Refund the kit if it is late")


def test_pounds_of_a_sum_are_money() -> None:
    said = "we'll keep twenty-five pounds of your deposit as a late fee"
    assert money_in_words("£25", said)
    assert not money_in_words("£25", "a sack holds twenty-five pounds of flour")


def test_double_figures_is_the_line_at_ten() -> None:
    found = LINE_WORDS.search("once your party reaches double figures, everyone gets a fifth off")
    assert found is not None and line_count(found) == 10
    assert line_written(found, 6) == "six"


def test_a_spelled_count_is_spelled_for_one() -> None:
    [like] = find_quantities("never longer than three working days")
    [new] = find_quantities("within 1 working day")
    assert written_like(new, like) == "one working day"
    [week] = find_quantities("a week's notice")
    [two] = find_quantities("2 weeks")
    assert written_like(two, week) is not None


def test_a_rule_case_said_to_the_customer() -> None:
    found = kb_rule(
        "When a customer reports a skin reaction after using one of our products, don't refund "
        "it yourself: hand the conversation to our Product Safety team with `handoff_to_safety` "
        "(order reference and summary) and tell the customer someone will email them within "
        "1 working day."
    )
    assert found is not None
    assert found.sentence == (
        "When you report a skin reaction after using one of our products, we hand the "
        "conversation to our Product Safety team, and someone will email you within 1 working "
        "day."
    )


def test_the_rest_keep_a_list_without_the_case() -> None:
    said = "We refund it, whether it's a skin reaction, a late parcel or the wrong item."
    assert without_case_listed(said, "you report a skin reaction") == (
        "We refund it, whether it's a late parcel or the wrong item."
    )
    # two items named: nothing is a list any more, left as it is
    said = "We refund it, whether it's a skin reaction or a late parcel."
    assert without_case_listed(said, "a skin reaction") == said


def test_emailing_a_team_without_the_address() -> None:
    said = "If it breaks, drop our warranty team an email at their own inbox, with your order."
    assert rewrite_emailing(said, "fill in the claim form at example.org/claim") == (
        "If it breaks, fill in the claim form at example.org/claim, with your order."
    )
    assert _EMAILING.search("Email us and we'll help.") is not None
    assert _EMAILING.search("We'll email you a receipt.") is None


def test_a_postcode_checked_before_an_address_change(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("kombucha"), "kombucha-postcode-first")
    edits = scenario_edits(found)
    macro = edits["macro:7101"]["new_body"]
    assert "{{ticket.custom_field_new_address}}, now that you've confirmed the postcode" in macro
    assert "no questions asked" not in macro
    article = " ".join(edits["article:9600101"]["new_body"].split())
    assert "Moving? Before we change your delivery address, we ask you to confirm" in article
    assert "nothing to confirm" not in article
    assert (
        "| Change your delivery address | Before we change"
        in (edits["article:9600102"]["new_body"])
    )
    assert "macro:7102" not in edits and "macro:7104" not in edits


def test_a_grace_period_before_a_late_fee(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("avhire"), "avhire-latefee-grace-two")
    edits = scenario_edits(found)
    assert (
        "Kit returned more than 2 days late is charged a £25 late-return fee, once per hire, so"
        in (edits["macro:9101"]["new_body"])
    )
    article = " ".join(edits["article:9920001"]["new_body"].split())
    assert "Bring it back more than 2 days after that date and we'll keep" in article
    assert (
        "| Late return (more than 2 days) | £25, once per hire |"
        in (edits["article:9920002"]["new_body"])
    )


def test_next_day_withdrawn_for_a_region(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("tackle"), "tackleshop-nextday-highlands")
    edits = scenario_edits(found)
    assert "macro:6102" not in edits  # standard delivery to every region stays true
    article = " ".join(edits["article:8810001"]["new_body"].split())
    assert (
        "An order placed by 2pm can be on your doorstep the next working day for £6.95, except "
        "in Highlands and islands" in article
    )
    assert "Sutherland" not in article


def test_a_group_line_said_as_double_figures(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("cave"), "showcave-groups-six")
    article = " ".join(scenario_edits(found)["article:7300101"]["new_body"].split())
    assert "once your party reaches six, everyone in it gets a fifth off" in article
    assert "one free teacher place for every ten pupils" in article


def test_the_rest_of_a_handed_category(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("soap"), "soapmaker-reaction-handoff")
    macro = scenario_edits(found)["macro:4701"]["new_body"]
    assert "When you report a skin reaction" in macro
    assert "(order reference and summary)" not in macro and "yourself" not in macro
    assert "whether it's a product damaged in the post, the wrong item" in macro
