"""The writer of last resort (`drafting.promptrule`): the new prompt's rule in the KB's voice,
where the KB states the old one, for a change no class rule could write.

Made-up agents: a piano-removals firm that no longer books grand pianos straight away (a
surveyor rings first), a garden-furniture shop that now sends tracking links abroad on
WhatsApp, and a bakery that now takes cake orders by phone only (for everyone)."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import (
    new_rule,
    prompt_rule_edit,
    restates_kept_rule,
    targets,
    touched_sentences,
    voiced,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item, marked_impact

# --- the voice --------------------------------------------------------------------------------


def test_a_rule_with_a_field_aside_a_tool_call_and_a_told_clause_is_said_to_the_customer() -> None:
    said = voiced(
        "When the piano is a grand (Piano type: grand), don't book it: a surveyor must see the "
        'stairs first. Call `transfer_to_surveyor` (reference, reason "grand") and tell the '
        "customer our surveyor will ring them within 3 working days to arrange a visit."
    )
    assert said is not None
    assert said.head == "When the piano is a grand"
    assert said.sentence == (
        "When the piano is a grand, we don't book it: a surveyor must see the stairs first. "
        "Our surveyor will ring you within 3 working days to arrange a visit."
    )


def test_a_labelled_rule_says_its_label_as_the_case_and_drops_how_the_agent_does_it() -> None:
    said = voiced(
        "Overseas orders: send the tracking link with `send_tracking` (channel whatsapp) and tell "
        "the customer it will arrive on WhatsApp within 2 hours of dispatch."
    )
    assert said is not None
    assert said.sentence == (
        "For overseas orders, we send the tracking link, and it will arrive on WhatsApp within "
        "2 hours of dispatch."
    )


def test_a_plain_label_goes_and_the_customer_noun_and_pronouns_become_you() -> None:
    said = voiced(
        "Exception: if the lesson was bought as part of a course, a late cancellation still gets "
        "a full credit. Cancel it with `cancel_lesson` and credit_percent 100, and tell the "
        "swimmer the lesson goes back into their course."
    )
    assert said is not None
    assert said.sentence == (
        "If the lesson was bought as part of a course, a late cancellation still gets a full "
        "credit. The lesson goes back into your course."
    )


def test_a_rule_that_is_all_the_agents_own_work_has_no_voice() -> None:
    assert voiced("Call `log_visit` (reference) with `status_code` 4.") is None


# --- a piano-removals firm: grand pianos are no longer booked straight away --------------------

OLD = "We can book a removal for any piano straight away, whatever the size."
KEPT = "Tell them removals run between 8am and 6pm."
ADDED = (
    "When the piano is a grand (Piano type: grand), don't book it: a surveyor must see the "
    "stairs first. Call `transfer_to_surveyor` (reference) and tell the customer our surveyor "
    "will ring them within 3 working days to arrange a visit."
)
SECTIONS = {
    "Bookings": [
        "We can book a removal straight away.",
        *ADDED.split(". ", 1)[0:1],
        "Call `transfer_to_surveyor` (reference) and tell the customer our surveyor will ring "
        "them within 3 working days to arrange a visit.",
        KEPT,
    ],
    "Prices": ["An upright costs £180 to move and a grand £320."],
}
SECTIONS["Bookings"][1] = (
    "When the piano is a grand (Piano type: grand), don't book it: a surveyor must see the "
    "stairs first."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for choosing us. We can book a removal for "
    "any piano straight away, whatever the size, so I've put {{ticket.custom_field_date}} in "
    "the diary. Our crew will arrive between 8am and 6pm on the day.\n\nBest,\n"
    "{{current_user.first_name}}\n"
)
ARTICLE = """# Booking a piano removal

## How quickly can you book?

We book every removal straight away, for any piano.

## Does the size matter?

It doesn't matter whether it's an upright or a grand: we book it on the spot.

## Prices

