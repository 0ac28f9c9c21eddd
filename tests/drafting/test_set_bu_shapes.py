"""Shapes read in the session of 2026-12-07 23:30 from set BU after its held-out run
(development), each a class of change rather than one agent's wording.

* "every day" is the whole week, so opening hours cut to weekdays move their days too; "seven
  days a week" then names the days left ("Monday to Friday"), not a count.
* A KB sentence that restates the old rule the new prompt replaced, word for word or near it,
  takes the new rule whole, not a narrowed copy of itself.
* A category's own line whose siblings keep the old value ("Platinum members earn …" beside
  "Bronze members earn …") is the category's move; a bare count in a cell under a header
  naming its unit ("| Platinum | … | 1 | … |" under "Points per £1 spent") states the value; a
  count spelled with its noun ("one point") too; "spent" of the prompt is "spend" of the KB.
* A bare number is never a time of its digits; a tool argument's unit ("trial_days 30") is the
  number's, so 30 days is never the 30 of "30%".
* The step a new prompt asks of the customer before an action it now takes "once" something
  has come; "no photos needed" and "we take your word for it" are the old way; a value told
  once the step passes stays true.
* A claim the new prompt still makes itself in another sentence ("We paint every day of the
  week, …") is that sentence's, not the old rule's.
* A KB sentence copying the old prompt's sentence word for word takes the new prompt's words.
* A thousands separator is no clause break ("For bookings over £1,000, the deposit is …").
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.wordamounts import day_set_written_like, day_sets_said
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.oldside import kb_voice
from behaviordiff.drafting.rules import (
    RuleMove,
    header_count_cell,
    rule_moves,
    where_stated,
    with_header_count,
)
from tests.conftest import run_scenario, scenario_edits


def _move(old: str, new: str, category: str = "") -> RuleMove:
    return RuleMove(
        "H1",
        f"Platinum members earn {old} per £1.",
        f"… {new} …",
        old,
        new,
        "value",
        category=category,
    )


def test_every_day_is_the_whole_week() -> None:
    [(found, said)] = day_sets_said("The phone line is open 8am to 8pm every day.")
    assert found.group(0) == "every day" and said.days == frozenset(range(7))
    assert day_set_written_like("Monday to Friday", found) == "Monday to Friday"
    [(week, _)] = day_sets_said("someone picks up seven days a week")
    assert day_set_written_like("Monday to Friday", week) == "Monday to Friday"
    [(six, _)] = day_sets_said("open six days a week")
    assert day_set_written_like("Monday to Friday", six) == "five days a week"
    # "every day except Sunday" is still the days but one
    [(_found, said)] = day_sets_said("open every day except Sunday")
    assert said.days == frozenset(range(6))


def test_a_bare_count_under_its_units_header() -> None:
    move = _move("1 point", "2 points", category="platinum")
    header = "| Tier | How you get there | Points per £1 spent | Birthday treat |"
    row = "| Platinum | Spend £600 in a year | 1 | A free bowl of ramen |"
    assert header_count_cell(move, header, row) == 2
    assert with_header_count(move, header, row) == (
        "| Platinum | Spend £600 in a year | 2 | A free bowl of ramen |"
    )
    # another category's row keeps its count; a header of another unit reads no count
    assert header_count_cell(move, header, row.replace("Platinum", "Bronze")) is None
    assert header_count_cell(move, header.replace("Points", "Visits"), row) is None


def test_a_count_spelled_with_its_noun() -> None:
    [found] = where_stated("1 point", "every pound you spend earns you one point.")
    assert found.group(0) == "one point"
    assert not where_stated("1 point", "one pointless rule")


def test_a_bare_number_is_no_time_and_an_arguments_unit_is_said() -> None:
    assert not where_stated("30", "we open at 10:30")
    assert where_stated("30", "keep 30 scores offline")
    rule = Rule(
        "H1",
        "sentence_changed",
        "Trial",
        "Start it with trial_days 30.",
        "Start it with trial_days 14.",
        "",
    )
    [move] = rule_moves([rule])
    assert (move.old, move.new) == ("30 days", "14 days")


def test_a_thousands_separator_is_no_clause_break() -> None:
    said = kb_voice("For bookings over £1,000, the deposit is 50% of the booking total.")
    assert said is not None
    assert said[1] == "For bookings over £1,000, the deposit is 50% of the booking total"


@pytest.mark.parametrize(
    ("name", "item", "wanted", "gone"),
    [
        (
            "ovenclean-phone-weekdays",
            "article:9500101",
            "from nine in the morning until five in the evening, Monday to Friday",
            "seven days a week",
        ),
        (
            "minibushire-overdue-accounts",
            "macro:6201",
            "If the account status is overdue, we don't book: we hand you to the accounts team",
            "chase it separately",
        ),
        (
            "ramenbar-platinum-points",
            "article:8800102",
            "| Platinum | Spend £600 in a year | 2 | A free bowl of ramen |",
            "| Platinum | Spend £600 in a year | 1 |",
        ),
        (
            "glassware-damage-photo",
            "article:6610102",
            "| Something arrived chipped, cracked or broken | Before we refund the item, we ask "
            "you to reply with a photo of the damage |",
            "no photos needed",
        ),
        (
            "facepainter-weekend-fifteen",
            "macro:5301",
            "costs £130. Parties on a Saturday or a Sunday cost £15 more: £145.",
            "whatever day of the week",
        ),
        (
            "ceilidhband-deposit-half",
            "macro:6101",
            "we take a 25% deposit of the booking total (50% for bookings over £1,000), so "
            "we've taken",
            "whatever the size",
        ),
    ],
)
def test_set_bu_items(
    tmp_path_factory: pytest.TempPathFactory, name: str, item: str, wanted: str, gone: str
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp(name.split("-")[0]), name)
    body = " ".join(str(scenario_edits(found)[item]["new_body"]).split())
    assert wanted in body
    assert gone not in body


def test_the_traps_stay(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("face"), "facepainter-weekend-fifteen")
    assert "macro:5304" not in scenario_edits(found)  # "We paint every day of the week"
    found, _ = run_scenario(tmp_path_factory.mktemp("sheet"), "sheetmusicapp-trial-fourteen")
    assert "macro:4304" not in scenario_edits(found)  # "students get 30% off"
    found, _ = run_scenario(tmp_path_factory.mktemp("glass"), "glassware-damage-photo")
    article = " ".join(str(scenario_edits(found)["article:6610101"]["new_body"]).split())
    assert "If something reaches you chipped, cracked or in pieces, we ask you to reply" in article
    assert "Refunds reach your card within 5 working days." in article
