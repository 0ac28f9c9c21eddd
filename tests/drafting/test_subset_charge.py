"""A charge changed for a subset only, the rest paying as before: the KB sentence, row or list
item stating the charge keeps what the rest pay and says the subset's new terms beside it,
read from the change's facts (the amount moved to 0, the condition, the new prompt's own words
for the subset), never from a domain's words. Made-up variants:

1. a lower bound on money, said plainly (no "for everyone" claim): a garden centre's delivery
   "costs $8" in a macro with placeholders and a list item; deliveries of orders of $120 or more
   are now free ("Delivery costs $8 (free for orders of $120 or more), added to your total");
   $8 plant pots (the same amount, another subject) and the $120 free gift (the line's number,
   another topic) stay;
2. an upper bound, a table row and an every-case claim: a museum's €4 audio guide, now free
   for visitors under 12 ("| Audio guide | €4; free for visitors under 12 |"); the €4 locker
   row stays;
3. a category added to an exemption list: a coworking space's meeting rooms, free "only" for
   resident members, now also for startup programme members (`membership in {startup}`):
   prose ("The only exception is resident members, who …"), a macro sentence, a table cell and
   a "whichever plan you're on" clause over what the condition sorts by; a free locker for
   resident members (no "only", no amount) and the roof terrace (no charge) stay;
4. a flag added to an exemption list: a vet's home visits, free only for pensioners, now also
   for foster carers (`is_foster = true`);
5. a category dropped from the cases a charge is listed for: a ski hire's €15 damage waiver
   on "skis and snowboards", now on snowboards only (`equipment in {skis}`): a list item, a
   table row with "&" and the case said second ("snowboards and skis"); a service note naming
   skis with no amount, and helmets and goggles at €15, stay;
6. a fee brought in for a category where the KB says the thing is free: a dance school's
   rebooking of a missed class, free, now €6 for basic-plan members (`plan in {basic}`: fee
   0 -> 6): the clause saying it is free, with a clause after it saying there is nothing to
   pay, says the new prompt's both sides; a table cell the same; a free towel row (another
   thing) and a sentence on rebooking with no charge stay;
7. left alone: a change with no condition (everyone), and an exemption grown by a group the
   condition does not name.
"""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.waivedgroup import added_exemption, brought_in, waived_group
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem


def _facts(
    rules: list[tuple[str, str, str]],
    atoms: list[dict[str, Any]],
    amount: float,
    others: tuple[str, ...] = (),
    text: str = "condition",
) -> ChangeFacts:
    """An actions change C1 on four probes (of 14): `book` fee `amount` -> 0 where `atoms`
    hold (and the tag), the prompt's `rules` (kind, old, new) and `others` sentences."""
    conditions = []
    if atoms:
        conditions = [
            Condition.from_dict(
                {
                    "text": f"{text} and tag fee",
                    "atoms": [*atoms, {"feature": "tag:fee", "op": "tag"}],
                    "changed": {"matched": 4, "total": 4},
                    "others": {"matched": 0, "total": 10},
                }
            )
        ]
    action = ActionFact("book")
    probes = ("p1", "p2", "p3", "p4")
    sentences = [new for _, _, new in rules] + list(others)
    return ChangeFacts(
        id="C1",
        title=f"book: fee {amount:g} → 0",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(probes),
        after_actions=[action],
        conditions=conditions,
        rules=[
            Rule(f"H{at}", kind, "Charges", old or None, new, "…")
            for at, (kind, old, new) in enumerate(rules, start=1)
        ],
        excerpts=[Excerpt(probe_id="p1", old="That's the fee.", new="That's free.")],
        others=10,
        moved=[MovedValue(action, "fee", tuple((p, amount, 0.0) for p in probes))],
        prompt_sections={"Charges": sentences},
    )


def _edited(facts: ChangeFacts, items: list[KnowledgeItem]) -> dict[str, str | None]:
    """Each item's edited body by key (None: flagged with no text); items with no conflict
    are left out."""
    drafter = TemplateDrafter()
    return {
        impact.item.key: drafter.edit(facts, impact).new_body
        for impact in rank_items(facts, KnowledgeBase(items))
        if impact.conflicts
    }


