"""Shapes read in the session of 2026-12-07 20:54 from the BS agents after their held-out run
(development), each a class of change rather than one agent's wording.

* A charge brought in for one channel where the old prompt said booking "is free however it's
  made": "X is free" denies a charge as much as "no extra charge" does; a sentence saying "It
  won't cost you a penny, whichever way you choose to get in touch" under a heading naming the
  rule's subject ("# Changing your booking") is about the charged case; a cell that is only
  "Free" becomes the charge.
* A returns window shortened for sale items: a sentence about another rule the new prompt keeps
  ("Swapping for a different size is free within 30 days …, whether you paid full price or
  bought in the sale" beside "Shoes of any price can be exchanged … within 30 days") restates
  it, read under its own section's heading; "delivered more than 30 days ago, so we can't take
  them back" states the far side of a line the full-price rule still draws.
* Opening hours moved ("between 9am and 5pm, Monday to Saturday" → "between 10am and 4pm,
  Monday to Friday"): the window is a promise of its own, so the change is detected; both ends
  move in their places beside the days; a time's hour (4pm is 16) is no amount (£16) of another
  change; a reference number (`repair_ref`) scopes no condition.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.signature import call_promises
from behaviordiff.drafting.casecharge import CaseCharge, _row, denies_case_charge
from behaviordiff.drafting.checks import speaks_first_person
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.promptrule import _STATE_LABEL
from behaviordiff.drafting.rules import RuleMove, _case_own_sentence, _clock_moves
from behaviordiff.drafting.splitrange import split_range, with_split_range
from behaviordiff.drafting.stillsaid import _WHETHER
from tests.conftest import run_scenario, scenario_edits


def _charge() -> CaseCharge:
    return CaseCharge(
        said="Booking or changing a session by phone costs a £5 admin fee each time.",
        rest="Booking or changing a session on web chat or on WhatsApp is free.",
        amount="£5",
        named="a £5 admin fee",
        topics=(frozenset({"admin"}), frozenset({"phone"})),
        case_values=(frozenset({"phone"}),),
        rest_words=frozenset({"web", "chat", "whatsapp"}),
        kept_numbers=frozenset(),
        others=(),
        subject=frozenset({"book", "chang", "session", "time"}),
    )


def test_free_said_of_the_case_denies_the_charge() -> None:
    charge = _charge()
    assert denies_case_charge(
        charge, "Booking or changing a session is free however it's made: by phone, on web chat."
    )
    # "a free X" is a thing given, not a charge denied
    assert not denies_case_charge(charge, "Every phone booking comes with a free map.")
    # whichever way, under a heading naming the rule's subject; not under another heading
    said = "It won't cost you a penny, whichever way you choose to get in touch with us."
    assert denies_case_charge(charge, said, heading="# Changing your booking")
    assert not denies_case_charge(charge, said, heading="# Parking")
    # a row is read by the case it names
    assert denies_case_charge(charge, "| Booking or changing by phone | Free |")
    assert not denies_case_charge(charge, "| Booking or changing online (web chat) | Free |")


def test_a_free_cell_becomes_the_charge() -> None:
    assert _row("| Booking or changing by phone | Free |", _charge()) == (
        "| Booking or changing by phone | £5 admin fee |"
    )


def test_a_whether_clause_is_a_claim_over_the_cases() -> None:
    found = _WHETHER.search(
        "… within 30 days of delivery, whether you paid full price or bought in the sale."
    )
    assert found is not None and "full price" in found.group(0)
    assert _WHETHER.search("Tell us whether or not it fits.") is None


def test_a_window_is_one_promise() -> None:
    said = call_promises("Collect it between 9am and 5pm, Monday to Saturday.")
    assert Promise("window", "9am-5pm") in said
    assert not any(promise.kind == "time" for promise in said)
    assert Promise("window", "9am-5pm").key == Promise("window", "09:00-17:00").key


class _Rule:
    hunk_id = "H1"
    old = "Collected between 9am and 5pm, Monday to Saturday; bring your ticket."
    new = "Collected between 10am and 4pm, Monday to Friday; bring your ticket."


def test_both_ends_of_a_window_move_in_their_places() -> None:
    moved = [(move.old, move.new) for move in _clock_moves(_Rule())]
    assert moved == [("9am", "10am"), ("5pm", "4pm")]


def test_a_sentence_of_the_case_alone_needs_no_scope() -> None:
    move = RuleMove(
        "H1",
        "Ready repairs are collected between 9am and 5pm.",
        "Ready repairs are collected between 10am and 4pm.",
        "9am",
        "10am",
        "value",
    )
    assert _case_own_sentence(move, "ready")
    claimed = RuleMove(
        "H1",
        "Shoes can be returned within 30 days, whether bought at full price or in the sale.",
        "Sale shoes can be returned within 14 days.",
        "30 days",
        "14 days",
        "value",
    )
    assert not _case_own_sentence(claimed, "sale")


def test_phone_bookings_now_pay_the_admin_fee(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("treetops"), "treetops-phone-adminfee")
    edits = scenario_edits(found)
    assert "free however it's made" not in edits["macro:9301"]["new_body"]
    assert "by phone costs a £5 admin fee" in edits["macro:9301"]["new_body"]
    assert "| Booking or changing by phone | £5 admin fee |" in edits["article:9400102"]["new_body"]
    assert (
        "| Booking or changing online (web chat or WhatsApp) | Free |"
        in (edits["article:9400102"]["new_body"])
    )
    assert "won't cost you a penny" not in edits["article:9400101"]["new_body"]


def test_sale_returns_shortened_leave_swaps_and_late_refusals(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("kidsshoes"), "kidsshoes-sale-fourteen")
    edits = scenario_edits(found)
    assert "macro:7602" not in edits  # "more than 30 days ago, so we can't": still so
    article = " ".join(edits["article:7700101"]["new_body"].split())
    assert "whether you paid full price or bought in the sale." in article


def test_collection_hours_are_a_change_of_their_own(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("tenthire"), "tenthire-latefee-workshop")
    changes = found["analysis"]["changes"]
    assert len(changes) == 2
    fee = next(c for c in changes if "charge_late_fee" in c["title"])
    assert "repair_ref" not in fee["conditions"][0]["text"]
    assert [a["hunk_id"] for a in fee["attribution"]] == ["H2"]
    edits = scenario_edits(found)
    assert "between 10am and 4pm, Monday to Friday" in edits["macro:6102"]["new_body"]
    assert (
        "| Collecting a repair | 10am to 4pm, Monday to Friday |"
        in (edits["article:7400103"]["new_body"])
    )
    assert "from ten in the morning until four in the afternoon" in " ".join(
        edits["article:7400102"]["new_body"].split()
    )


def test_a_call_booked_or_to_a_mobile_is_a_call_to_the_customer() -> None:
    for said in (
        "I've booked a call from the warranty team: they'll ring your mobile within 1 day.",
        "They'll ring your mobile within 1 working day.",
        "We've arranged a call back from our surveyor.",
    ):
        assert Promise("callback", "a call to the customer") in call_promises(said), said
    assert not any(p.kind == "callback" for p in call_promises("Ring our mobile line any time."))


def test_a_label_naming_a_state_is_said_as_a_condition() -> None:
    found = _STATE_LABEL.match("Warranty active")
    assert found is not None and found["noun"] == "Warranty" and found["state"] == "active"
    assert _STATE_LABEL.match("Bought more than 12 months ago") is None


def test_a_dropped_call_is_said_as_the_new_rule(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("usedcar"), "usedcar-warranty-claimlink")
    article = " ".join(scenario_edits(found)["article:6200101"]["new_body"].split())
    assert "give you a ring" not in article
    assert "If your warranty is active, we send our online warranty claim form" in article


def test_a_range_split_at_a_new_line_gives_the_upper_part_its_value() -> None:
    old = "Tables for 6 to 20 people need a deposit of 20% of the menu price."
    kept = "Tables for 6 or 7 people need a deposit of 20% of the menu price."
    added = "Tables for 8 to 20 people need a deposit of 30% of the menu price."
    facts = ChangeFacts(
        id="C1",
        title="deposit",
        kind="actions",
        facets=["actions"],
        probe_ids=["p"],
        rules=[
            Rule("H1", "sentence_changed", "Tables", old, kept, "…"),
            Rule("H2", "sentence_added", "Tables", None, added, "…"),
        ],
    )
    facts.moves = [RuleMove("H1", old, kept, "to 20", "or 7", "value")]
    split = split_range(facts)
    assert split is not None
    assert (split.upper, split.subject, split.old_value, split.new_value) == (
        "8 to 20",
        "tables for 8 to 20 people",
        "20%",
        "30%",
    )
    body = "| Party | Deposit |\n|---|---|\n| Table for 6 to 20 | 20% of the menu price |\n"
    edited = body.replace("6 to 20", "6 or 7")
    written = with_split_range(facts, body, edited, "markdown")
    assert written is not None
    kept = "| Table for 6 or 7 | 20% of the menu price |\n"
    assert kept + "| Table for 8 to 20 | 30% of the menu price |" in written[0]


def test_tables_of_eight_pay_thirty_percent(tmp_path_factory: pytest.TempPathFactory) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("gastropub"), "gastropub-tables-deposit-eight")
    [note] = found["drafts"]["notes"]
    assert "from 20% to 30%" in note["content"]["title"] and "1.5" not in note["content"]["after"]
    assert "Tables for 8 to 20 people need a deposit of 30%" in note["content"]["after"]
    edits = scenario_edits(found)
    assert "(30% for tables for 8 to 20 people)" in edits["macro:5101"]["new_body"]
    assert (
        "| Table for 8 to 20 | 30% of the set menu price |" in edits["article:7300102"]["new_body"]
    )


def test_a_link_is_no_first_person() -> None:
    assert not speaks_first_person("Move it yourself at smoothandco.co.uk/my-course.")
    assert not speaks_first_person("Email my-team@example.com with the details.")
    assert speaks_first_person("I've moved it for you.")
    assert speaks_first_person("It's on my list.")


def test_course_sessions_are_moved_on_the_planner(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    found, _ = run_scenario(tmp_path_factory.mktemp("laser"), "laserclinic-course-planner")
    edits = scenario_edits(found)
    macro = edits["macro:6501"]["new_body"]
    assert "whether it's a patch test or a single session." in macro
    assert "We don't move course sessions in the chat: move the session yourself on the" in macro
    row = "| Course session | 30 to 60 minutes | Course of 6 from £240 | Move the session yourself"
    assert row in edits["article:6600102"]["new_body"]
    assert (
        "| Patch test | 15 minutes | Free | Message us on the chat |"
        in (edits["article:6600102"]["new_body"])
    )
