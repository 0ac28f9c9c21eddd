"""An action the agent took for the customer, now theirs through a page the new prompt names,
found by the action's topic where the KB says it with no tool word (`drafting.handedover`,
`handed_section_conflicts`, `does_for_customer`): the sentence rewritten to the new way, the
steps of the old procedure dropped, every other sentence kept byte for byte.

Made-up agents, none a scenario's: a climbing gym whose desk froze memberships
(`freeze_membership`) and whose members now freeze them themselves in the app; a dental
practice whose receptionists moved appointments (`reschedule_booking`) and whose patients now
move them in the online diary. KB phrasings: a macro sentence with a placeholder whose
occasion is the customer's ("Whenever you need a break, just ask us and we'll freeze it for
you: there's nothing to set up in the app"), a pro-verb lead-in ("We'll do it for you:") with
numbered and bulleted steps under a heading naming the action, a Q&A answer ("let our team
know … so there's nothing to change yourself"). Traps: another request still done for them
with the same words ("we'll do it for you" under another heading, its steps too), a deed on a
trigger of our own ("If the gym closes for repairs, we freeze every membership"), the
customer's own steps, and a change for some customers only."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.handedover import HANDED_STEP_REASON, does_for_customer, handed_over
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item


def _facts(
    old: str,
    new: str,
    before: str,
    section: str,
    atoms: list[dict[str, object]],
    after: tuple[str, ...] = (),
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=f"no longer calls {before}",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "condition",
                    "atoms": atoms,
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        before_actions=[ActionFact(before, ())],
        after_actions=[ActionFact(name, ()) for name in after],
        rules=[Rule("H1", "sentence_changed", section, old, new, "changed")],
        prompt_sections={section: [new]},
    )


GYM_OLD = (
    "When a member asks to freeze their membership, freeze it for them with "
    "`freeze_membership` (member_id, months) and confirm the dates."
)
GYM_NEW = (
    "Members now freeze their membership themselves in the Boulder app under Profile > "
    "Membership > Freeze. Don't freeze memberships yourself: send them there."
)
GYM = _facts(
    GYM_OLD, GYM_NEW, "freeze_membership", "Freezing", [{"feature": "tag:freeze", "op": "tag"}]
)
OWN = (
    "You can now freeze your membership yourself in the Boulder app under Profile > Membership "
    "> Freeze."
)

GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch. Whenever you need a "
    "break, just ask us and we'll freeze it for you: there's nothing to set up in the app.\n\n"
    "A freeze lasts between one and three months.\n\nSee you on the wall,\n"
    "{{current_user.first_name}}"
)
GYM_ARTICLE = """# Your membership

## Freezing your membership

Injured or away for a while? We'll do it for you:

1. Message us in the app chat or at the desk.
2. Tell us the dates you'll be away.
3. We'll pause your payments and email you to confirm.

A freeze lasts between one and three months.

## Guest passes

Bringing a friend? We'll do it for you:

1. Tell us their name at the desk.
2. We'll print their pass.

## Paying

1. Open the app.
2. Go to Profile > Payments.

If the gym closes for repairs, we freeze every membership automatically.
"""
GYM_FAQ = """# Questions

## Can I pause my membership?

Yes. Just let our team know the dates and we'll freeze it for you, so there's nothing to
change yourself. A freeze lasts up to three months.

## Can I bring a guest?