An upright costs £180 to move and a grand £320.
"""


def _piano() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_removal → transfer_to_surveyor",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_removal", ())],
        after_actions=[ActionFact("transfer_to_surveyor", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "piano_type = grand",
                    "atoms": [{"feature": "piano_type", "op": "=", "value": "grand"}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Bookings", OLD, SECTIONS["Bookings"][0], "changed"),
            Rule("H2", "sentence_added", "Bookings", None, SECTIONS["Bookings"][1], "added"),
            Rule("H3", "sentence_added", "Bookings", None, SECTIONS["Bookings"][2], "added"),
        ],
        prompt_sections=SECTIONS,
    )


def test_the_two_sentences_of_one_added_bullet_are_one_rule_and_name_the_case() -> None:
    said = new_rule(_piano())
    assert said is not None and said.head == "When the piano is a grand"
    assert "surveyor will ring you within 3 working days" in said.statement


def test_a_macro_keeps_the_rule_for_the_rest_narrowed_and_says_the_new_one_once() -> None:
    facts = _piano()
    booked = (
        "We can book a removal for any piano straight away, whatever the size, so I've put "
        "{{ticket.custom_field_date}} in the diary."
    )
    crew = "Our crew will arrive between 8am and 6pm on the day."
    # the crew sentence is marked too, but it is closer to a rule the new prompt keeps
    impact = marked_impact("booked", MACRO, "macro", [booked, crew])
    assert targets(facts, impact) == [booked]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == MACRO.replace(
        booked,
        "We can book a removal straight away, so I've put {{ticket.custom_field_date}} in the "
        "diary. When the piano is a grand, we don't book it: a surveyor must see the stairs "
        "first. Our surveyor will ring you within 3 working days to arrange a visit.",
    )
    assert "transfer_to_surveyor" not in edit.new_body


def test_an_article_narrows_the_claim_and_the_same_for_everyone_sentence_goes() -> None:
    facts = _piano()
    every = "We book every removal straight away, for any piano."
    same = "It doesn't matter whether it's an upright or a grand: we book it on the spot."
    impact = marked_impact("booking", ARTICLE, "article", [every])
    assert targets(facts, impact) == [every, same]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "for any piano" not in edit.new_body and same not in edit.new_body
    assert "When the piano is a grand, we don't book it" in edit.new_body
    assert edit.new_body.count("surveyor will ring you") == 1
    # headings and the price list stay byte for byte
    for kept in ("# Booking a piano removal", "## Does the size matter?", "a grand £320."):
        assert kept in edit.new_body


def test_an_item_about_another_topic_is_no_target() -> None:
    facts = _piano()
    prices = "An upright costs £180 to move and a grand £320."
    impact = marked_impact("prices", f"# Prices\n\n{prices}\n", "article", [prices])
    assert targets(facts, impact) == []


# --- a garden-furniture shop: tracking links abroad now come on WhatsApp ----------------------

SHIP_OLD = (
    "Send the tracking link with `send_tracking` (channel email) and tell the customer it will "
    "arrive by email within 2 hours of dispatch."
)
SHIP_NEW = (
    "Overseas orders: send the tracking link with `send_tracking` (channel whatsapp) and tell "
    "the customer it will arrive on WhatsApp within 2 hours of dispatch."
)
SHIP_MACRO = (
    "Hello {{ticket.requester.first_name}},\n\nYour bench is on its way! We email your tracking "
    "link within 2 hours of dispatch, so keep an eye on your inbox.\n\nThe Garden Room\n"
)


def _shipping() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="send_tracking(channel=email) → send_tracking(channel=whatsapp)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2"],
        others=10,
        conditions=[
            Condition.from_dict(
                {
                    "text": "destination = overseas",
                    "atoms": [{"feature": "destination", "op": "=", "value": "overseas"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_added", "Dispatch", None, SHIP_NEW, "added")],
        prompt_sections={"Dispatch": [SHIP_OLD, SHIP_NEW], "Returns": ["Returns are free."]},
    )


def test_a_sentence_with_no_every_case_words_takes_the_new_rule_as_its_exception() -> None:
    facts = _shipping()
    sent = "We email your tracking link within 2 hours of dispatch, so keep an eye on your inbox."
    impact = marked_impact("dispatched", SHIP_MACRO, "macro", [sent])
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == SHIP_MACRO.replace(
        sent,
        "We email your tracking link within 2 hours of dispatch, so keep an eye on your inbox, "
        "except for overseas orders: we send the tracking link, and it will arrive on WhatsApp "
        "within 2 hours of dispatch.",
    )


def test_a_table_row_stating_the_old_rule_is_flagged_with_the_reason() -> None:
    facts = _shipping()
    body = "# Delivery\n\n| Where | Tracking link |\n| --- | --- |\n| Anywhere | By email |\n"
    row = "| Anywhere | By email |"
    impact = marked_impact("table", body, "article", [row])
    # a row sharing too little with the old rule is no target: nothing is proposed
    assert TemplateDrafter().edit(facts, impact).new_body is None


# --- a bakery: cake orders are taken by phone only, for everyone ------------------------------

CAKE_OLD = "Take cake orders in the chat with `order_cake` and confirm the collection day."
CAKE_NEW = "Take cake orders by phone only: tell the customer to ring the shop on 01632 960 555."


def _cakes() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls order_cake",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=0,
        before_actions=[ActionFact("order_cake", ())],
        rules=[Rule("H1", "sentence_changed", "Cakes", CAKE_OLD, CAKE_NEW, "changed")],
        prompt_sections={"Cakes": [CAKE_NEW, "Cakes need 48 hours' notice."]},
    )


def test_a_change_for_everyone_says_the_new_rule_in_place_of_the_old() -> None:
    facts = _cakes()
    body = "# Cakes\n\nYou can order a cake in the chat and we confirm the collection day.\n"
    old = "You can order a cake in the chat and we confirm the collection day."
    impact = marked_impact("cakes", body, "article", [old])
    found = prompt_rule_edit(facts, impact)
    assert found is not None
    assert found[0] == body.replace(
        old, "We take cake orders by phone only: ring the shop on 01632 960 555."
    )
    # the template (here the old-side last resort takes it first) says the same rule
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None and "by phone only" in edit.new_body
    assert old not in edit.new_body and "For take" not in edit.new_body


def test_a_sentence_whose_placeholder_the_new_rule_cannot_keep_is_flagged() -> None:
    facts = _cakes()
    old = (
        "Your cake order is in the chat log and we confirm {{ticket.custom_field_day}} for "
        "collection."
    )
    body = f"Hi,\n\n{old}\n"
    edit = TemplateDrafter().edit(facts, marked_impact("cake-macro", body, "macro", [old]))
    assert edit.new_body is None
    assert "placeholders" in edit.rationale


def test_the_llm_drafter_is_told_the_new_rule_and_the_sentences_stating_the_old() -> None:
    facts = _piano()
    booked = (
        "We can book a removal for any piano straight away, whatever the size, so I've put "
        "{{ticket.custom_field_date}} in the diary."
    )
    impact = marked_impact("booked", MACRO, "macro", [booked])
    note = json.dumps(
        {
            "title": "Grand pianos go to a surveyor",
            "before": "Booked straight away.",
            "after": "A surveyor rings first.",
            "when": "Grand pianos.",
            "customer_impact": "Owners of grands wait for a call.",
            "cs_actions": [],
        }
    )
    reply = json.dumps({"new_body": MACRO, "rationale": "Unchanged."})
    model = FakeChatModel([note, reply, reply, reply])
    asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], Grounding([ADDED, OLD]), None))
    sent = " ".join(
        str(message.get("content")) for request in model.requests for message in request.messages
    )
    assert "When the piano is a grand, we don't book it" in sent
    assert "The sentences stating the old rule" in sent


# --- a swimming school: lessons bought in a term get full credit for late cancellations --------

SWIM_SECTION = [
    "A lesson cancelled 24 hours or more before it starts: cancel it with `cancel_lesson` and "
    "credit_percent 100, and tell the swimmer the full price is back on their account.",
    "A lesson cancelled less than 24 hours before it starts: cancel it with `cancel_lesson` and "
    "credit_percent 40, and tell the swimmer 40% of the price is back on their account because "
    "the pool lane and the teacher were already booked.",
    "Exception: if the lesson was bought as part of a term, a late cancellation still gets full "
    "credit. Cancel it with `cancel_lesson` and credit_percent 100, and tell the swimmer the "
    "lesson goes back into their term to use another week.",
]
SWIM_ARTICLE = """# Cancelling a swimming lesson

