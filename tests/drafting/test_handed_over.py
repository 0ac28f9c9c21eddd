"""An action the agent took for the customer, now the customer's own with another way
(`drafting.handedover`): KB text saying we do it says the new prompt's self-service way.

Made-up agents, none a scenario's: a library whose assistant renewed loans itself
(`renew_loan`, "renew it for them") and now sends a catalogue link; an energy supplier whose
team submitted meter readings for the customer (`record_meter_reading`, "submit it for them")
and now has customers submit them online. Traps: other things still done for the customer
(another verb: "we reserve a copy for you"), the passive and the gerund naming the topic,
text already saying the self-service way, a change for some customers only (a bound in the
condition), a new prompt that keeps the agent doing it, and a call the new agent still makes."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.handedover import (
    does_for_customer,
    handed_over,
    handed_over_fact,
    still_handed,
)
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

LIB_OLD = (
    "When a member asks to renew a loan, renew it for them with `renew_loan` (loan_id) and "
    "tell them the new due date."
)
LIB_NEW = "Members now renew loans themselves in the Shelfmark app, our online catalogue."
LIB_HOW = (
    "When a member asks to renew a loan, send them the link with `send_catalogue_link` "
    "(loan_id) and tell them they can pick the new due date there."
)

LIB_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. We've renewed your loan for "
    "you, and the new due date is in the email we've just sent.\n\nRenewing is free, and "
    "{{ticket.custom_field_loan_ref}} stays your loan number.\n\n{{current_user.first_name}}"
)
LIB_STEPS = """# Renewing or returning a book

Renewing is free for up to three times. Message us and we'll sort it:

1. Tell us the title and your card number.
2. We check nobody has reserved it and renew your loan for you.
3. We email you the new due date.

Your due date moves when a loan is renewed.

## Reservations

If a book is out, we reserve a copy for you and email you when it's back.
"""
LIB_LIST = """# What our assistant can do with your loans

Our assistant looks after your loans day or night. It can:

- reserve a copy of a book that's out
- renew a loan you already have out
- update your email address
"""
LIB_ALREADY = "# The app\n\nYou can also renew online yourself in the app at any time.\n"
LIB_RESERVE = (
    "Hi {{ticket.requester.first_name}},\n\nWe've reserved a copy for you and we'll email "
    "you when it's back.\n\n{{current_user.first_name}}"
)


def _facts(
    *,
    old: str = LIB_OLD,
    new: str = LIB_NEW,
    how: str = LIB_HOW,
    before: str = "renew_loan",
    after: tuple[str, ...] = ("send_catalogue_link",),
    atoms: list[dict[str, object]] | None = None,
    section: str = "Renewing",
) -> ChangeFacts:
    atoms = atoms if atoms is not None else [{"feature": "tag:renew", "op": "tag"}]
    return ChangeFacts(
        id="C1",
        title="now sends a link instead of renewing",
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
        rules=[
            Rule("H1", "sentence_changed", section, old, new, "changed"),
            Rule("H2", "sentence_added", section, None, how, "added"),
        ],
        prompt_sections={section: [new, how]},
    )


def test_the_verbs_come_from_the_dropped_call_and_the_old_sentence() -> None:
    handed = handed_over(_facts())
    assert handed is not None
    assert handed.tool == "renew_loan"
    assert handed.verbs == ("renew",)
    own, how = handed.sentences()
    assert own == "You can now renew loans yourself in the Shelfmark app, our online catalogue."
    assert how is not None and "link" in how and "`" not in how and "_" not in how


def test_we_doing_it_is_found_and_the_traps_are_not() -> None:
    handed = handed_over(_facts())
    assert handed is not None
    assert does_for_customer(handed, "We've renewed your loan for you, and it's due in May.")
    assert does_for_customer(
        handed, "2. We check nobody has reserved it and renew your loan for you."
    )
    assert does_for_customer(handed, "- renew a loan you already have out")
    assert does_for_customer(handed, "Our team renews it for you the same day.")
    # another verb, the passive, the gerund, the self-service way already said
    assert not does_for_customer(handed, "We've reserved a copy for you.")
    assert not does_for_customer(handed, "Your due date moves when a loan is renewed.")
    assert not does_for_customer(handed, "Renewing is free for up to three times.")
    assert not does_for_customer(handed, "You can also renew online yourself in the app.")
    assert not does_for_customer(handed, "- reserve a copy of a book that's out")
    assert not does_for_customer(handed, "| Renewals | We renew it for you |")


def test_macro_step_and_list_item_say_the_new_way_and_the_rest_stays() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("renewed", LIB_MACRO, kind="macro"),
            kb_item("reserved", LIB_RESERVE, kind="macro"),
            kb_item("steps", LIB_STEPS),
            kb_item("assistant", LIB_LIST),
            kb_item("app", LIB_ALREADY),
        ]
    )
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    assert all(
        not ranked[key].conflicts for key in ("macro:reserved", "article:app") if key in ranked
    )
    own = "You can now renew loans yourself in the Shelfmark app, our online catalogue."
    macro = TemplateDrafter().edit(facts, ranked["macro:renewed"]).new_body
    assert macro is not None
    old_sentence = (
        "We've renewed your loan for you, and the new due date is in the email we've just sent."
    )
    head, tail = LIB_MACRO.split(old_sentence)
    assert macro.startswith(head + own + " ")
    assert macro.endswith(tail)
    assert "link" in macro[len(head) : len(macro) - len(tail)]
    assert "{{ticket.custom_field_loan_ref}}" in macro

    steps = TemplateDrafter().edit(facts, ranked["article:steps"]).new_body
    assert steps is not None
    assert "\n2. " + own + " " in steps
    assert "renew your loan for you" not in steps
    for kept in (
        "1. Tell us the title and your card number.",
        "3. We email you the new due date.",
        "Your due date moves when a loan is renewed.",
        "If a book is out, we reserve a copy for you and email you when it's back.",
        "Renewing is free for up to three times.",
    ):
        assert kept in steps

    listed = TemplateDrafter().edit(facts, ranked["article:assistant"]).new_body
    assert listed == LIB_LIST.replace(
        "- renew a loan you already have out",
        "- send you the link so you can renew a loan you already have out yourself",
    )
    assert still_handed(facts, listed, "markdown") == []


ENERGY_OLD = (
    "If a customer sends a meter reading, submit it for them with `record_meter_reading` and "
    "tell them their next bill will use it."
)
ENERGY_NEW = "Customers now submit their readings themselves in their online account."
ENERGY_HOW = (
    "When a customer has a reading, send them the link with `send_account_link` and tell "
    "them their next bill will use it."
)
ENERGY_FAQ = """# Meter readings

