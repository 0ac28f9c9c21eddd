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
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.promptrule import new_rule, prompt_rule_edit, targets, voiced
from behaviordiff.drafting.text import units
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

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


def _impact(key: str, body: str, kind: str, marked: list[str]) -> Impact:
    item = kb_item(key, body, kind=kind)
    item_units = units(body)
    conflicts = [
        Conflict(index, unit.text, ("a finder's reason",))
        for index, unit in enumerate(item_units)
        if unit.text in marked
    ]
    return Impact(item, 1.0, conflicts, item_units)


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
    impact = _impact("booked", MACRO, "macro", [booked, crew])
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
    impact = _impact("booking", ARTICLE, "article", [every])
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
    impact = _impact("prices", f"# Prices\n\n{prices}\n", "article", [prices])
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
    impact = _impact("dispatched", SHIP_MACRO, "macro", [sent])
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
    impact = _impact("table", body, "article", [row])
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
    impact = _impact("cakes", body, "article", [old])
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
    edit = TemplateDrafter().edit(facts, _impact("cake-macro", body, "macro", [old]))
    assert edit.new_body is None
    assert "placeholders" in edit.rationale


def test_the_llm_drafter_is_told_the_new_rule_and_the_sentences_stating_the_old() -> None:
    facts = _piano()
    booked = (
        "We can book a removal for any piano straight away, whatever the size, so I've put "
        "{{ticket.custom_field_date}} in the diary."
    )
    impact = _impact("booked", MACRO, "macro", [booked])
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
