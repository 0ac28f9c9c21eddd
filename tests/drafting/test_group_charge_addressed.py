"""An item that speaks to the charged customers only says their rule only: a made-up kayak
centre now takes £10 a head from parties of 6 or more, a made-up guest house €20 per room from
bookings of 4 rooms or more (see `test_group_charge_per_unit`). A macro titled for the big
party ("Trips::Large party booked", "Rooms::Bookings of 4 rooms or more", "Big booking
confirmed") saying "no deposit, just like a small booking" gets the charged rule alone, never
"for parties of fewer than 6, no deposit" beside it; a macro for everyone, or one titled for
the small side ("Small party booked"), keeps both rules or its own."""

from __future__ import annotations

import pytest

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.groupcharge import addressed_to_charged, group_charge
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item
from tests.drafting.test_group_charge_per_unit import GUEST_HOUSE, KAYAK, _facts

CLAIM = "Big bookings work just like small ones: no deposit, nothing to pay until you arrive."
CASES = [
    (KAYAK, "Trips::Large party booked"),
    (GUEST_HOUSE, "Rooms::Bookings of 4 rooms or more"),
    (KAYAK, "Big booking confirmed"),
]


def _macro() -> str:
    return f"Hi {{{{ticket.requester.first_name}}}},\n\nYou're all booked.\n\n{CLAIM}\n\nBye"


def _edit(case: dict[str, object], title: str) -> str | None:
    facts = _facts(case)
    item = kb_item("group", _macro(), kind="macro", title=title)
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.conflicts]
    return TemplateDrafter().edit(facts, impact).new_body


@pytest.mark.parametrize(("case", "title"), CASES, ids=["large", "rooms-or-more", "big"])
def test_an_item_for_the_charged_case_says_its_rule_alone(
    case: dict[str, object], title: str
) -> None:
    charge = group_charge(_facts(case))
    assert charge is not None and addressed_to_charged(charge, title)
    assert _edit(case, title) == _macro().replace(CLAIM, charge.charged.sentence)


@pytest.mark.parametrize("title", ["Bookings::Booked", "Small party booked", "Big or small"])
def test_an_item_for_everyone_or_the_rest_keeps_both_rules(title: str) -> None:
    charge = group_charge(_facts(KAYAK))
    assert charge is not None and not addressed_to_charged(charge, title)
    assert _edit(KAYAK, title) == _macro().replace(CLAIM, charge.sentences)


def test_the_drafting_model_is_told_the_same() -> None:
    [fact] = [f for f in draft_facts(_facts(KAYAK)) if "keeps it free" in f]
    assert "first alone in an item whose title names only the charged customers" in fact