- **24 hours' notice or more:** the full price goes back on your account.
- **Less than 24 hours' notice:** we credit 40% of the price, because your pool lane and
  teacher were already booked.

These rules are the same however you paid, whether you pay lesson by lesson or buy a term.

## Lost property

Anything left at the pool is kept for 30 days.
"""


def _swim() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="cancel_lesson: credit_percent 40 → 100",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "term_booking = true and hours_before < 24",
                    "atoms": [
                        {"feature": "term_booking", "op": "=", "value": True},
                        {"feature": "hours_before", "op": "<", "value": 24},
                    ],
                }
            )
        ],
        moved=[
            MovedValue(
                ActionFact("cancel_lesson"), "credit_percent", (("p1", 40.0, 100.0),), ratio=2.5
            )
        ],
        rules=[Rule("H1", "sentence_added", "Cancellations", None, SWIM_SECTION[2], "added")],
        prompt_sections={"Cancellations": SWIM_SECTION, "Lost property": ["Keep it 30 days."]},
    )


def test_the_rule_an_exception_departs_from_is_the_one_with_the_moved_old_value() -> None:
    touched, kept = touched_sentences(_swim())
    # the first sentence shares more words with the exception; the second states 40
    assert touched == [SWIM_SECTION[1]] and SWIM_SECTION[0] in kept


def test_an_item_naming_the_case_is_found_and_its_restatements_rewritten_once() -> None:
    facts = _swim()
    ranked = {i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("c", SWIM_ARTICLE)]))}
    impact = ranked["article:c"]
    same = (
        "These rules are the same however you paid, whether you pay lesson by lesson or buy a term."
    )
    assert [c.sentence for c in impact.conflicts] == [same]
    late = (
        "- Less than 24 hours' notice: we credit 40% of the price, because your pool lane and "
        "teacher were already booked."
    )
    assert targets(facts, impact) == [late, same]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert same not in edit.new_body
    assert (
        "already booked, except if the lesson was bought as part of a term: a late cancellation "
        "still gets full credit. The lesson goes back into your term to use another week."
    ) in edit.new_body
    for kept in ("the full price goes back on your account.", "## Lost property", "30 days."):
        assert kept in edit.new_body


def test_an_item_not_naming_the_case_in_the_rules_words_is_not_found_by_alignment() -> None:
    facts = _swim()
    # "booked" and the late rule's words, but not the term the exception names
    body = "# Bookings\n\nLessons are booked in the app, and a late cancellation gets 40% back.\n"
    ranked = rank_items(facts, KnowledgeBase([kb_item("b", body)]))
    assert not any(i.affected for i in ranked)


# --- more of the voice -------------------------------------------------------------------------


def _rugs(rules: list[Rule], sections: list[str], **more: object) -> ChangeFacts:
    """A rug cleaner's change for heavy rugs (`rug_weight = heavy`) with `rules` behind it."""
    return ChangeFacts(
        id="C1",
        title="no longer calls book_courier",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "rug_weight = heavy",
                    "atoms": [{"feature": "rug_weight", "op": "=", "value": "heavy"}],
                }
            )
        ],
        rules=rules,
        prompt_sections={"Collections": sections},
        **more,  # type: ignore[arg-type]
    )