# 1. a lower bound on money, the charge said plainly ------------------------------------------

GARDEN_RULES = [
    (
        "sentence_changed",
        "Every delivery costs $8, added to the order total.",
        "Deliveries of orders of $120 or more are free: book the van with a fee of 0 and tell "
        "the customer delivery is free because their order was $120 or more.",
    ),
    (
        "sentence_added",
        "",
        "Deliveries of orders under $120 cost $8, added to the order total.",
    ),
]
GARDEN_OTHERS = ("Plant pots cost $8 each.", "Orders of $120 or more get a free seed packet.")
DELIVERY_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour delivery for {{ticket.custom_field_order}} is "
    "booked. Delivery costs $8, added to your order total. Plant pots cost $8 each if you "
    "want to add some.\n\nGreenway Garden Centre"
)
DELIVERY_ARTICLE = (
    "# Delivery\n\nWe deliver within 20 miles.\n\n## Good to know\n\n"
    "- Delivery costs $8 per order\n- Orders of $120 or more get a free seed packet\n"
    "- Plant pots cost $8 each\n"
)


def test_a_plain_charge_says_the_lower_line_beside_it() -> None:
    facts = _facts(
        GARDEN_RULES,
        [{"feature": "order_total", "op": ">=", "value": 120}],
        8.0,
        GARDEN_OTHERS,
    )
    waived = waived_group(facts)
    assert waived is not None and waived.group == "Deliveries of orders of $120 or more"
    edited = _edited(
        facts,
        [
            KnowledgeItem("macro", "1", "Delivery::Booked", DELIVERY_MACRO, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Delivery", DELIVERY_ARTICLE, "markdown", "kb", "a"),
        ],
    )
    assert edited["macro:1"] == DELIVERY_MACRO.replace(
        "Delivery costs $8, added", "Delivery costs $8 (free for orders of $120 or more), added"
    )
    assert edited["article:2"] == DELIVERY_ARTICLE.replace(
        "- Delivery costs $8 per order",
        "- Delivery costs $8 per order (free for orders of $120 or more)",
    )
    # the pots ($8, another subject) and the seed packet ($120, another topic) stay
    for body in (edited["macro:1"] or "", edited["article:2"] or ""):
        assert "Plant pots cost $8 each" in body
    assert "- Orders of $120 or more get a free seed packet\n" in (edited["article:2"] or "")
    assert any("free for orders of $120 or more" in said for said in draft_facts(facts))


# 2. an upper bound, a table row, an every-case claim -------------------------------------------

MUSEUM_RULES = [
    ("sentence_changed", "An audio guide costs €4.", "An audio guide costs €4 from age 12."),
    (
        "sentence_added",
        "",
        "Visitors under 12 get the audio guide free: book it with a fee of 0.",
    ),
]
MUSEUM = (
    "# Prices\n\nAn audio guide costs €4, whatever your age.\n\n"
    "| What | Price |\n| --- | --- |\n| Audio guide | €4 |\n| Locker | €4 |\n"
)


def test_an_upper_line_in_a_table_row_and_an_every_case_claim() -> None:
    facts = _facts(
        MUSEUM_RULES,
        [{"feature": "visitor_age", "op": "<", "value": 12}],
        4.0,
        ("Lockers cost €4 a day.",),
    )
    edited = _edited(
        facts, [KnowledgeItem("article", "3", "Prices", MUSEUM, "markdown", "kb", "a")]
    )
    assert edited["article:3"] == MUSEUM.replace(
        "€4, whatever your age.", "€4 (free for visitors under 12)."
    ).replace("| Audio guide | €4 |", "| Audio guide | €4; free for visitors under 12 |")


# 3. a category added to an exemption list ------------------------------------------------------

ROOM_RULES = [
    (
        "sentence_changed",
        "Only resident members book meeting rooms free: use a fee of 0.",
        "Resident members and startup programme members book meeting rooms free: use a fee of 0.",
    ),
]
ROOMS = (
    "# Meeting rooms\n\nMeeting rooms cost $20 an hour, whichever plan you're on. The only "
    "exception is resident members, who book them free.\n\nResident members get a free "
    "locker too. Only resident members can use the roof terrace.\n\n"
    "| Room | Price |\n| --- | --- |\n| Meeting room | $20 an hour, free for resident members "
    "only |\n| Phone booth | Free for everyone |\n"
)
ROOM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour room is booked. Meeting rooms are $20 an "
    "hour; only resident members book them free.\n\nThe Yard"
)


