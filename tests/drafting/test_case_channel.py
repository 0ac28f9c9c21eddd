"""A promise moved to another channel and another time for one category, by a tool the agent
now calls (`drafting.casechannel`): the KB's claim for every case keeps the old way for the
others and says the category's new way with the new time; a table's column for the category
gets it in its own cell, the other column kept.

Made-up agent: a concert hall that used to post every ticket within 5 working days, whatever
seat was booked; standing tickets are now e-tickets sent by email with `send_eticket` within 1
working day, seated tickets still posted. Traps: programmes still posted within 5 working
days, the bar opening time."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.casechannel import (
    case_channel,
    case_channel_edit,
    case_channel_fact,
    still_case_channel,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

OLD = (
    "Every fan who books gets paper tickets, posted to the address on the booking within 5 "
    "working days, whatever seat they booked (standing or seated)."
)
KEPT = (
    "Fans with seated tickets get paper tickets, posted to the address on the booking within "
    "5 working days."
)
WAY = (
    "Fans with standing tickets get an e-ticket by email instead; paper tickets are no longer "
    "posted for standing."
)
CALL = (
    "When a fan with a standing ticket asks about their tickets, send them with `send_eticket` "
    "to the email on the booking and tell them they arrive within 1 working day."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for booking! Your tickets are posted to you "
    "within 5 working days of booking, whatever seat you booked. Programmes are posted within "
    "5 working days too.\n\nSee you there,\n{{current_user.first_name}}"
)
TABLE = """# Standing or seated