def test_a_case_inside_a_clause_keeps_its_head_and_a_rules_next_steps_are_said_with_it() -> None:
    lead = "Heavy rugs: if the rug is over 20 kg, do not book a courier yet."
    step = "Ask the customer to measure it first; book once we have the size."
    facts = _rugs(
        [Rule("H1", "sentence_added", "Collections", None, lead, "added")],
        [f"{lead} {step}"],
        next_steps={lead: [step]},
    )
    said = new_rule(facts)
    assert said is not None
    assert said.sentence == (
        "For heavy rugs, if the rug is over 20 kg, we don't book a courier yet. We ask you to "
        "measure it first; we book once we have the size."
    )


HEAVY = "Heavy rugs: ask the customer to fill in the weight form before you book a courier."


def test_a_clause_denying_for_everyone_what_the_new_rule_asks_goes() -> None:
    facts = _rugs(
        [
            Rule("H1", "sentence_added", "Collections", None, HEAVY, "added"),
            Rule(
                "H2",
                "sentence_changed",
                "Collections",
                "Book a courier for any rug.",
                "Book a courier.",
                "changed",
            ),
        ],
        ["Book a courier.", HEAVY],
    )
    old = (
        "Your courier is booked for any rug, and there are no forms to fill in: we collect on "
        "{{ticket.custom_field_day}}."
    )
    body = f"Hi,\n\n{old}\n"
    found = prompt_rule_edit(facts, marked_impact("m", body, "macro", [old]))
    assert found is not None and found[0] is not None
    assert "no forms" not in found[0] and "for any rug" not in found[0]
    assert "Your courier is booked: we collect on {{ticket.custom_field_day}}." in found[0]
    assert "For heavy rugs, we ask you to fill in the weight form" in found[0]


