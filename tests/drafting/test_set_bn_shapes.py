"""Shapes of set BN (held out on 2026-12-07, development since) that no rule read.

* A labelled line's time frame moves for one category ("Engraved bottles: dispatched the next
  working day." → "… within 3 working days.") while the other lines keep it (distillery):
  "the next working day" and "within 3 working days" are amounts of working days, the line's
  label is the category's scope, and a KB aside counting the category among the rest
  ("Every order, engraved bottles included, …") goes.
* A limit said in other bound words ("up to 6 players" → "no more than 4 players"; VR arena).
* A kind added to a bulleted list of what is covered ("- designer handbags"; pawnbroker): its
  refusal leaves the KB's lists, a counted list ("four kinds of things:") grows by one line,
  and a table row giving the set whole takes it.
* A rule claimed for every kind of customer split by labelled lines ("Homeowners and
  landlords: …" / "Commercial customers: …"; electrician): the unattributed changed line is
  read as the rule split, and the KB's "Whether it's your home, a rental flat or your
  business premises, …" and a plain statement of the old handling are narrowed to the rest.
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import instruction_clauses, rule_moves
from behaviordiff.drafting.text import EVERY_CASE_WORDS
from tests.conftest import run_scenario, scenario_edits


def _rule(old: str, new: str) -> Rule:
    return Rule("H1", "sentence_changed", "Rules", old, new, f"{old} → {new}", None)


@pytest.mark.parametrize(
    ("old", "new", "moved"),
    [
        (
            "Engraved bottles: dispatched the next working day.",
            "Engraved bottles: dispatched within 3 working days.",
            ("1 working day", "3 working days"),
        ),
        (
            "Repairs are sent back within two business days.",
            "Repairs are sent back the next business day.",
            ("2 business days", "1 business day"),
        ),
        (
            "Each arena session is for one group of up to 6 players.",
            "Each arena session is for one group of no more than 4 players.",
            ("6", "4"),
        ),
        (
            "Parties need at least 10 children.",
            "Parties need a minimum of 8 children.",
            ("10", "8"),
        ),
    ],
)
def test_a_value_said_in_other_words_moves(old: str, new: str, moved: tuple[str, str]) -> None:
    assert [(m.old, m.new) for m in rule_moves([_rule(old, new)])][:1] == [moved]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a working day against a calendar one: not the same kind of day
        ("Sent the next working day.", "Sent within 3 days."),
        # more of the sentence moved than the time frame
        (
            "Engraved bottles: dispatched the next working day.",
            "Gift sets: posted within 3 working days.",
        ),
        # the bound itself turned round, the value kept
        ("Groups of up to 6 players.", "Groups of at least 6 players."),
    ],
)
def test_no_move(old: str, new: str) -> None:
    assert not rule_moves([_rule(old, new)])


def test_whose_every_case_words() -> None:
    assert EVERY_CASE_WORDS.search("to arrange the visit, whatever kind of customer they are")
    assert not EVERY_CASE_WORDS.search("Whichever is sooner.")


def test_a_purpose_with_two_verbs_is_one_clause() -> None:
    said = (
        "our team will email the customer within 24 hours to ask for floor plans and arrange "
        "the visit"
    )
    assert instruction_clauses(said) == [said]
    assert instruction_clauses("Ask them to send a photo and refund the order") == [
        "Ask them to send a photo",
        "refund the order",
    ]


def test_the_distillery_drafts_say_three_days_for_engraved_bottles_only(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("distillery"), "distillery-engraved-dispatch")
    edits = scenario_edits(found)
    table = edits["article:6400102"]["new_body"]
    assert "| Engraved bottles | Within 3 working days |" in table
    assert "| Standard bottles | Next working day |" in table
    assert "| Replacement for a broken bottle | Next working day |" in table
    macro = edits["macro:8201"]["new_body"]
    assert "engraved bottles included" not in macro
    assert "the next working day (3 working days for engraved bottles)" in macro
    # a broken bottle's replacement, the same words on another topic, stays
    assert "macro:8202" not in edits


def test_the_arena_drafts_say_four_players(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("vrarena"), "vrarena-players-four")
    edits = scenario_edits(found)
    assert "Each arena session takes up to 4 players" in edits["macro:3301"]["new_body"]
    article = " ".join(edits["article:9900101"]["new_body"].split())
    assert "four players is as many as we let loose" in article
    assert "macro:3303" not in edits  # vouchers valid for 6 months: another topic


def test_the_pawnbroker_drafts_take_designer_handbags(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("pawn"), "pawnbroker-handbags-accepted")
    edits = scenario_edits(found)
    assert "we don't lend against mobile phones or laptops." in edits["macro:7601"]["new_body"]
    article = edits["article:5500101"]["new_body"]
    assert "We lend against five kinds of things:" in article
    assert "- Diamonds, loose or set\n- Designer handbags\n" in article
    assert "Sorry, we can't take electronics of any kind" in article
    row = "| What we lend against | Gold, silver, watches, diamonds and designer handbags |"
    assert row in edits["article:5500102"]["new_body"]
    assert "macro:7603" not in edits  # we don't buy handbags outright: another topic


def test_the_electrician_drafts_split_off_commercial_customers(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("spark"), "electrician-commercial-quote-email")
    edits = scenario_edits(found)
    email = (
        "For commercial customers, our commercial estimating team will email you within 24 "
        "hours to ask for floor plans and arrange the survey visit."
    )
    macro = edits["macro:6601"]["new_body"]
    assert email in macro
    assert "Otherwise, one of our estimators will phone you within 2 working days" in macro
    article = " ".join(edits["article:9500101"]["new_body"].split())
    assert email in article
    assert "Whether it's your home" not in article
    assert "Otherwise, one of our estimators will give you a ring" in article
    assert "macro:6603" not in edits  # the emergency line: another topic


def test_the_holiday_drafts_hand_assistance_bookings_to_the_team(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A hand-off added for a yes/no flag ("If the booking has special assistance (Special
    assistance booked: yes), don't make the change yourself: pass it to our Accessible Travel
    team …"): what says the case is handled like the rest, or that we do what the rule now
    tells the agent not to do itself, takes the new handling; what names no case stays."""
    found, _ = run_scenario(tmp_path_factory.mktemp("sunward"), "packageholiday-assistance-team")
    edits = scenario_edits(found)
    handed = "For a booking with special assistance, we'll pass it to our Accessible Travel team"
    assert handed in edits["macro:4402"]["new_body"]
    assert "there and then" not in edits["macro:4402"]["new_body"]
    article = " ".join(edits["article:8800101"]["new_body"].split())
    assert handed in article
    assert "no separate process" not in article
    assert "ask for special assistance on any Sunward holiday, free of charge." in article
    table = edits["article:8800102"]["new_body"]
    assert (
        "| Bookings with special assistance | We'll pass it to our Accessible Travel team" in table
    )
    assert "| Room type or board basis | In the chat | Any time before you travel |" in table
    assert "arrives by email within 24 hours" in table
    # the booking-amended macro stays true for every booking without assistance
    assert "macro:4401" not in edits
    # what CS is told to update names only sentences saying the old handling of the case
    actions = " ".join(found["drafts"]["notes"][0]["content"]["cs_actions"])
    assert "Wheelchair users" not in actions
    assert "(Special assistance booked" not in str(edits)
