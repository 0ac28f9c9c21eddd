"""A check the company now makes itself before an action for everyone on one topic, the action
still taken once it passes: a made-up climbing wall used to book a slot at once with
`book_slot` and now checks every climber's signed waiver first, sending a waiver link with
`send_waiver`, the slot "booked with `book_slot` only once their waiver has been checked". The
KB's "on the spot", "straight away" and "as soon as" about booking a slot say the slot waits
for the check, in the KB's words, and "there's nothing you need to send us" goes; a cancelling
article's "just cancel and book again" (the customer's own step) stays."""

from __future__ import annotations

from types import SimpleNamespace

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.proofstep import (
    at_once_claim,
    proof_step,
    proof_step_conflicts,
    said_instead,
    still_unproved,
)
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Book the slot with `book_slot` for the time asked for and confirm it straight away."
NEW = (
    "Before any slot is confirmed, we check the member's signed waiver, however often they "
    "have climbed here: send them a waiver link with `send_waiver` and explain that the slot is "
    "booked with `book_slot` only once their waiver has been checked, usually within 3 hours."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou're on the rota for {{ticket.custom_field_day}}. "
    "We book every slot on the spot, so there's nothing you need to send us before you "
    "climb.\n\nShoes are free to borrow.\n\nCragside Climbing"
)
WHEN = (
    "Hi {{ticket.requester.first_name}},\n\nGood question! Straight away: as soon as we've added "
    "you to the rota your slot is booked, whether it's your first climb or your hundredth.\n\n"
    "Cragside Climbing"
)
ARTICLE = """# Booking a slot

- Tell us the day and the time.
- We add you to the rota and book your slot straight away, beginners and regulars alike.
- Pay at the desk when you arrive.
"""
CANCEL = """# Cancelling a slot

Cancelling is free up to 24 hours before. To move a slot, just cancel and book again.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_slot → send_waiver",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("book_slot")],
        after_actions=[ActionFact("send_waiver")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:slot", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Booking a slot", OLD, NEW, "c")],
        others=3,
    )


def test_the_check_we_make_is_read_with_the_action_it_gates() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert step.action == "book_slot"
    assert step.said == "check your signed waiver"
    assert step.done == "we've checked your signed waiver"
    # no "only once …" for the action: the action is simply gone
    facts = _facts()
    facts.rules[0] = Rule("H1", "sentence_changed", "Booking a slot", OLD, NEW.split(":")[0], "c")
    assert proof_step(facts) is None


def test_a_claim_of_the_action_at_once_on_the_topic_is_read() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert at_once_claim(step, "We book every slot on the spot.", "Slots")
    assert at_once_claim(step, "As soon as we've added you, your slot is booked.", "")
    assert not at_once_claim(step, "We lend you shoes straight away.", "Slots")
    assert not at_once_claim(step, "We book the party room straight away.", "Parties")


def test_at_once_becomes_once_the_check_is_done() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert said_instead(
        step, "We book every slot on the spot, so there's nothing you need to send us."
    ) == ("We book every slot once we've checked your signed waiver.")
    assert said_instead(
        step, "Straight away: as soon as we've added you to the rota your slot is booked."
    ) == (
        "Once we've checked your signed waiver and we've added you to the rota your slot is booked."
    )


def test_the_edits_say_the_check_first_and_keep_every_other_byte() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            kb_item("booked", MACRO, "macro", "Slots::Booked"),
            kb_item("when", WHEN, "macro", "Slots::When is my slot booked?"),
            kb_item("booking", ARTICLE, title="Booking a slot"),
            kb_item("cancel", CANCEL, title="Cancelling a slot"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    drafter = TemplateDrafter()
    assert drafter.edit(facts, impacts["macro:booked"]).new_body == MACRO.replace(
        "on the spot, so there's nothing you need to send us before you\nclimb.",
        "once we've checked your signed waiver.",
    ).replace(
        "on the spot, so there's nothing you need to send us before you climb.",
        "once we've checked your signed waiver.",
    )
    assert drafter.edit(facts, impacts["macro:when"]).new_body == WHEN.replace(
        "Straight away: as soon as we've added",
        "Once we've checked your signed waiver and we've added",
    )
    assert drafter.edit(facts, impacts["article:booking"]).new_body == ARTICLE.replace(
        "book your slot straight away", "book your slot once we've checked your signed waiver"
    )
    assert "article:cancel" not in impacts or not impacts["article:cancel"].conflicts


def test_the_customers_own_step_is_no_conflict_of_the_check() -> None:
    facts = _facts()
    item_units = units("To move a slot, just cancel and book again. We book it for you.")
    gone = ("describes `book_slot`, which the new agent no longer does",)
    made = [
        SimpleNamespace(unit_index=index, sentence=unit.text, reasons=gone)
        for index, unit in enumerate(item_units)
    ]
    kept = proof_step_conflicts(
        facts,
        "Slots",
        item_units,
        made,
        lambda index, sentence, reasons: SimpleNamespace(
            unit_index=index, sentence=sentence, reasons=reasons
        ),
    )
    assert [conflict.unit_index for conflict in kept] == [1]


def test_a_model_edit_keeping_the_at_once_claim_is_refused() -> None:
    facts = _facts()
    assert still_unproved(facts, ARTICLE, "markdown") == [
        "- We add you to the rota and book your slot straight away, beginners and regulars alike."
    ]
    edited = ARTICLE.replace("straight away", "once we've checked your signed waiver")
    assert still_unproved(facts, edited, "markdown") == []


def test_the_drafting_model_is_told_the_check_and_what_at_once_becomes() -> None:
    [fact] = [f for f in draft_facts(_facts()) if "nothing to prove" in f]
    assert "check your signed waiver first" in fact
    assert "is done once we've checked your signed waiver" in fact