def test_a_sentence_naming_the_changed_case_is_replaced_by_the_rule_that_names_it_too() -> None:
    old_rule = "Engraved pens can't be returned: tell the customer kindly we can't take them back."
    new_rule_text = (
        "Engraved pens can be returned too, within the same 14 days: book it with `book_return` "
        "and tell the customer we'll refund the pen but not the engraving."
    )
    facts = ChangeFacts(
        id="C1",
        title="now calls book_return",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "engraved = true",
                    "atoms": [{"feature": "engraved", "op": "=", "value": True}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Returns", old_rule, new_rule_text, "changed")],
        prompt_sections={"Returns": ["Returns are free within 14 days.", new_rule_text]},
    )
    sorry = "I'm sorry, but once a pen has been engraved we can't take it back."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{sorry}\n\nBest,\nThe Pen Shop\n"
    edit = TemplateDrafter().edit(facts, marked_impact("engraved", body, "macro", [sorry]))
    assert edit.new_body == body.replace(
        sorry,
        "Engraved pens can be returned too, within the same 14 days, and we'll refund the pen "
        "but not the engraving.",
    )


# --- a bike hire: delivery stays free for club members, others now pay £15 ---------------------

BIKE_OLD = (
    "Delivery to the hotel is free for every rider: book it with `book_delivery` and fee_gbp 0."
)
BIKE_KEPT = (
    "Delivery to the hotel is free for Pedal Club members (`lookup_rider` shows member true): "
    "book it with `book_delivery` and fee_gbp 0."
)
BIKE_ADDED = (
    "For riders who aren't members, delivery costs £15: book it with fee_gbp 15 and tell them "
    "the £15 is added to their bill, or that they can collect the bike from the shop for free."
)


def _bikes() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_delivery: fee_gbp 0 → 15",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=10,
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup_rider.member = false",
                    "atoms": [{"feature": "lookup_rider.member", "op": "=", "value": False}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Delivery", BIKE_OLD, BIKE_KEPT, "changed"),
            Rule("H2", "sentence_added", "Delivery", None, BIKE_ADDED, "added"),
        ],
        prompt_sections={"Delivery": [BIKE_KEPT, BIKE_ADDED], "Helmets": ["Helmets are free."]},
    )


def test_the_no_case_of_a_yes_no_variable_is_the_passage_saying_it_with_a_negation() -> None:
    said = new_rule(_bikes())
    assert said is not None and said.head == "For riders who aren't members"
    assert said.statement.startswith("delivery costs £15")


def test_a_claim_for_everyone_the_new_prompt_no_longer_makes_is_found_and_narrowed() -> None:
    facts = _bikes()
    claim = (
        "Whichever bike you choose, our van brings it to your hotel free of charge, for any rider."
    )
    body = f"# Delivery\n\n{claim}\n\n## Helmets\n\nHelmets are free with every hire.\n"
    ranked = {i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("d", body)]))}
    impact = ranked["article:d"]
    assert [c.sentence for c in impact.conflicts] == [claim]
    found = prompt_rule_edit(facts, impact)
    assert found is not None and found[0] == body.replace(
        claim,
        "Our van brings it to your hotel free of charge. For riders "
        "who aren't members, delivery costs £15, and the £15 is added to your bill, or you can "
        "collect the bike from the shop for free.",
    )
    # the template's class rule for an offer narrowed to members writes it first
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None and "for any rider" not in edit.new_body


def test_another_thing_free_for_everyone_is_no_claim_of_the_old_rule() -> None:
    facts = _bikes()
    body = "# Parking\n\nParking at the shop is free for everyone, with no need to book.\n"
    assert not any(i.affected for i in rank_items(facts, KnowledgeBase([kb_item("p", body)])))


def test_one_word_of_a_two_word_case_finds_nothing() -> None:
    facts = _swim()
    facts.conditions = [
        Condition.from_dict(
            {
                "text": "term_booking = true",
                "atoms": [{"feature": "term_booking", "op": "=", "value": True}],
            }
        )
    ]
    # "booked" alone names no term booking (the rule names the case "term")
    body = "# Lanes\n\nEvery lane is booked a week ahead, and a late cancellation gets 40% back.\n"
    assert not any(i.affected for i in rank_items(facts, KnowledgeBase([kb_item("l", body)])))


# --- a plant shop: a dead plant's refund becomes store credit; the pots' rule is kept -----------

