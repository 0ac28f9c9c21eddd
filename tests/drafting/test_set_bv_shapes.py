"""Shapes read in the session of 2026-12-08 02:30 from set BV after its held-out run
(development), each a class of change rather than one agent's wording.

* A changed sentence the diff paired by position only ("A booking cancelled less than 48 hours
  before … gets 50% back" → "An alpaca party cancelled at least 72 hours before …", whose new
  side restates another old sentence far more) is read as the added sentence it is; an
  analysis made again stores the diff it read, so the drafts read the same hunks.
* An added sentence restating a sibling's rule with another number for a category ("An alpaca
  party cancelled at least 72 hours before …" beside "Any booking … at least 48 hours …")
  moves that number for the category, the same amount said again in words beside it ("three
  days ahead") aside; the exception is said "for an alpaca party", after a possessive's noun
  ("48 hours' notice (72 hours for …)") and after what a time counts from ("within 2 working
  days of the sample reaching the lab (5 working days for metals tests)").
* An exception added to a rule in its own sentence ("…, except metals tests, whose results
  take 5 working days") moves the value for that category.
* A row on another subject naming the category ("| Alpaca party | £240 |") makes no table of
  the moved value by category: the value's own row still gets the exception.
* A channel moved for everyone on a topic: a KB sentence restating the old sending in its own
  words ("by six o'clock we'll have sent you an email with a two-hour slot") states it; "your
  inbox" becomes "your phone"; a cell opening on the old participle ("Emailed by 6pm") takes
  the new one ("Texted by 6pm").
* A charge waived for a group: "nobody is exempt" goes with the claim; a cell "£3 a booking,
  members included" says "(free for members)".
* A step added for one status of a tool result: "any customer" becomes the status the new
  prompt's sibling rule names ("returning customers").
* A reply-only question no longer told what every probe of an action change is no longer
  told, or told what they are told, is that change (one change, not two).
* A line of the change's own section still calling the old action for another kind keeps that
  kind's items ("Stained or damaged nappies": still the Laundry Team).
* A term the replies still say with its qualifier gone ("replacement" of "free replacement")
  is no new value; a topic tag taking in another probe still gets the value the changed
  sentences name stated beside it ("tag wristband and request_type = replacement").
* The far side said in the item's own words ("For anything smaller, pop in …") is not said
  again from the prompt.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.conditions import restated_bounds
from behaviordiff.detect.wordamounts import numbers_said
from behaviordiff.drafting.categories import paired_by_position
from behaviordiff.drafting.channels import channel_row, rewrite_channel
from behaviordiff.drafting.facts import Rule
from tests.conftest import run_scenario, scenario_edits


def test_a_pair_made_by_position_only() -> None:
    old = "A booking cancelled less than 48 hours before it starts gets 50% of the price back."
    party = "An alpaca party cancelled at least 72 hours before it starts gets a full refund."
    general = "Any booking cancelled at least 48 hours before it starts gets a full refund."
    rule = Rule("H2", "sentence_changed", "Cancelling", old, party, "")
    assert paired_by_position(rule, [old, general])
    # a new case's own rule, like no other old sentence, stays the old one's rewrite
    alone = Rule("H1", "sentence_changed", "Damage", general, "Premium cars go to claims.", "")
    assert not paired_by_position(alone, [general])


def test_an_added_sentence_restating_a_rule_moves_its_number() -> None:
    added = "An alpaca party cancelled at least 72 hours before it starts gets a full refund."
    moved = restated_bounds(added, ["Any booking cancelled at least 48 hours before it starts."])
    assert [(was.value, now.value) for was, now in moved] == [(48.0, 72.0)]
    assert not restated_bounds("Offer a loan bike after 3 days.", ["A re-tune within 30 days."])


def test_a_number_joined_to_its_unit_is_said() -> None:
    assert numbers_said("a two-hour slot by six o'clock") == {"2", "6"}
    assert numbers_said("twenty-five pounds") == {"25"}


def test_a_channel_in_a_cell_and_an_inbox() -> None:
    row = "| Your 2-hour delivery window | Emailed by 6pm the evening before |"
    assert channel_row(row, "email", "text message") == (
        "| Your 2-hour delivery window | Texted by 6pm the evening before |"
    )
    said = "Keep an eye on your inbox: we'll have sent you an email with a slot."
    assert rewrite_channel(said, "email", "text message") == (
        "Keep an eye on your phone: we'll have sent you a text message with a slot."
    )


@pytest.mark.parametrize(
    ("name", "wanted", "gone"),
    [
        (
            "alpacatrek-parties-seventytwo",
            {
                "macro:4101": "at least 48 hours (72 hours for an alpaca party) before it starts",
                "article:7710101": "Tell us at least two days (three days for an alpaca party) "
                "before you're due",
                "article:7710102": "| Cancelling | Full refund with at least 48 hours' notice (72 "
                "hours for an alpaca party), otherwise 50% |",
            },
            ["Whether you've booked"],
        ),
        (
            "watertesting-metals-fivedays",
            {
                "article:7700101": "within two working days (five working days for metals tests)",
                "article:7700102": "| Results | Emailed within 2 working days of the sample "
                "reaching the lab (5 working days for metals tests) |",
            },
            ["every test we offer"],
        ),
        (
            "gardenturf-delivery-texts",
            {
                "article:9910101": "keep an eye on your phone: by six o'clock we'll have sent "
                "you a text message",
                "article:9910102": "| Your 2-hour delivery window | Texted by 6pm the evening "
                "before |",
            },
            ["your inbox", "window | Emailed"],
        ),
        (
            "owlsanctuary-bookingfee-members",
            {"article:8810102": "| Experience booking fee | £3 a booking (free for members) |"},
            ["nobody is exempt", "members included"],
        ),
        (
            "campinghire-newaccount-proof",
            {"macro:5201": "No paperwork is needed from returning customers"},
            ["from any customer", "other than new"],
        ),
        (
            "icecreamparlour-delivery-twentyfive",
            {
                "article:8920101": "any order that comes to twenty-five pounds or more. For "
                "anything smaller, pop in"
            },
            ["If the basket is under"],
        ),
    ],
)
def test_set_bv_items(
    tmp_path_factory: pytest.TempPathFactory, name: str, wanted: dict[str, str], gone: list[str]
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp(name.split("-")[0]), name)
    edits = scenario_edits(found)
    for item, said in wanted.items():
        body = " ".join(str(edits[item]["new_body"]).split())
        assert said in body, item
        assert not any(word in body for word in gone), item


def test_a_kind_still_handed_over_keeps_its_macro(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("nappy"), "nappylaundry-missing-credit")
    edits = scenario_edits(found)
    assert "macro:6302" not in edits  # stained or damaged nappies: still the Laundry Team
    assert "macro:6301" in edits


@pytest.mark.parametrize(
    "name", ["visitorfarm-free-under-five", "icecreamparlour-delivery-twentyfive"]
)
def test_a_question_told_as_the_action_is_one_change(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp(name.split("-")[0]), name)
    assert len(found["analysis"]["changes"]) == 1


def test_a_value_the_prompt_names_is_stated_beside_a_loose_tag(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("openwater"), "openwater-wristband-fee", 3)
    [change] = found["analysis"]["changes"]
    assert "request_type = replacement" in change["conditions"][0]["text"]
    body = " ".join(str(scenario_edits(found)["macro:5101"]["new_body"]).split())
    # "free replacement" → "replacement" is no new value: the new rule, not "is replacement"
    assert "Every replacement costs £10, taken from the card on your account." in body
    assert "is replacement" not in body