**How do I give you a reading?**

Just reply with the numbers on your meter and our team submits it for you within a day.

**Will my bill change?**

Your next bill uses the reading we have on file.
"""


def test_a_qa_answer_in_our_teams_voice_with_another_verb_from_the_old_sentence() -> None:
    facts = _facts(
        old=ENERGY_OLD,
        new=ENERGY_NEW,
        how=ENERGY_HOW,
        before="record_meter_reading",
        after=("send_account_link",),
        atoms=[{"feature": "tag:readings", "op": "tag"}],
        section="Meter readings",
    )
    handed = handed_over(facts)
    assert handed is not None and handed.verbs == ("record", "submit")
    knowledge = KnowledgeBase([kb_item("readings", ENERGY_FAQ)])
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    body = TemplateDrafter().edit(facts, ranked["article:readings"]).new_body
    assert body is not None
    assert "our team submits it for you" not in body
    assert "You can now submit your readings yourself in your online account." in body
    assert "Your next bill uses the reading we have on file." in body
    assert "**How do I give you a reading?**" in body


def test_a_change_it_must_not_touch_is_left_alone() -> None:
    # for some customers only (a bound): the old way stays for the rest
    assert (
        handed_over(
            _facts(
                atoms=[
                    {"feature": "tag:renew", "op": "tag"},
                    {"feature": "loans_out", "op": ">", "value": 3},
                ]
            )
        )
        is None
    )
    # the new prompt keeps the agent doing it
    kept = "When a member asks to renew a loan, check it first and renew it with `renew_loan`."
    assert handed_over(_facts(new=kept)) is None
    # the new agent still makes the call
    assert handed_over(_facts(after=("send_catalogue_link", "renew_loan"))) is None
    # no customer doing it themselves in the new prompt
    plain = "When a member asks to renew a loan, tell them to visit the desk."
    assert handed_over(_facts(new=plain)) is None


def test_a_drafting_model_is_told_the_new_way_and_an_edit_keeping_the_old_is_caught() -> None:
    facts = _facts()
    fact = handed_over_fact(facts)
    assert fact is not None and "renew_loan" in fact and "yourself" in fact
    assert still_handed(facts, LIB_MACRO, "text") == [
        "We've renewed your loan for you, and the new due date is in the email we've just sent."
    ]
    assert handed_over_fact(_facts(after=("send_catalogue_link", "renew_loan"))) is None


def test_other_voices_and_tool_names() -> None:
    # a noun-first tool name: its first word is no verb; the old sentence gives the verb
    facts = _facts(
        old="When a guest asks to change a table booking, change it on their behalf with "
        "`table_change` and tell them the new time.",
        new="Guests now change table bookings themselves in the Forkly app.",
        how="When a guest asks to change a booking, send them the app link with `send_app_link`.",
        before="table_change",
        after=("send_app_link",),
    )
    handed = handed_over(facts)
    assert handed is not None and handed.verbs == ("change",)
    assert does_for_customer(handed, "I've changed your table booking for 8pm.")
    assert does_for_customer(handed, "We'll change the table on your behalf.")
    # another deed with the same generic verb, no "for you" and nothing the tool acts on
    assert not does_for_customer(handed, "We change the menu every season.")
    own, _ = handed.sentences()
    assert own == "You can now change table bookings yourself in the Forkly app."


def test_the_same_verb_on_other_things_and_a_list_of_what_the_customer_does_stay() -> None:
    facts = _facts(
        old="When a customer asks to change their delivery address, change it for them with "
        "`change_address` and confirm it.",
        new="Customers now change their delivery address themselves in the Parcelly app.",
        how="When a customer asks to change their address, send them the app link with "
        "`send_app_link`.",
        before="change_address",
        after=("send_app_link",),
        section="Addresses",
    )
    handed = handed_over(facts)
    assert handed is not None
    for trap in (
        "We change our opening hours over Christmas, so check the website first.",
        "If a driver can't get in, we change the delivery day and text you.",
        "We're sorry we had to change your collection time.",
        "- change a parcel's size band after it has been weighed",
    ):
        assert not does_for_customer(handed, trap)
    assert does_for_customer(handed, "We've changed your delivery address for you.")
    app = (
        "# Your address\n\nIn the app you can:\n\n- change your delivery address\n"
        "- see your parcels\n"
    )
    team = (
        "# Your address\n\nOur team looks after your address. It can:\n\n"
        "- change your delivery address\n- see your parcels\n"
    )
    knowledge = KnowledgeBase([kb_item("app", app), kb_item("team", team)])
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    assert not ranked["article:app"].conflicts
    body = TemplateDrafter().edit(facts, ranked["article:team"]).new_body
    assert body == team.replace(
        "- change your delivery address",
        "- send you the app link so you can change your delivery address yourself",
    )


def test_the_new_way_said_without_themselves() -> None:
    # the customer as the verb's subject, no reflexive
    facts = _facts(
        old="If a member wants a break, pause the plan for them with `pause_plan`.",
        new="Members can now pause their plan from their account page.",
        how="When a member asks to pause, send them the page link with `send_account_link`.",
        before="pause_plan",
        after=("send_account_link",),
    )
    handed = handed_over(facts)
    assert handed is not None
    own, _ = handed.sentences()
    assert own == "You can now pause your plan from your account page."
    # "so they can": the way said only in how they get there
    facts = _facts(
        old="When a guest asks to change a booking, rebook it for them with `rebook_stay`.",
        new="When a guest asks to change a booking, send them the link with `send_stay_link` "
        "so they can rebook online.",
        how="Tell them changes are free up to 48 hours before arrival.",
        before="rebook_stay",
        after=("send_stay_link",),
    )
    handed = handed_over(facts)
    assert handed is not None
    own, how = handed.sentences()
    assert own is None and how is not None and "rebook online" in how
    macro = "Hi {{ticket.requester.first_name}},\n\nWe've rebooked your stay for you.\n"
    knowledge = KnowledgeBase([kb_item("rebooked", macro, kind="macro")])
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    body = TemplateDrafter().edit(facts, ranked["macro:rebooked"]).new_body
    assert body is not None and "We've rebooked your stay for you." not in body
    assert "link" in body and "rebook online" in body


def test_a_rule_we_keep_on_a_trigger_of_our_own_stays() -> None:
    facts = _facts(
        old="When a member asks to cancel a class booking, cancel it for them with "
        "`cancel_booking` and tell them it's done.",
        new="Members now cancel class bookings themselves in the Gymly app.",
        how="When a member asks to cancel, send them the app link with `send_app_link`.",
        before="cancel_booking",
        after=("send_app_link",),
    )
    handed = handed_over(facts)
    assert handed is not None
    for kept in (
        "We cancel bookings that haven't been paid for within 24 hours.",
        "If an instructor is ill, we cancel the class booking and refund you in full.",
        "We may cancel your booking if you miss three classes in a row.",
        "We automatically cancel a booking nobody turns up for.",
    ):
        assert not does_for_customer(handed, kept)
    assert does_for_customer(handed, "We've cancelled your booking and refunded your card.")
    assert does_for_customer(handed, "Just message us and we'll cancel your class booking.")
    assert does_for_customer(handed, "If you'd like, we can cancel the booking for you.")