Yes: ask at the desk and we'll print a pass for you.
"""


def _ranked(facts: ChangeFacts, *items: tuple[str, str, str]) -> dict[str, object]:
    knowledge = KnowledgeBase([kb_item(key, body, kind=kind) for key, body, kind in items])
    return {impact.item.key: impact for impact in rank_items(facts, knowledge)}


def test_the_old_way_said_with_the_customers_occasion_or_a_denied_self_service_is_found() -> None:
    handed = handed_over(GYM)
    assert handed is not None and handed.objects == ("membership",)
    assert does_for_customer(
        handed,
        "Whenever you need a break, just ask us and we'll freeze it for you: there's nothing to "
        "set up in the app.",
    )
    assert does_for_customer(
        handed,
        "Just let our team know the dates and we'll freeze it for you, so there's nothing to "
        "change yourself.",
    )
    # a deed on a trigger of our own, and the self-service way itself, stay
    assert not does_for_customer(
        handed, "If the gym closes for repairs, we freeze every membership automatically."
    )
    assert not does_for_customer(handed, "You can freeze your membership yourself in the app.")


def test_a_macro_sentence_says_the_new_way_and_keeps_its_placeholders() -> None:
    ranked = _ranked(GYM, ("frozen", GYM_MACRO, "macro"))
    body = TemplateDrafter().edit(GYM, ranked["macro:frozen"]).new_body
    assert body == GYM_MACRO.replace(
        "Whenever you need a break, just ask us and we'll freeze it for you: there's nothing to "
        "set up in the app.",
        OWN,
    )


def test_a_pro_verb_lead_in_and_its_steps_under_the_actions_heading_say_the_new_way() -> None:
    ranked = _ranked(GYM, ("membership", GYM_ARTICLE, "article"))
    impact = ranked["article:membership"]
    steps = [c.sentence for c in impact.conflicts if HANDED_STEP_REASON in c.reasons]
    assert steps == [
        "1.",
        "Message us in the app chat or at the desk.",
        "2.",
        "Tell us the dates you'll be away.",
        "3.",
        "We'll pause your payments and email you to confirm.",
    ]
    body = TemplateDrafter().edit(GYM, impact).new_body
    assert body is not None
    assert "## Freezing your membership\n\nInjured or away for a while? " + OWN + "\n\n" in body
    assert "Message us in the app chat" not in body and "pause your payments" not in body
    # the rest, byte for byte: the other request's lead-in and steps, the customer's own steps
    _head, tail = GYM_ARTICLE.split("A freeze lasts between one and three months.")
    assert body.endswith("A freeze lasts between one and three months." + tail)
    assert body.startswith("# Your membership\n\n## Freezing your membership\n\n")


def test_a_qa_answer_says_the_new_way_and_the_next_answer_stays() -> None:
    ranked = _ranked(GYM, ("faq", GYM_FAQ, "article"))
    body = TemplateDrafter().edit(GYM, ranked["article:faq"]).new_body
    assert body is not None
    assert f"{OWN} A freeze lasts up to three months." in body
    assert "nothing to\nchange yourself" not in body and "freeze it for you" not in body
    assert body.endswith(
        "## Can I bring a guest?\n\nYes: ask at the desk and we'll print a pass for you.\n"
    )


DENTIST_OLD = (
    "If a patient wants another time, move it for them with `reschedule_booking` (booking_ref, "
    "new_time)."
)
DENTIST_NEW = (
    "Patients now move their appointments themselves in the online diary at smiles.example/diary."
)
DENTIST_MACRO = (
    "Dear {{ticket.requester.name}},\n\nWe can't wait to see you on "
    "{{ticket.custom_field_visit}}. Need another time? We'll sort it out for you:\n\n"
    "- Reply to this email with the times that suit you\n"
    "- We'll book the nearest free slot\n\n"
    "Please bring your medicines list.\n\nSmiles Dental"
)


def test_a_bulleted_procedure_in_a_macro_titled_after_the_action() -> None:
    facts = _facts(
        DENTIST_OLD,
        DENTIST_NEW,
        "reschedule_booking",
        "Bookings",
        [{"feature": "tag:reschedule", "op": "tag"}],
    )
    knowledge = KnowledgeBase(
        [kb_item("moving", DENTIST_MACRO, kind="macro", title="Bookings::Moving a booking")]
    )
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    body = TemplateDrafter().edit(facts, ranked["macro:moving"]).new_body
    assert body is not None
    assert "You can now move your appointments yourself in the online diary" in body
    assert "Reply to this email" not in body and "nearest free slot" not in body
    assert body.startswith(
        "Dear {{ticket.requester.name}},\n\nWe can't wait to see you on "
        "{{ticket.custom_field_visit}}. Need another time? "
    )
    assert body.endswith("Please bring your medicines list.\n\nSmiles Dental")


def test_a_change_for_some_customers_only_is_left_alone() -> None:
    facts = _facts(
        GYM_OLD,
        GYM_NEW,
        "freeze_membership",
        "Freezing",
        [{"feature": "tag:freeze", "op": "tag"}, {"feature": "months", "op": ">", "value": 1}],
    )
    assert handed_over(facts) is None
    ranked = _ranked(facts, ("membership", GYM_ARTICLE, "article"))
    impact = ranked.get("article:membership")
    assert impact is None or not any(
        HANDED_STEP_REASON in c.reasons
        for c in impact.conflicts  # type: ignore[attr-defined]
    )


BANK_OLD = "If a customer's card is lost, block it for them with `block_card` (card_id)."
BANK_NEW = (
    "Don't block cards in the chat any more: send the customer the app link and ask them to "
    "freeze the card there."
)
BANK_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry to hear your card is missing. Just message "
    "us and we'll block your card for you straight away.\n\nA new card arrives within 5 working "
    "days.\n\nFernbank"
)


def test_the_customer_told_to_do_it_at_a_place_the_new_prompt_names_is_found() -> None:
    facts = _facts(
        BANK_OLD, BANK_NEW, "block_card", "Lost cards", [{"feature": "tag:lost", "op": "tag"}]
    )
    handed = handed_over(facts)
    assert handed is not None and "freeze" in handed.verbs
    assert does_for_customer(
        handed, "Just message us and we'll block your card for you straight away."
    )
    assert not does_for_customer(handed, "A new card arrives within 5 working days.")
    # told to do something with no place named: no hand-over to the customer
    plain = "Don't block cards in the chat any more: ask them to call the fraud line."
    assert (
        handed_over(
            _facts(
                BANK_OLD, plain, "block_card", "Lost cards", [{"feature": "tag:lost", "op": "tag"}]
            )
        )
        is None
    )


GYM_SHORT = """# Help