def test_a_category_is_named_after_the_group_already_let_off() -> None:
    facts = _facts(
        ROOM_RULES,
        [{"feature": "plan", "op": "in", "value": ["startup"]}],
        20.0,
        ("Meeting rooms cost $20 an hour.",),
    )
    grown = added_exemption(facts)
    assert grown is not None and grown.anchor == ("resident", "members")
    assert grown.added == "and startup programme members"
    edited = _edited(
        facts,
        [
            KnowledgeItem("article", "4", "Meeting rooms", ROOMS, "markdown", "kb", "a"),
            KnowledgeItem("macro", "5", "Rooms::Booked", ROOM_MACRO, "text", "kb", "m"),
        ],
    )
    assert edited["article:4"] == ROOMS.replace(
        "$20 an hour, whichever plan you're on. The only exception is resident members, who",
        "$20 an hour. The only exceptions are resident members and startup programme members, who",
    ).replace(
        "free for resident members only |",
        "free for resident members and startup programme members only |",
    )
    assert edited["macro:5"] == ROOM_MACRO.replace(
        "only resident members book", "only resident members and startup programme members book"
    )
    # a free locker (no "only", no amount) and the roof terrace (no charge) stay, in the edit
    assert "Resident members get a free locker too. Only resident members can use the roof" in (
        edited["article:4"] or ""
    )
    assert any("and startup programme members" in said for said in draft_facts(facts))


# 4. a flag added to an exemption list ----------------------------------------------------------


def test_a_flag_is_named_after_the_group_already_let_off() -> None:
    facts = _facts(
        [
            (
                "sentence_changed",
                "Home visits cost £30. Only pensioners get them free (fee 0).",
                "Home visits cost £30. Pensioners and foster carers get them free (fee 0).",
            )
        ],
        [{"feature": "is_foster", "op": "=", "value": True}],
        30.0,
    )
    body = "Hello,\n\nHome visits are £30; pensioners are the only ones who get them free.\n"
    edited = _edited(facts, [KnowledgeItem("macro", "6", "Visits", body, "text", "kb", "m")])
    assert edited["macro:6"] == body.replace(
        "pensioners are the only", "pensioners and foster carers are the only"
    )


# 5. a category dropped from a charge's list of cases ------------------------------------------


def test_a_dropped_category_leaves_the_list_of_cases_charged() -> None:
    facts = _facts(
        [
            (
                "sentence_changed",
                "Skis and snowboards carry a €15 damage waiver.",
                "Snowboards carry a €15 damage waiver.",
            )
        ],
        [{"feature": "equipment", "op": "in", "value": ["skis"]}],
        15.0,
    )
    body = (
        "# Hire prices\n\n- Damage waiver: €15 for skis and snowboards\n"
        "- Skis and boots are serviced every day\n- Helmets and goggles: €15 a week\n\n"
        "| Extra | Price |\n| --- | --- |\n| Damage waiver (skis & snowboards) | €15 |\n\n"
        "We add €15 to hires of snowboards and skis for the waiver.\n"
    )
    edited = _edited(facts, [KnowledgeItem("article", "7", "Hire", body, "markdown", "kb", "a")])
    assert edited["article:7"] == body.replace(
        "€15 for skis and snowboards", "€15 for snowboards"
    ).replace("(skis & snowboards)", "(snowboards)").replace(
        "snowboards and skis for", "snowboards for"
    )


# 6. a fee brought in for a category where the KB says free ------------------------------------


