"""The old value read wherever and however the KB states it, then rewritten in place, in the
KB's own shape (issue 8). Made-up domains, none of them the scenarios':

- an airline's miles rate moved from 1 to 3 miles a dollar: the KB says "a mile for each
  dollar" (a rate with no digit), "1 mi / $1" (a bare cell), "One mile per dollar"; the award
  chart ("25,000 miles = a free flight") and "$1 booking fee" stay;
- a courier's weight limit moved from 30 kg to 35 kg: "max. 30 kg per parcel", "30kg max" in
  a cell, "up to thirty kilos"; "30 cm" (the same number in another unit) and "30 days" stay;
- a cinema's concession age moved from 65 to 60: "| Senior (65+) | £6 |" (the value in the
  row's key), "Over-65s pay £6"; "| Annual pass | £65 |" stays;
- a bike shop's free delivery bounded at $50 ("any order" → "orders over $50"): "We deliver
  any order free", a list item "- Any order: free delivery", "Whatever you spend, delivery is
  free"; "You can return any order within 30 days" (another rule) stays.
"""

from __future__ import annotations

from behaviordiff.drafting.boundclaim import bounds_claim_at, claim_bound
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, value_statements
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.unitcount import unit_statements
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item, moved_facts


def _drafted(
    old: str, new: str, items: list[KnowledgeItem], atoms: list[dict[str, object]], section: str
) -> dict[str, str | None]:
    """Each item's new body (None: found but no text; absent: not found)."""
    facts = moved_facts(
        [Rule("H1", "sentence_changed", section, old, new, "changed")], atoms, facets=("promises",)
    )
    out: dict[str, str | None] = {}
    for impact in rank_items(facts, KnowledgeBase(items)):
        if impact.conflicts:
            edit = TemplateDrafter().edit(facts, impact)
            out[impact.item.key] = edit.new_body if edit is not None else None
    return out


MILES_OLD = "Members earn 1 mile for each dollar spent on flights booked with us."
MILES_NEW = "Members earn 3 miles for each dollar spent on flights booked with us."
MILES_PROSE = (
    "# Earning miles\n\nEvery flight counts: you earn a mile for each dollar you spend on flights "
    "booked with us.\n\nMiles never expire while you fly once a year.\n"
)
MILES_TABLE = (
    "# Skyway at a glance\n\n| What | Detail |\n| --- | --- |\n| Earning on flights | 1 mi / $1 "
    "spent |\n| Award flights | 25,000 miles = a free flight |\n| Booking fee | $1 per booking |\n"
)
MILES_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've added {{ticket.custom_field_miles}} miles to "
    "your account. One mile per dollar spent on flights, as always.\n\nSkyway"
)


def test_a_rate_with_no_digit_and_a_bare_cell_take_the_new_rate_in_their_shape() -> None:
    out = _drafted(
        MILES_OLD,
        MILES_NEW,
        [
            kb_item("earning", MILES_PROSE),
            kb_item("glance", MILES_TABLE),
            kb_item("added", MILES_MACRO, kind="macro"),
        ],
        [{"feature": "tag:miles", "op": "tag"}],
        "Skyway miles",
    )
    assert out["article:earning"] == MILES_PROSE.replace(
        "you earn a mile for each dollar", "you earn three miles for each dollar"
    )
    assert out["article:glance"] == MILES_TABLE.replace(
        "| 1 mi / $1 spent |", "| 3 mi / $1 spent |"
    )
    assert out["macro:added"] == MILES_MACRO.replace(
        "One mile per dollar", "Three miles per dollar"
    )


WEIGHT_OLD = "Each parcel must weigh 30 kg or less and be no longer than 120 cm."
WEIGHT_NEW = "Each parcel must weigh 35 kg or less and be no longer than 120 cm."
WEIGHT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nPlease keep to our limits: max. 30 kg per parcel, "
    "and no longer than 120 cm.\n\nParcelDash"
)
WEIGHT_TABLE = (
    "# Parcel limits\n\n| What | Our rule |\n|---|---|\n| Weight | 30kg max |\n"
    "| Box depth | 30 cm or less |\n| Returns | Within 30 days |\n"
)
WEIGHT_PROSE = "# Sending a parcel\n\nEach parcel can weigh up to thirty kilos.\n"


