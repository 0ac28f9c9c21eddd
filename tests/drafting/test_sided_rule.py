"""A change scoped by a line (a bound, a band) or a category, whose new prompt says the rule on
both sides of it (`promptrule.sided_rule`, `two_sided`): the rule said for both sides takes the
place of the KB sentence claiming one rule for every case, and a table row stating the old rule
takes it as its value; a sentence restating what the other side keeps stays byte for byte.

Made-up agents: a software shop that now hands refunds over $200 to its billing team (the two
sides in two labelled sentences, the changed side's label a sentence the change's rules do not
hold), a bike hire whose deposit is now £80 for hires of more than 3 days (both sides in one
sentence; a price table), a restaurant whose online bookings now stop at 8 people (a band: its
line moved from 10 to 8), a garden centre whose island orders now go by ferry freight (a
category and "all other orders"), and one whose prompt says the changed side only (no move)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.promptrule import (
    prompt_rule_edit,
    sided_rule,
    targets,
    two_sided,
    written_rule,
)

from .kit import marked_impact


def _facts(
    atoms: list[dict[str, object]],
    rules: list[Rule],
    sections: dict[str, list[str]],
    *,
    before: str = "refund_order",
    after: str = "transfer_to_billing",
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=f"{before} → {after}",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact(before, ())],
        after_actions=[ActionFact(after, ())],
        conditions=[Condition.from_dict({"text": "condition", "atoms": atoms})],
        rules=rules,
        prompt_sections=sections,
    )


# --- a software shop: refunds over $200 now go to the billing team ----------------------------

REFUND_TOLD_OLD = "Tell the customer the money reaches their card within 5 days."
REFUND_REST = (
    "Orders up to $200: refund it yourself with `refund_order` (order, amount) and tell the "
    "customer the money reaches their card within 5 days."
)
REFUND_CASE = "Orders over $200: don't refund it yourself."
REFUND_HANDOFF = (
    "Pass it to our Billing team with `transfer_to_billing` (order, amount) and tell the "
    "customer the team will email them within 2 working days."
)
REFUND_SECTIONS = {
    "Refunds": [
        "When a customer asks for a refund of an order, apologise, then:",
        REFUND_REST,
        REFUND_CASE,
        REFUND_HANDOFF,
        # a rule the new prompt keeps, after the sides: no part of either
        "Licences used for more than 30 days are not refunded.",
    ],
    "Licences": ["A licence key is emailed within 10 minutes of payment."],
}


def _refunds() -> ChangeFacts:
    # as attribution often gives it: the rewritten told sentence and the added hand-off, not
    # the label sentence of the changed side
    return _facts(
        [
            {"feature": "order_total", "op": ">", "value": 200},
            {"feature": "tag:refund", "op": "tag"},
        ],
        [
            Rule("H1", "sentence_changed", "Refunds", REFUND_TOLD_OLD, REFUND_REST, "changed"),
            Rule("H2", "sentence_added", "Refunds", None, REFUND_HANDOFF, "added"),
        ],
        REFUND_SECTIONS,
    )


REFUND_CLAIM = (
    "We refund every order straight away, however large or small, so there's nothing to wait for."
)
REFUND_KEPT = "The money reaches your card within 5 days."
REFUND_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the software didn't work out for you. "
    f"{REFUND_CLAIM}\n\n{REFUND_KEPT}\n\nThanks,\nPixel Shop\n"
)
REFUND_SAID = (
    "For orders up to $200, we refund it ourselves, and the money reaches your card within 5 "
    "days. For orders over $200, we don't refund it ourselves. We pass it to our Billing team, "
    "and the team will email you within 2 working days."
)


def test_two_labelled_sides_are_said_together_as_the_rule_for_everyone() -> None:
    facts = _refunds()
    assert two_sided(facts, REFUND_REST + " " + REFUND_CASE)
    assert not two_sided(facts, REFUND_CASE)
    said = sided_rule(facts)
    assert said is not None and said.head is None
    assert said.sentence == REFUND_SAID
    assert written_rule(facts) == said


def test_the_every_case_claim_takes_both_sides_and_the_others_kept_rule_stays() -> None:
    facts = _refunds()
    # a finder marked the kept promise (its "5 days"); it restates the other side's rule
    impact = marked_impact("refunded", REFUND_MACRO, "macro", [REFUND_KEPT])
    assert targets(facts, impact) == [REFUND_CLAIM]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == REFUND_MACRO.replace(REFUND_CLAIM, REFUND_SAID)
    assert REFUND_KEPT in edit.new_body and "{{ticket.requester.first_name}}" in edit.new_body


def test_a_sentence_marked_for_the_same_value_of_another_thing_stays() -> None:
    facts = _bikes()
    keep = "Bring a bike back late and we keep £50 of the hire fee."
    impact = marked_impact("late", f"# Late returns\n\n{keep}\n", "article", [keep])
    assert targets(facts, impact) == []


def test_a_claim_on_another_topic_in_the_same_item_stays() -> None:
    facts = _refunds()
    others = [
        "Gift vouchers of any value, however large or small, never expire.",
        "Our support team answers every email within a working day, whatever the time of year.",
        "Licence keys reach your inbox within minutes, whatever the order size.",
        "You can download your order again at any time, however many times you need to.",
    ]
    body = f"# Refunds\n\n{REFUND_CLAIM}\n\n## Support\n\n" + "\n\n".join(others) + "\n"
    impact = marked_impact("refunds", body, "article", [])
    assert targets(facts, impact) == [REFUND_CLAIM]
    found = prompt_rule_edit(facts, impact)
    assert found is not None
    assert found[0] == body.replace(REFUND_CLAIM, REFUND_SAID)


# --- a bike hire: hires of more than 3 days now pay an £80 deposit ----------------------------

BIKE_OLD = "Every hire pays a deposit of £50 when the bike is collected."
BIKE_LEAD = "The deposit depends on the length of the hire."
BIKE_BOTH = (
    "Hires of more than 3 days pay a deposit of £80 when the bike is collected; hires of 3 days "
    "or fewer pay £50."
)
BIKE_PRICES = (
    "# Hire prices\n\n| What | Price |\n| --- | --- |\n| Day hire | £25 a day |\n"
    "| Deposit | £50, paid when you collect the bike |\n| Lost lock | £50 |\n"
    "| Late return | £50, taken from your deposit when the bike is collected late |\n"
)


def _bikes() -> ChangeFacts:
    return _facts(
        [{"feature": "hire_days", "op": ">", "value": 3}],
        [
            Rule("H1", "sentence_changed", "Deposits", BIKE_OLD, BIKE_LEAD, "changed"),
            Rule("H2", "sentence_added", "Deposits", None, BIKE_BOTH, "added"),
        ],
        {"Deposits": [BIKE_LEAD, BIKE_BOTH], "Opening": ["We open at 9am every day."]},
        before="take_deposit",
        after="take_deposit",
    )


def test_one_sentence_saying_both_sides_is_the_value_of_the_row_stating_the_old_rule() -> None:
    facts = _bikes()
    row = "| Deposit | £50, paid when you collect the bike |"
    lock = "| Lost lock | £50 |"
    late = "| Late return | £50, taken from your deposit when the bike is collected late |"
    # a finder marked the rows for their £50; the lock's and the late return's are other
    # charges (the late return's key names no deposit, whatever its cell says)
    impact = marked_impact("prices", BIKE_PRICES, "article", [row, lock, late])
    assert targets(facts, impact) == [row]
    found = prompt_rule_edit(facts, impact)
    assert found is not None
    assert found[0] == BIKE_PRICES.replace(
        row,
        "| Deposit | Hires of more than 3 days pay a deposit of £80 when the bike is collected; "
        "hires of 3 days or fewer pay £50 |",
    )


# --- a restaurant: online bookings now stop at 8 people (the line moved from 10) --------------

TABLE_REST_OLD = "Tables of between 2 and 10 people can be booked online."
TABLE_CASE_OLD = (
    "Tables of more than 10 people are booked by our events team: pass them on with "
    "`transfer_to_events` and tell the customer the team will call them within 1 working day."
)
TABLE_REST = "Tables of between 2 and 8 people can be booked online."
TABLE_CASE = TABLE_CASE_OLD.replace("more than 10", "more than 8")


def _tables() -> ChangeFacts:
    band = {
        "feature": "party_size",
        "op": "between",
        "low": 8,
        "high": 10,
        "low_inclusive": False,
        "high_inclusive": True,
    }
    return _facts(
        [band],
        [
            Rule("H1", "sentence_changed", "Bookings", TABLE_REST_OLD, TABLE_REST, "changed"),
            Rule("H2", "sentence_changed", "Bookings", TABLE_CASE_OLD, TABLE_CASE, "changed"),
        ],
        {"Bookings": [TABLE_REST, TABLE_CASE], "Menus": ["The set menu costs £35 a head."]},
        before="book_table",
        after="transfer_to_events",
    )


def test_a_band_whose_line_moved_says_both_new_sides_where_the_kb_claims_any_size() -> None:
    facts = _tables()
    said = sided_rule(facts)
    assert said is not None
    assert said.sentence == (
        "Tables of between 2 and 8 people can be booked online. Tables of more than 8 people are "
        "booked by our events team: we pass you on, and the team will call you within 1 working "
        "day."
    )
    claim = "Whatever the size of your group, you can book your table online in a minute."
    menu = "The set menu is £35 a head, whatever the size of your group."
    body = f"# Booking a table\n\n{claim}\n\n## Menus\n\n{menu}\n"
    impact = marked_impact("booking", body, "article", [claim])
    assert targets(facts, impact) == [claim]
    found = prompt_rule_edit(facts, impact)
    assert found is not None and found[0] is not None
    assert claim not in found[0]
    assert "between 2 and 8 people" in found[0] and "more than 8 people" in found[0]
    assert menu in found[0]


# --- a garden centre: island orders now go by ferry freight (a category) ----------------------

SHIP_OLD = "Every order goes by courier and arrives the next working day."
SHIP_NEW = (
    "Orders to the islands go by ferry freight and arrive within 5 working days; all other "
    "orders go by courier and arrive the next working day."
)


def _islands() -> ChangeFacts:
    return _facts(
        [{"feature": "region", "op": "=", "value": "islands"}],
        [Rule("H1", "sentence_changed", "Delivery", SHIP_OLD, SHIP_NEW, "changed")],
        {"Delivery": [SHIP_NEW], "Plants": ["Plants come with a 5-year guarantee."]},
        before="book_courier",
        after="book_ferry_freight",
    )


def test_a_category_and_all_the_others_said_together_replace_the_every_order_claim() -> None:
    facts = _islands()
    assert two_sided(facts, SHIP_NEW)
    sent = "Every order goes by courier, so it arrives the next working day."
    guarantee = "Plants come with a 5-year guarantee."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{sent} {guarantee}\n\nGreenleaf\n"
    impact = marked_impact("shipped", body, "macro", [sent])
    found = prompt_rule_edit(facts, impact)
    assert found is not None
    assert found[0] == body.replace(sent, SHIP_NEW)


# --- the changed side only: the rule said beside the others' (no move of this writer) ---------


def test_a_prompt_saying_the_changed_side_only_has_no_sided_rule() -> None:
    case = (
        "Orders over $200: don't refund them yourself; pass them to our Billing team with "
        "`transfer_to_billing` (order) and tell the customer the team will email them."
    )
    facts = _facts(
        [{"feature": "order_total", "op": ">", "value": 200}],
        [Rule("H1", "sentence_added", "Refunds", None, case, "added")],
        {"Refunds": ["Refund orders with `refund_order` (order, amount).", case]},
    )
    assert not two_sided(facts, case)
    assert sided_rule(facts) is None
    said = written_rule(facts)
    assert said is not None and said.head == "For orders over $200"


# --- a farm shop: delivery now charged to non-members (a flag), said in a list ----------------

FREE_OLD = "Delivery is free on every order."
FREE_NEW = "Members get free delivery on every order; non-members pay £3.95 for delivery."


def test_a_flag_and_its_other_value_said_together_replace_a_list_items_every_case_claim() -> None:
    facts = _facts(
        [{"feature": "is_member", "op": "=", "value": False}],
        [Rule("H1", "sentence_changed", "Delivery", FREE_OLD, FREE_NEW, "changed")],
        {"Delivery": [FREE_NEW], "Eggs": ["Eggs are collected every morning."]},
        before="book_delivery",
        after="charge_delivery",
    )
    assert two_sided(facts, FREE_NEW)
    claim = "- Free delivery on every order, whatever you buy"
    body = f"# Why shop with us\n\n{claim}\n- Eggs collected every morning\n"
    impact = marked_impact("why", body, "article", [claim])
    found = prompt_rule_edit(facts, impact)
    assert found is not None
    assert found[0] == body.replace(claim, "- " + FREE_NEW)


def test_a_value_said_before_its_noun_still_names_what_it_is_of() -> None:
    """Review (fa6): "an £80 deposit" names the deposit as much as "a deposit of £80": a row of
    another charge of the same £50 ("| Late return | £50, taken from your deposit … |") that a
    finder marked is not overwritten with the deposit rule; it is left to a writer."""
    from behaviordiff.drafting.impact import rank_items
    from behaviordiff.drafting.rules import rule_moves
    from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

    old = "Every hire pays a £50 deposit when the bike is collected."
    lead = "The deposit depends on the length of the hire."
    both = (
        "Hires of more than 3 days pay an £80 deposit when the bike is collected; hires of 3 "
        "days or fewer pay £50."
    )
    facts = ChangeFacts(
        id="C1",
        title="take_deposit → take_deposit",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("take_deposit", ())],
        after_actions=[ActionFact("take_deposit", ())],
        conditions=[
            Condition.from_dict(
                {"text": "condition", "atoms": [{"feature": "hire_days", "op": ">", "value": 3}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Deposits", old, lead, "changed"),
            Rule("H2", "sentence_added", "Deposits", None, both, "added"),
        ],
        prompt_sections={"Deposits": [lead, both], "Opening": ["We open at 9am every day."]},
    )
    facts.moves = rule_moves(facts.rules)
    late = "| Late return | £50, taken from your deposit when the bike is collected late |"
    body = (
        "# Hire prices\n\n| What | Price |\n| --- | --- |\n"
        "| Deposit | £50, paid when you collect the bike |\n"
        f"{late}\n| Damage | Up to £50 of the deposit, when the bike is collected damaged |\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "prices", "Prices", body, "markdown", "kb", "a")])
    for impact in rank_items(facts, kb):
        if not impact.conflicts:
            continue
        edit = TemplateDrafter().edit(facts, impact)
        if edit.new_body is not None:
            assert late in edit.new_body
            assert "pay an £80 deposit" not in edit.new_body.split(late)[0].splitlines()[-1]