def test_a_fee_brought_in_for_a_category_says_both_sides_where_the_kb_says_free() -> None:
    facts = _facts(
        [
            (
                "sentence_changed",
                "Rebooking a missed class is free.",
                "Flexible plan members rebook a missed class free; basic plan members pay €6 "
                "to rebook, taken from their account.",
            )
        ],
        [{"feature": "plan", "op": "in", "value": ["basic"]}],
        0.0,
    )
    facts = ChangeFacts(
        **{
            **facts.__dict__,
            "moved": [
                MovedValue(ActionFact("book"), "fee", tuple((p, 0.0, 6.0) for p in facts.probe_ids))
            ],
        }
    )
    charge = brought_in(facts)
    assert charge is not None and charge.said.endswith("taken from your account")
    body = (
        "# Missed a class?\n\nRebooking a missed class is always free, so there's nothing to "
        "pay. Rebooking is done in the app.\n\n| What | Price |\n| --- | --- |\n"
        "| Rebooking a class | Free |\n| Towel | Free |\n"
    )
    edited = _edited(facts, [KnowledgeItem("article", "8", "Missed", body, "markdown", "kb", "a")])
    said = (
        "Flexible plan members rebook a missed class free; basic plan members pay €6 to "
        "rebook, taken from your account"
    )
    assert edited["article:8"] == body.replace(
        "Rebooking a missed class is always free, so there's nothing to pay.", f"{said}."
    ).replace("| Rebooking a class | Free |", f"| Rebooking a class | {said} |")


# 7. what the move leaves alone -----------------------------------------------------------------


def test_no_subset_and_a_group_the_condition_does_not_name_are_left_alone() -> None:
    everyone = _facts(GARDEN_RULES, [], 8.0, GARDEN_OTHERS)
    assert waived_group(everyone) is None and added_exemption(everyone) is None
    other_group = _facts(ROOM_RULES, [{"feature": "plan", "op": "in", "value": ["flexi"]}], 20.0)
    assert added_exemption(other_group) is None
    edited = _edited(
        other_group,
        [KnowledgeItem("macro", "5", "Rooms::Booked", ROOM_MACRO, "text", "kb", "m")],
    )
    assert "startup" not in (edited.get("macro:5") or "")


# review fixes ------------------------------------------------------------------------------------

REBOOK_RULES = [
    (
        "sentence_changed",
        "Rebooking a missed class is free.",
        "Flexible plan members rebook a missed class free; basic plan members pay €6 to "
        "rebook, taken from their account.",
    )
]


def _brought_in_facts(rules: list[tuple[str, str, str]] = REBOOK_RULES) -> ChangeFacts:
    """The dance school's fee brought in for basic-plan members (fee 0 -> 6)."""
    facts = _facts(rules, [{"feature": "plan", "op": "in", "value": ["basic"]}], 0.0)
    return ChangeFacts(
        **{
            **facts.__dict__,
            "moved": [
                MovedValue(ActionFact("book"), "fee", tuple((p, 0.0, 6.0) for p in facts.probe_ids))
            ],
        }
    )


def test_a_free_clause_with_no_end_mark_is_said_without_reading_past_the_end() -> None:
    facts = _brought_in_facts()
    said = (
        "flexible plan members rebook a missed class free; basic plan members pay €6 to "
        "rebook, taken from your account"
    )
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nYour class is booked.\n\n"
        "Rebooking a missed class is free"
    )
    edited = _edited(
        facts, [KnowledgeItem("macro", "9", "Classes::Booked", macro, "text", "kb", "m")]
    )
    assert edited["macro:9"] == macro.replace(
        "Rebooking a missed class is free", said[:1].upper() + said[1:]
    )
    body = "# Classes\n\n- Rebooking a missed class is free, free"
    edited = _edited(facts, [KnowledgeItem("article", "9", "Classes", body, "markdown", "kb", "a")])
    assert edited["article:9"] == body.replace(
        "Rebooking a missed class is free, free", said[:1].upper() + said[1:]
    )