POTS = (
    "Unwanted pots and planters can be sent back unused within 45 days of delivery: book a "
    "courier with `book_return`; the refund reaches the card within 4 business days."
)
PLANT_OLD = (
    "If a plant dies within 45 days of delivery, refund its price to the card with "
    "`refund_plant`; the money is back on the card within 4 business days."
)
PLANT_NEW = (
    "If a plant dies within 45 days of delivery, give store credit for its price with "
    "`issue_credit`; it is on the account straight away."
)


def test_a_sentence_restating_a_rule_the_prompt_keeps_is_no_conflict() -> None:
    facts = ChangeFacts(
        id="C1",
        title="refund_plant → issue_credit",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=8,
        rules=[Rule("H1", "sentence_changed", "Guarantee", PLANT_OLD, PLANT_NEW, "changed")],
        prompt_sections={"Guarantee": [PLANT_NEW], "Pots": [POTS]},
    )
    restates = restates_kept_rule(facts)
    assert restates is not None
    pots = (
        "Pots and planters can come back within 45 days of delivery, and your card is refunded "
        "within 4 business days."
    )
    assert restates(pots)
    assert not restates("If your plant dies, we refund its price to your card.")
    # a value the kept rule does not state is the change's to say
    assert not restates(pots.replace("45 days", "30 days"))
    # a claim for every case covers the changed one, however close to the kept rule
    assert not restates(pots.replace("Pots and planters", "Whatever you bought, pots and planters"))


# --- the review's cases: agreement, staff, long passages, heads, restatements -----------------


def test_the_customer_made_you_takes_the_verb_with_it_and_a_team_keeps_its_name() -> None:
    said = voiced(
        "If the customer has a receipt, tell them the customer services team will call them."
    )
    assert said is not None
    assert said.sentence == "If you have a receipt, the customer services team will call you."


def test_what_a_prompt_tells_staff_is_not_said_to_the_customer() -> None:
    said = voiced(
        "If the order is over £500, tell the manager to approve it, and tell the customer we "
        "reply within 2 days."
    )
    assert said is not None and "approve" not in said.sentence
    assert said.sentence == "If the order is over £500, we reply within 2 days."


def test_a_passage_longer_than_the_cap_has_no_voice_rather_than_half_a_rule() -> None:
    assert voiced("If " + "x" * 4100 + ", refund in full.") is None


def test_a_label_naming_a_thing_is_still_a_case() -> None:
    said = voiced("Credit card payments: tell the customer the refund takes 5 days.")
    assert said is not None and said.head == "For credit card payments"


def test_a_head_no_exception_reads_right_after_is_flagged() -> None:
    facts = _shipping()
    facts.rules = [
        Rule(
            "H1",
            "sentence_added",
            "Dispatch",
            None,
            "Unless the order is overseas, tell the customer it will arrive by email.",
            "added",
        )
    ]
    facts.prompt_sections = {"Dispatch": [SHIP_OLD, facts.rules[0].new or ""]}
    sent = "We email your tracking link within 2 hours of dispatch, so keep an eye on your inbox."
    found = prompt_rule_edit(facts, marked_impact("dispatched", SHIP_MACRO, "macro", [sent]))
    assert found is not None and found[0] is None
    assert "cannot take the exception" in found[1]


def test_a_restatement_saying_more_is_flagged_not_deleted() -> None:
    facts = _cakes()
    first = "You can order a cake in the chat and we confirm the collection day."
    more = "Cake orders in the chat are confirmed the same day, and birthday cakes need a deposit."
    body = f"# Cakes\n\n{first}\n\n{more}\n"
    found = prompt_rule_edit(facts, marked_impact("cakes", body, "article", [first, more]))
    assert found is not None and found[0] is None
    assert "says more beside the old rule" in found[1]


# --- a record shop: opened box sets refunded at half --------------------------------------------

VINYL_OLD = (
    "Anything sent back within 30 days is refunded in full, opened or unopened: refund the price "
    "paid with `issue_refund`."
)
VINYL_KEPT = "Anything sent back within 30 days is refunded with `issue_refund`."
VINYL_ADDED = (
    "Opened box sets are refunded at half the price paid (amount_gbp half), because we can't "
    "resell them; tell the customer so. Unopened box sets, and every other record whether "
    "opened or not, are refunded in full."
)