def test_a_weight_attached_spaced_or_in_words_moves_and_the_same_number_elsewhere_stays() -> None:
    out = _drafted(
        WEIGHT_OLD,
        WEIGHT_NEW,
        [
            kb_item("limits", WEIGHT_MACRO, kind="macro"),
            kb_item("table", WEIGHT_TABLE),
            kb_item("sending", WEIGHT_PROSE),
        ],
        [{"feature": "parcel_kg", "op": "between", "low": 30, "high": 35}],
        "Parcels",
    )
    assert out["macro:limits"] == WEIGHT_MACRO.replace("max. 30 kg", "max. 35 kg")
    # the weight's row alone: 30 cm (another unit) and 30 days (another rule) stay
    assert out["article:table"] == WEIGHT_TABLE.replace("| 30kg max |", "| 35kg max |")
    assert out["article:sending"] == WEIGHT_PROSE.replace("thirty kilos", "thirty-five kilos")


AGE_OLD = "Concessions: customers aged 65 and over pay £6 for any screening."
AGE_NEW = "Concessions: customers aged 60 and over pay £6 for any screening."
AGE_TABLE = (
    "# Ticket prices\n\n| Ticket | Price |\n|---|---|\n| Adult | £9 |\n| Senior (65+) | £6 |\n"
    "| Annual pass | £65 |\n"
)
AGE_PROSE = "# Concessions\n\nOver-65s pay £6 for any screening, and students pay £7.\n"


def test_the_value_in_a_row_key_or_a_group_name_moves_and_a_price_of_the_same_digits_stays() -> (
    None
):
    out = _drafted(
        AGE_OLD,
        AGE_NEW,
        [kb_item("prices", AGE_TABLE), kb_item("concessions", AGE_PROSE)],
        [{"feature": "customer_age", "op": "between", "low": 60, "high": 65}],
        "Tickets",
    )
    assert out["article:prices"] == AGE_TABLE.replace("Senior (65+)", "Senior (60+)")
    assert out["article:concessions"] == AGE_PROSE.replace("Over-65s", "Over-60s")


DELIVERY_OLD = "Delivery is free on any order, sent by tracked courier."
DELIVERY_NEW = "Delivery is free on orders over $50, sent by tracked courier."
DELIVERY_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: we deliver any order free, by tracked "
    "courier. You can return any order within 30 days.\n\nSpokes"
)
DELIVERY_LIST = "# Delivery\n\n- Any order: free delivery by tracked courier\n- Returns: 30 days\n"
DELIVERY_PROSE = "# Shipping\n\nWhatever you spend, delivery is free and sent by tracked courier.\n"


def test_a_claim_for_every_case_takes_the_bound_in_the_kb_words() -> None:
    out = _drafted(
        DELIVERY_OLD,
        DELIVERY_NEW,
        [
            kb_item("good", DELIVERY_MACRO, kind="macro"),
            kb_item("delivery", DELIVERY_LIST),
            kb_item("shipping", DELIVERY_PROSE),
        ],
        [{"feature": "order_total", "op": "<", "value": 50}],
        "Delivery",
    )
    # the returns claim, another rule over the same noun, stays
    assert out["macro:good"] == DELIVERY_MACRO.replace(
        "we deliver any order free", "we deliver any order over $50 free"
    )
    assert out["article:delivery"] == DELIVERY_LIST.replace(
        "- Any order: free", "- Orders over $50: free"
    )
    assert out["article:shipping"] == DELIVERY_PROSE.replace(
        "Whatever you spend,", "If you spend over $50,"
    )


def test_what_the_readers_leave_alone() -> None:
    old, new = "1 point", "2 points"
    said = ("Members earn 1 point per £1.", "Members earn 2 points per £1.")
    # "100 points", "£1" and a count of something else are other amounts
    assert not unit_statements(old, new, *said, "100 points = £1 off, one bag each")
    # a count the prompt gives no unit is no unit statement
    assert not unit_statements("3", "4", "Book up to 3 times.", "Book up to 4 times.", "3 kg")
    # a claim bounded elsewhere, or over another noun, is no bound of this one
    assert claim_bound(["any", "order"], ["orders", "of", "£200", "or", "more"]) is not None
    assert claim_bound(["any", "order"], ["items", "of", "£200", "or", "more"]) is None
    assert bounds_claim_at("Open to any order.", "Open to orders of £200 or more.", {200.0})
    assert not bounds_claim_at("Open to any order.", "Open to orders of £200 or more.", {50.0})


STAMP_OLD = (
    "Customers get 1 stamp per hot drink bought at the counter; 10 stamps earn a free drink."
)
STAMP_NEW = (
    "Customers get 2 stamps per hot drink bought at the counter; 10 stamps earn a free drink."
)
STAMP_FAQ = (
    "# Loyalty card\n\n**How many stamps do I get for a hot drink?**\n\nOne stamp per hot drink "
    "bought at the counter.\n\n**When do I get a free drink?**\n\nOnce you have 10 stamps.\n\n"
    "Our barista is your point of contact for the card, and there's a stamp limit of one card "
    "per customer.\n"
)