## How do I freeze my membership?

Just message us and we'll sort it. A freeze lasts up to three months.

## How do I book a class?

Just message us and we'll sort it.
"""


def test_an_ask_closing_on_a_pro_verb_under_the_actions_heading() -> None:
    ranked = _ranked(GYM, ("help", GYM_SHORT, "article"))
    body = TemplateDrafter().edit(GYM, ranked["article:help"]).new_body
    assert body == GYM_SHORT.replace(
        "Just message us and we'll sort it. A freeze", f"{OWN} A freeze", 1
    )


# -- review of fb8: what the new prompt tells them, an ask of another clause, a pro-verb -------

DELIVERY_OLD = (
    "When a customer asks to change their delivery address, update it for them with "
    "`update_delivery_address` (order_id, address)."
)
DELIVERY_NEW = (
    "Customers now change their delivery address themselves in My Account: send them the "
    "account link and ask them for their postcode, and help them with the app if they're stuck."
)
DELIVERY = _facts(
    DELIVERY_OLD,
    DELIVERY_NEW,
    "update_delivery_address",
    "Delivery",
    [{"feature": "tag:address", "op": "tag"}],
)


def test_a_word_after_ask_them_or_help_them_is_no_verb_of_the_action() -> None:
    handed = handed_over(DELIVERY)
    assert handed is not None
    assert "for" not in handed.verbs and "with" not in handed.verbs
    for trap in (
        "We'll sort out a replacement for you.",
        "Our team will wrap your gift for you, free.",
        "We work with the courier for you to find it.",
    ):
        assert not does_for_customer(handed, trap), trap
    assert does_for_customer(handed, "Just ask us and we'll change your address for you.")


RESCHEDULE = _facts(
    "When a customer asks to move their delivery, reschedule it with `reschedule_delivery`.",
    "Customers now reschedule their delivery themselves on the Deliveries page.",
    "reschedule_delivery",
    "Deliveries",
    [{"feature": "tag:reschedule", "op": "tag"}],
)


def test_an_ask_in_another_clause_does_not_lift_a_trigger_of_our_own() -> None:
    handed = handed_over(RESCHEDULE)
    assert handed is not None
    assert does_for_customer(handed, "Just ask us and we'll reschedule your delivery for you.")
    assert does_for_customer(
        handed, "Whenever your plans change, just ask us and we'll reschedule your delivery."
    )
    assert not does_for_customer(
        handed,
        "If the road is closed, we'll move your delivery to the next day - let us know if "
        "that doesn't suit.",
    )
    assert not does_for_customer(
        handed, "If the road is closed, let us know and we'll reschedule your delivery."
    )


DELIVERY_FAQ = """# Delivery

If your parcel arrives damaged, let us know and we'll sort it out.

Parcel late? Get in touch and we'll handle it.

## Changing your delivery address

Just message us and we'll sort it.
"""


def test_an_ask_closing_on_a_pro_verb_needs_the_action_named_and_no_trigger() -> None:
    ranked = _ranked(DELIVERY, ("faq", DELIVERY_FAQ, "article"))
    said = {conflict.sentence for conflict in ranked["article:faq"].conflicts}  # type: ignore[attr-defined]
    assert "Just message us and we'll sort it." in said
    assert "If your parcel arrives damaged, let us know and we'll sort it out." not in said
    assert "Get in touch and we'll handle it." not in said
    assert "Parcel late? Get in touch and we'll handle it." not in said


def test_an_items_only_numbered_list_goes_with_its_markers() -> None:
    # the procedure is the item's only numbered list: its markers go with its steps
    article = GYM_ARTICLE.split("## Guest passes")[0]
    impact = _ranked(GYM, ("membership", article, "article"))["article:membership"]
    body = TemplateDrafter().edit(GYM, impact).new_body
    assert body == article.replace(
        "We'll do it for you:\n\n1. Message us in the app chat or at the desk.\n2. Tell us the "
        "dates you'll be away.\n3. We'll pause your payments and email you to confirm.",
        OWN,
    )


GYM_REFUND = """# Your membership

## Freezing your membership

Away for a while? We'll do it for you:

1. Message us in the app chat.
2. Tell us the dates you'll be away.
3. Check your inbox for our confirmation.
4. Our team will refund any class you'd already booked.

A freeze lasts up to three months.
"""


def test_a_step_stating_another_deed_of_ours_stays() -> None:
    impact = _ranked(GYM, ("m", GYM_REFUND, "article"))["article:m"]
    body = TemplateDrafter().edit(GYM, impact).new_body
    assert body is not None
    assert "4. Our team will refund any class you'd already booked.\n" in body
    assert "Message us in the app chat" not in body and "Check your inbox" not in body
    assert "Away for a while? " + OWN in body
