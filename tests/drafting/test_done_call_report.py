"""A call the changed conversations no longer get straight away, which the new prompt still
makes later (a car-rental desk now offers prepaid customers a new date before cancelling, and
cancels only if they decline): a macro reporting the booking as cancelled is sent once it is,
and stays true; a sentence promising to cancel straight away is the old rule."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "When someone asks to cancel a booking, call `cancel_booking` (booking_ref) straight away."
NEW = (
    "Prepaid bookings: when someone asks to cancel, first offer to move the pick-up date: call "
    "`offer_new_date` (booking_ref). Only if they decline it, call `cancel_booking` and confirm "
    "it's done."
)
DONE = (
    "Hi {{ticket.requester.first_name}},\n\nYour booking has been cancelled, and your refund "
    "is on its way.\n\nSee you on the road,\nThe Wheelhouse team"
)
PROMISED = (
    "Hi {{ticket.requester.first_name}},\n\nWe'll cancel your booking straight away, whichever "
    "rate you booked on.\n\nThe Wheelhouse team"
)


def _facts(new: str = NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="offers a new date instead of cancelling",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("cancel_booking", ())],
        after_actions=[ActionFact("offer_new_date", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "rate = prepaid and tag cancel",
                    "atoms": [
                        {"feature": "rate", "op": "=", "value": "prepaid"},
                        {"feature": "tag:cancel", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[Rule("H1", "sentence_changed", "Cancelling", OLD, new, "sentence changed")],
    )


def _affected(facts: ChangeFacts) -> list[str]:
    knowledge = KnowledgeBase(
        [
            kb_item("cancelled", DONE, "macro", title="Bookings::Cancelled"),
            kb_item("how-to-cancel", PROMISED, "macro", title="Bookings::How to cancel"),
        ]
    )
    return sorted(impact.item.id for impact in rank_items(facts, knowledge) if impact.affected)


def test_a_report_of_the_call_done_stays_where_the_new_prompt_still_makes_it() -> None:
    assert _affected(_facts()) == ["how-to-cancel"]


def test_a_report_of_a_call_the_new_prompt_no_longer_makes_is_the_old_rule() -> None:
    dropped = "Prepaid bookings: when someone asks to cancel, call `offer_new_date` instead."
    assert _affected(_facts(dropped)) == ["cancelled", "how-to-cancel"]