def test_a_rate_in_words_in_a_q_and_a_answer_moves_and_the_reward_stays() -> None:
    out = _drafted(
        STAMP_OLD,
        STAMP_NEW,
        [kb_item("card", STAMP_FAQ)],
        [{"feature": "tag:stamps", "op": "tag"}],
        "Loyalty",
    )
    assert out["article:card"] == STAMP_FAQ.replace(
        "One stamp per hot drink", "Two stamps per hot drink"
    )


def test_a_claim_whose_noun_the_diff_kept_is_bounded_too() -> None:
    # "all orders" → "orders over £30": the token diff keeps "orders", the claim is the same
    old = "Free gift wrap is available on all orders, in any colour."
    new = "Free gift wrap is available on orders over £30, in any colour."
    [move] = rule_moves([Rule("H1", "sentence_changed", "Gifts", old, new, "changed")])
    assert (move.old, move.new) == ("all orders", "orders over £30")
    assert rewrite_sentence(move, "Every order can be gift wrapped free.") == (
        "Every order over £30 can be gift wrapped free."
    )
    assert rewrite_sentence(move, "| Gift wrap | All orders |") == "| Gift wrap | Orders over £30 |"
    # a claim already bounded is no statement of the old rule
    assert rewrite_sentence(move, "We gift wrap any order over £20 free.") is None


def test_a_short_form_is_a_known_one_and_a_look_alike_word_is_no_unit() -> None:
    # a pub's points per pint moved 1 → 2: "1 pint" is no "1 pt", "1 set" no "1 seat"
    said = ("Earn 1 point for every pint.", "Earn 2 points for every pint.")
    assert [m.group() for m in unit_statements("1 point", "2 points", *said, "1 pt / pint")] == [
        "1 pt"
    ]
    for trap in (
        "Collect 10 points and your next 1 pint is on us.",
        "Members get 1 pint free on their birthday.",
    ):
        assert not unit_statements("1 point", "2 points", *said, trap)
    seats = ("Book 1 seat per member.", "Book 2 seats per member.")
    assert not unit_statements("1 seat", "2 seats", *seats, "Hire 1 set of clubs for £5.")
    guests = ("Bring 1 person per visit.", "Bring 2 people per visit.")
    assert not unit_statements("1 person", "2 persons", *guests, "Take 1 pen per visit.")


def test_the_line_and_the_same_price_on_another_subject_is_no_statement_of_the_rule() -> None:
    # the cinema's over-65s also get a kiosk discount, and a snack combo costs the same £6:
    # the line and the price stand in two clauses about other things, so that sentence stays
    # byte for byte and the concession sentence is still rewritten (not the item given up)
    body = (
        AGE_PROSE + "\n## Food\n\nThe kiosk opens an hour before the first screening. "
        "Over-65s get 10% off at the kiosk, and a popcorn combo for two is £6.\n"
    )
    out = _drafted(
        AGE_OLD,
        AGE_NEW,
        [kb_item("concessions", body)],
        [{"feature": "customer_age", "op": "between", "low": 60, "high": 65}],
        "Tickets",
    )
    assert out["article:concessions"] == body.replace("Over-65s pay £6", "Over-60s pay £6")


def test_a_claim_is_read_only_in_a_clause_about_the_rule() -> None:
    # a shop's gift wrap bounded at £30: "every order" in a clause about packing or
    # cancelling is another rule over the same noun, read as no claim of this one
    old = "Gift wrap is free on any order placed online."
    new = "Gift wrap is free on orders of £30 or more placed online."
    [move] = rule_moves([Rule("H1", "sentence_changed", "Gifts", old, new, "changed")])
    assert [m.group() for m in value_statements(move, "We gift wrap every order.")] == [
        "every order"
    ]
    for trap in (
        "Every order is packed by hand and sent within 2 days.",
        "Whatever you spend, we send a receipt by email.",
    ):
        assert not value_statements(move, trap)
    assert rewrite_sentence(move, "Every order is packed by hand within 2 days.") is None


def test_a_class_said_with_a_is_a_count_only_as_a_rate() -> None:
    # a gym's free classes moved 1 → 2 a week: "a class" elsewhere in the FAQ counts nothing
    said = ("Members get 1 class a week free.", "Members get 2 classes a week free.")
    assert [m.group() for m in unit_statements("1 class", "2 classes", *said, "A class a week.")]
    for trap in ("Book a class in the app.", "If a class is full, join the waitlist."):
        assert not unit_statements("1 class", "2 classes", *said, trap)
