"""A deposit now taken per unit of a count past a line where bookings never needed one: a
made-up kayak centre now takes £10 a head from parties of 6 or more (`party_size >= 6`;
book_trip deposit_gbp 0 → 60, 70, 100: ten times each party's size), taken off the hire on the
day, and parties of fewer than 6 still pay nothing upfront; a made-up guest house takes €20 per
room from bookings of 4 rooms or more, refunded at check-out. The totals moved are each
booking's own (ten times its size), not one amount: the charge is the amount per unit. The KB
sentences saying no deposit is ever taken ("We never ask for a deposit", "no deposit, no card
details", a bare "No, never." under "## Do you take a deposit?", the charged band's own row
"| 6 people or more | … | Nothing |") give way to both rules, or the row to the amount; the
smaller band's row, another price and the same number said of something else stay."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.groupcharge import GROUP_CHARGE_REASON, group_charge, still_group_denied
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import requirement, rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

KAYAK = {
    "old": "Trip bookings never need a deposit (deposit_gbp 0): tell the customer there's "
    "nothing to pay until the day.",
    "charged": "For parties of 6 or more, take a deposit of £10 a head when booking "
    "(deposit_gbp = 10 × party_size): tell the customer the total deposit and that it comes "
    "off the hire on the day.",
    "rest": "For parties of fewer than 6, bookings need no deposit (deposit_gbp 0): tell the "
    "customer there's nothing to pay until the day.",
    "asked": "When they ask whether they need to pay anything upfront, say the same.",
    "feature": "party_size",
    "line": 6,
    "unit": 10.0,
    "sign": "£",
    "amount": "£10 a head",
    "written": "For parties of 6 or more, we take a deposit of £10 a head when booking: it "
    "comes off the hire on the day. For parties of fewer than 6, bookings need no deposit: "
    "there's nothing to pay until the day.",
    "claim": "We never ask for a deposit, so there's nothing to pay until you arrive.",
    "charged_row": "| 6 people or more | Phone only | Nothing |",
    "rest_row": "| 1 to 5 people | Phone or online | Nothing |",
    "trap": "Our biggest boat seats 6, and a guide costs £10 a head on the day.",
}
GUEST_HOUSE = {
    "old": "Room bookings never need a deposit (deposit_eur 0): tell the guest there's nothing "
    "to pay until check-in.",
    "charged": "For bookings of 4 rooms or more, take a deposit of €20 per room (deposit_eur = 20 "
    "× rooms): tell the guest the total deposit and that it is refunded at check-out.",
    "rest": "For bookings of fewer than 4 rooms, no deposit is needed (deposit_eur 0): tell the "
    "guest there's nothing to pay until check-in.",
    "asked": "When a guest asks if they need to pay anything now, say the same.",
    "feature": "rooms",
    "line": 4,
    "unit": 20.0,
    "sign": "€",
    "amount": "€20 per room",
    "written": "For bookings of 4 rooms or more, we take a deposit of €20 per room: it is "
    "refunded at check-out. For bookings of fewer than 4 rooms, no deposit is needed: there's "
    "nothing to pay until check-in.",
    "claim": "There's no deposit, so nothing is charged until you check in.",
    "charged_row": "| 4 rooms or more | Email us | Nothing |",
    "rest_row": "| 1 to 3 rooms | Online | Nothing |",
    "trap": "Breakfast is €20 per room, served from 7.",
}


def _facts(case: dict[str, object], counts: tuple[int, ...] = (6, 7, 10)) -> ChangeFacts:
    unit = float(case["unit"])  # type: ignore[arg-type]
    line = int(case["line"])  # type: ignore[call-overload]
    feature = str(case["feature"])
    counts = tuple(count - 6 + line for count in counts)
    rules = [
        Rule("H1", "sentence_changed", "Bookings", str(case["old"]), str(case["rest"]), "c"),
        Rule("H2", "sentence_added", "Bookings", None, str(case["charged"]), "added"),
        Rule("H3", "sentence_added", "Bookings", None, str(case["asked"]), "added"),
    ]
    facts = ChangeFacts(
        id="C1",
        title="book: deposit 0 → …",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=[f"p{count}" for count in counts],
        after_actions=[ActionFact("book")],
        moved=[
            MovedValue(
                ActionFact("book"),
                "deposit",
                tuple((f"p{count}", 0.0, unit * count) for count in counts),
                text_currency=str(case["sign"]),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"{feature} >= {line} and tag booking",
                    "atoms": [
                        {"feature": feature, "op": ">=", "value": line},
                        {"feature": "tag:booking", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        rules=rules,
        others=8,
        prompt_sections={"Bookings": [str(case["rest"]), str(case["charged"]), str(case["asked"])]},
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _article(case: dict[str, object]) -> str:
    return (
        "# Booking\n\n## Do you take a deposit?\n\nNo, never. Whatever the size of your group, "
        "booking costs nothing upfront.\n\n## At a glance\n\n| Who | How | Paid upfront |\n"
        f"| --- | --- | --- |\n{case['rest_row']}\n{case['charged_row']}\n\n## Seats\n\n"
        f"{case['trap']}\n"
    )


def _macro(case: dict[str, object]) -> str:
    return f"Hi {{{{ticket.requester.first_name}}}},\n\nYou're booked in.\n\n{case['claim']}\n\nBye"


@pytest.mark.parametrize("case", [KAYAK, GUEST_HOUSE], ids=["kayak", "guest-house"])
def test_the_charge_per_unit_for_the_band_and_the_free_rest_are_read(
    case: dict[str, object],
) -> None:
    facts = _facts(case)
    assert requirement(facts.rules) is None  # "ask whether they need to pay" sets no need
    charge = group_charge(facts)
    assert charge is not None
    assert charge.charge.amount == case["amount"]
    assert charge.sentences == case["written"]


@pytest.mark.parametrize("case", [KAYAK, GUEST_HOUSE], ids=["kayak", "guest-house"])
def test_the_kb_saying_no_deposit_ever_gets_both_rules_the_band_row_its_amount(
    case: dict[str, object],
) -> None:
    facts = _facts(case)
    items = [kb_item("booking", _article(case)), kb_item("booked", _macro(case), kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items))}
    assert {
        c.sentence for c in impacts["macro:booked"].conflicts if GROUP_CHARGE_REASON in c.reasons
    } == {case["claim"]}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:booked"]).new_body
    assert macro == _macro(case).replace(str(case["claim"]), str(case["written"]))
    article = drafter.edit(facts, impacts["article:booking"]).new_body
    charged_row = str(case["charged_row"]).replace("Nothing", str(case["amount"]))
    assert article == _article(case).replace(
        "No, never. Whatever the size of your group, booking costs nothing upfront.",
        str(case["written"]),
    ).replace(str(case["charged_row"]), charged_row)


def test_totals_that_are_no_multiples_of_the_unit_are_no_such_charge() -> None:
    facts = _facts(KAYAK)
    facts.moved = [
        MovedValue(ActionFact("book"), "deposit", (("p6", 0.0, 60.0), ("p7", 0.0, 75.0)))
    ]
    assert group_charge(facts) is None


def test_a_case_that_does_not_state_the_line_is_no_such_charge() -> None:
    facts = _facts(KAYAK)
    facts.rules = [
        Rule("H1", "sentence_changed", "Bookings", str(KAYAK["old"]),
             "For small parties, bookings need no deposit (deposit_gbp 0).", "c"),
        Rule("H2", "sentence_added", "Bookings", None,
             "For big parties, take a deposit of £10 a head when booking.", "added"),
    ]  # fmt: skip
    assert group_charge(facts) is None


def test_the_note_says_the_rule_as_customers_hear_it() -> None:
    facts = _facts(KAYAK)
    note = TemplateDrafter().note(facts, [], None)
    assert "£10 a head" in note.customer_impact
    assert "comes off the hire on the day" in note.customer_impact


def test_the_drafting_model_gets_the_rule_per_unit_and_the_same_check() -> None:
    facts = _facts(GUEST_HOUSE)
    [fact] = [f for f in draft_facts(facts) if "keeps it free" in f]
    assert "€20 per room" in fact and "refunded at check-out" in fact
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("booked", _macro(GUEST_HOUSE), "macro")]))
        if i.affected
    )
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    kept = "No deposit is ever needed."
    reworded = _macro(GUEST_HOUSE).replace(str(GUEST_HOUSE["claim"]), kept)
    assert still_group_denied(facts, reworded, "text") == [kept]
    edit, failure = model_edit(facts, impact, template_edit, reworded)
    assert edit is None and failure is not None