def test_a_short_form_counts_only_in_a_list_of_short_forms() -> None:
    seats = _facts(
        [
            (
                "sentence_changed",
                "Business and premium seats carry a £5 surcharge.",
                "Premium seats carry a £5 surcharge.",
            )
        ],
        [{"feature": "seat", "op": "in", "value": ["business"]}],
        5.0,
    )
    body = (
        "# Seats\n\n- A £5 surcharge applies to business and premium seats\n"
        "- Bus and tram tickets carry a £5 booking fee\n"
        "- Sun and shade seats on the deck carry a £5 surcharge\n"
    )
    edited = _edited(seats, [KnowledgeItem("article", "10", "Seats", body, "markdown", "kb", "a")])
    assert edited["article:10"] == body.replace("business and premium", "premium")
    days = _facts(
        [
            (
                "sentence_changed",
                "Friday and Sunday collections carry a £3 surcharge.",
                "Sunday collections carry a £3 surcharge.",
            )
        ],
        [{"feature": "day", "op": "in", "value": ["friday"]}],
        3.0,
    )
    body = (
        "| Collection | Extra |\n| --- | --- |\n| Late (Fri & Sun) | £3 |\n"
        "| Frisbee & Sun hat | £3 |\n"
    )
    edited = _edited(days, [KnowledgeItem("article", "11", "Days", body, "markdown", "kb", "a")])
    assert edited["article:11"] == body.replace("(Fri & Sun)", "(Sun)")


def test_the_case_leaves_the_list_of_the_clause_giving_the_charge() -> None:
    facts = _facts(
        [
            (
                "sentence_changed",
                "Skis and snowboards carry a €15 damage waiver.",
                "Snowboards carry a €15 damage waiver.",
            )
        ],
        [{"feature": "equipment", "op": "in", "value": ["skis"]}],
        15.0,
    )
    body = (
        "# Waiver\n\nThe shop services skis and snowboards every day; a €15 damage waiver "
        "covers skis and snowboards.\n"
    )
    edited = _edited(facts, [KnowledgeItem("article", "12", "Waiver", body, "markdown", "kb", "a")])
    assert edited["article:12"] == body.replace("covers skis and snowboards", "covers snowboards")


def test_two_words_of_the_thing_name_it_wherever_its_head_noun_stands() -> None:
    facts = _brought_in_facts(
        [
            (
                "sentence_changed",
                "Missed class rebookings are free.",
                "Flexible plan members rebook a missed class free; basic plan members pay €6 to "
                "rebook, taken from their account.",
            )
        ]
    )
    charge = brought_in(facts)
    assert charge is not None
    body = "# Rebooking\n\nClass rebookings are free. Towels are free too.\n"
    edited = _edited(facts, [KnowledgeItem("article", "13", "Rebook", body, "markdown", "kb", "a")])
    assert edited["article:13"] == body.replace("Class rebookings are free.", f"{charge.said}.")


def test_a_charge_said_plainly_again_gets_the_exemption_once_in_prose_a_list_and_a_table() -> None:
    facts = _facts(
        GARDEN_RULES,
        [{"feature": "order_total", "op": ">=", "value": 120}],
        8.0,
        GARDEN_OTHERS,
    )
    body = (
        "# Delivery\n\nDelivery costs $8 per order.\n\n## Paying\n\nThe delivery charge of $8 "
        "is added to your order total.\n\n## Good to know\n\n- Delivery costs $8\n"
        "- The delivery charge is $8 an order\n\n"
        "| What | Price |\n| --- | --- |\n| Delivery | $8 |\n| Van hire | $40 |\n"
    )
    edited = _edited(
        facts, [KnowledgeItem("article", "14", "Delivery", body, "markdown", "kb", "a")]
    )
    assert edited["article:14"] == body.replace(
        "Delivery costs $8 per order.",
        "Delivery costs $8 per order (free for orders of $120 or more).",
    ).replace("| Delivery | $8 |", "| Delivery | $8; free for orders of $120 or more |").replace(
        "- Delivery costs $8\n", "- Delivery costs $8 (free for orders of $120 or more)\n"
    )
    recordings = _brought_in_facts(
        [
            (
                "sentence_changed",
                "Recordings of past classes are free.",
                "Flexible plan members watch recordings of past classes free; basic plan "
                "members pay €6 a recording, taken from their account.",
            )
        ]
    )
    charge = brought_in(recordings)
    assert charge is not None
    body = (
        "| What | Price |\n| --- | --- |\n| Class recording | Free |\n| Past class notes | Free |\n"
    )
    edited = _edited(
        recordings, [KnowledgeItem("article", "15", "Prices", body, "markdown", "kb", "a")]
    )
    assert edited["article:15"] == body.replace(
        "| Class recording | Free |", f"| Class recording | {charge.said} |"
    )