def _facts(
    title: str, atoms: list[dict[str, object]], rules: list[Rule], **more: object
) -> ChangeFacts:
    """A change for the customers `atoms` names, made by `rules` (one section's)."""
    text = " and ".join(f"{a['feature']} {a['op']} {a['value']}" for a in atoms)
    condition = Condition.from_dict({"text": text, "atoms": atoms})
    return ChangeFacts(
        id="C1",
        title=title,
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=10,
        conditions=[condition],
        rules=rules,
        **more,  # type: ignore[arg-type]
    )


def _vinyl() -> ChangeFacts:
    first, rest = VINYL_ADDED.split(" Unopened")
    return _facts(
        "issue_refund: amount halved",
        [
            {"feature": "format", "op": "=", "value": "box_set"},
            {"feature": "opened", "op": "=", "value": True},
        ],
        [
            Rule("H1", "sentence_changed", "Returns", VINYL_OLD, VINYL_KEPT, "changed"),
            Rule("H2", "sentence_added", "Returns", None, VINYL_ADDED, "added"),
        ],
        prompt_sections={"Returns": [VINYL_KEPT, first, "Unopened" + rest]},
    )


def test_things_named_before_the_customer_keep_their_pronoun_and_a_bare_tell_goes() -> None:
    said = new_rule(_vinyl())
    assert said is not None
    # the rest ("Unopened box sets, and every other record …") is a rule of its own
    assert said.sentence == (
        "Opened box sets are refunded at half the price paid, because we can't resell them."
    )


def test_a_whether_or_not_claim_is_narrowed_and_the_rule_said_beside_it() -> None:
    facts = _vinyl()
    claim = "Send it back within 30 days and we'll refund every penny, whether or not it's opened."
    label = "We've emailed you a free returns label for your order."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim} {label}\n\nCheers"
    impact = marked_impact("m", body, "macro", [claim])
    assert targets(facts, impact) == [claim]
    found = prompt_rule_edit(facts, impact)
    assert found is not None and found[0] == body.replace(
        claim,
        "Send it back within 30 days and we'll refund every penny. Opened box sets are refunded "
        "at half the price paid, because we can't resell them.",
    )


# --- a bike workshop: proof of purchase no longer asked for bikes bought elsewhere ---------------

SERVICE_OLD = (
    "Bikes bought from another shop: before the first service is booked we need proof of "
    "purchase. Do not call `book_service` until it has arrived."
)
SERVICE_NEW = (
    "Bikes bought from another shop: book the first service with `book_service` straight away. "
    "We no longer ask for proof of purchase for these bikes."
)


def _service() -> ChangeFacts:
    first, second = SERVICE_NEW.split(" We ")
    return _facts(
        "now calls book_service",
        [{"feature": "bought_elsewhere", "op": "=", "value": True}],
        [Rule("H1", "sentence_changed", "Services", SERVICE_OLD, SERVICE_NEW, "changed")],
        after_actions=[ActionFact("book_service", ())],
        prompt_sections={"Services": [first, "We " + second]},
    )


def test_a_sentence_naming_the_case_in_the_rules_own_words_takes_the_rule_in_its_place() -> None:
    facts = _service()
    claim = (
        "As your bike came from another shop, we need to see proof of purchase before we can "
        "book your first service."
    )
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim}\n\nCheers"
    found = prompt_rule_edit(facts, marked_impact("m", body, "macro", [claim]))
    assert found is not None and found[0] == body.replace(
        claim,
        "For bikes bought from another shop, we book the first service straight away. We no "
        "longer ask for proof of purchase for these bikes.",
    )


def test_a_row_keyed_by_the_case_takes_the_rule_as_its_value_and_the_header_stays() -> None:
    facts = _service()
    header = "| Where you bought your bike | What we ask for first |"
    row = "| Another shop | Proof of purchase: the shop's receipt |"
    body = f"# First services\n\n{header}\n| --- | --- |\n{row}\n| Our shop | Nothing |\n"
    found = prompt_rule_edit(facts, marked_impact("a", body, "article", [header, row]))
    assert found is not None and found[0] == body.replace(
        row,
        "| Another shop | We book the first service straight away. We no longer ask for proof "
        "of purchase for these bikes |",
    )
    # a row keyed by no case is the writer's
    other = "| Any shop | Proof of purchase |"
    flagged = prompt_rule_edit(
        facts, marked_impact("b", body.replace(row, other), "article", [other])
    )
    assert flagged is not None and flagged[0] is None and "is a table row" in flagged[1]