| | Standing | Seated |
|---|---|---|
| Your tickets | Posted within 5 working days of booking | Posted within 5 working days of booking |
| The bar | Opens at 6pm | Opens at 6pm |
"""


def _facts() -> ChangeFacts:
    facts = moved_facts(
        [
            Rule("H2", "sentence_added", "Tickets", None, CALL, "added"),
            Rule("H1", "sentence_changed", "Tickets", OLD, KEPT, "changed"),
        ],
        [
            {"feature": "ticket_type", "op": "=", "value": "standing"},
            {"feature": "tag:tickets", "op": "tag"},
        ],
        title="now calls send_eticket",
        facets=("actions", "promises"),
        text="ticket_type = standing and tag tickets",
    )
    facts.after_actions = [ActionFact("send_eticket", ())]
    # the move `build_facts` reads from the added sentence and the one it split off
    facts.moves = [
        RuleMove(
            "H2",
            OLD,
            CALL,
            "5 working days",
            "1 working day",
            "value",
            scope="for standing",
            category="standing",
        )
    ]
    facts.removed_promises = [Promise("duration", "5 business days")]
    facts.added_promises = [Promise("duration", "1 business day"), Promise("channel", "email")]
    facts.prompt_sections = {"Tickets": [KEPT, WAY, CALL]}
    return facts


def test_the_category_way_is_read_from_the_prompt_sentence_naming_it_and_the_channel() -> None:
    case = case_channel(_facts())
    assert case is not None
    assert case.value == "standing" and case.way == "e-ticket by email"
    assert case.sentence() == (
        "Fans with standing tickets get an e-ticket by email instead, within 1 working day."
    )


def test_the_claim_for_every_case_keeps_the_old_way_for_the_others_and_says_the_new_one() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("booked", MACRO, kind="macro"), kb_item("compare", TABLE)])
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    macro = TemplateDrafter().edit(facts, ranked["macro:booked"]).new_body
    assert macro == MACRO.replace(
        "within 5 working days of booking, whatever seat you booked.",
        "within 5 working days of booking. Fans with standing tickets get an e-ticket by email "
        "instead, within 1 working day.",
    )
    table = TemplateDrafter().edit(facts, ranked["article:compare"]).new_body
    assert table == TABLE.replace(
        "| Your tickets | Posted within 5 working days of booking |",
        "| Your tickets | E-ticket by email within 1 working day of booking |",
    )


def _edit(facts: ChangeFacts, body: str, kind: str = "article") -> tuple[str | None, str] | None:
    knowledge = KnowledgeBase([kb_item("one", body, kind=kind)])
    (impact,) = [impact for impact in rank_items(facts, knowledge) if impact.item.id == "one"]
    return case_channel_edit(facts, impact)


def test_a_sentence_naming_the_category_beside_others_is_not_said_for_it_alone() -> None:
    body = "# Tickets\n\nTickets for standing and seated fans are posted within 5 working days.\n"
    edited = _edit(_facts(), body)
    assert edited is not None and edited[0] is None
    assert "standing and seated" in edited[1]


def test_a_cell_keeps_its_own_words_before_the_time_phrase_of_the_old_value() -> None:
    table = TABLE.replace(
        "| Posted within 5 working days of booking | Posted",
        "| Sent by post in a gift box, within 5 working days of booking | Posted",
    )
    edited = _edit(_facts(), table)
    assert edited is not None and edited[0] == table.replace(
        "| Sent by post in a gift box, within 5 working days of booking |",
        "| E-ticket by email within 1 working day of booking |",
    )


def test_the_new_time_is_said_once_when_the_prompt_sentence_states_it() -> None:
    facts = _facts()
    timed = "Fans with standing tickets get an e-ticket by email within 1 working day instead."
    facts.prompt_sections = {"Tickets": [KEPT, timed, CALL]}
    case = case_channel(facts)
    assert case is not None and case.way == "e-ticket by email"
    assert case.sentence() == (
        "Fans with standing tickets get an e-ticket by email within 1 working day instead."
    )
    edited = _edit(facts, TABLE)
    assert edited is not None and edited[0] == TABLE.replace(
        "| Your tickets | Posted within 5 working days of booking |",
        "| Your tickets | E-ticket by email within 1 working day of booking |",
    )


def test_a_list_item_with_no_stop_gets_one_before_the_category_way() -> None:
    body = (
        "# Tickets\n\n- Every fan gets paper tickets, posted within 5 working days\n- Bar at 6pm\n"
    )
    edited = _edit(_facts(), body)
    assert edited is not None and edited[0] == body.replace(
        "within 5 working days\n",
        "within 5 working days. Fans with standing tickets get an e-ticket by email instead, "
        "within 1 working day.\n",
    )


def test_each_row_is_read_under_its_own_table_header() -> None:
    old = "Posted within 5 working days of booking"
    new = "E-ticket by email within 1 working day of booking"
    head = "| | Seated | Standing |\n|---|---|---|\n"
    flipped = "| | Standing | Seated |\n|---|---|---|\n"
    body = f"{head}| Your tickets | {old} | {old} |\n\nAnd:\n\n"
    body += f"{flipped}| Your tickets | {old} | {old} |\n"
    edited = _edit(_facts(), body)
    assert edited is not None and edited[0] == (
        f"{head}| Your tickets | {old} | {new} |\n\nAnd:\n\n"
        f"{flipped}| Your tickets | {new} | {old} |\n"
    )


def test_a_drafting_model_is_told_the_category_way_and_its_edit_is_checked() -> None:
    facts = _facts()
    fact = case_channel_fact(facts)
    assert fact is not None and "e-ticket by email within 1 working day" in fact
    assert "5 working days for the others" in fact
    conflicts = [
        "Your tickets are posted to you within 5 working days of booking, whatever seat you booked."
    ]
    left = MACRO.replace("within 5 working days of booking, whatever", "within 5 days, whatever")
    assert still_case_channel(facts, conflicts, MACRO, left, "markdown") == [
        "Your tickets are posted to you within 5 days, whatever seat you booked."
    ]
    kept = MACRO.replace(
        "Your tickets are posted to you within 5 working days of booking, whatever seat you "
        "booked.",
        "Standing tickets are posted within 5 working days.",
    )
    assert still_case_channel(facts, conflicts, MACRO, kept, "markdown") == [
        "Standing tickets are posted within 5 working days."
    ]
    knowledge = KnowledgeBase([kb_item("booked", MACRO, kind="macro")])
    (impact,) = rank_items(facts, knowledge)
    drafted = TemplateDrafter().edit(facts, impact).new_body
    assert drafted is not None
    assert still_case_channel(facts, conflicts, MACRO, drafted, "markdown") == []
