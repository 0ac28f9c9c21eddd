"""An option taken out of a list of options for everyone (a cinema no longer posts tickets:
email or text message only; `send_tickets` loses `post` from its `channel` enum): the KB's
lists lose it with their joining words right, the items, rows and sentences about it alone go,
the list's count counts one fewer, a denial naming it ("we never send refunds by post") stays,
and a sentence no rewrite can say is flagged. A drafting model gets the same fact and check."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.droppedoption import (
    DROPPED_REASON,
    dropped_option,
    refusal_sentence,
    still_offered,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.optionlist import option_rules
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import titled_item

LIST_OLD = "Send tickets by email, by text message or by post, as the customer prefers."
LIST_NEW = "Send tickets by email or by text message, as the customer prefers."
SCHEMA = Rule(
    "H3",
    "tool_changed",
    None,
    "post",
    None,
    "tool send_tickets.parameters.properties.channel.enum[2] removed (was post)",
)
ARTICLE = """# Getting your tickets

We can send your tickets by email, by text message or by post, whichever you prefer.

There are three ways to get them:

- Email: a PDF you can print or show on your phone
- Text message: a link to your tickets
- Post: printed tickets, sent first class to your home

Tickets sent by post usually arrive within two working days.

| Booking | How we send tickets |
| --- | --- |
| Single film | Email, text message or post |
| Season pass | Email only |

## Refunds

We never send refunds by post; they go back to your card within 5 days.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for booking {{ticket.custom_field_film}}! "
    "We'll send your tickets by email or by post, whichever you pick.\n\n"
    "{{current_user.first_name}}"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nYour refund is on its way to your card; we don't "
    "refund by post.\n\n{{current_user.first_name}}"
)


def _facts(rules: list[Rule] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls send_tickets",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["post-1", "post-2", "post-3"],
        before_actions=[ActionFact("send_tickets", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "delivery = post and tag tickets",
                    "atoms": [
                        {"feature": "delivery", "op": "=", "value": "post"},
                        {"feature": "tag:tickets", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=rules
        if rules is not None
        else [SCHEMA, Rule("H1", "sentence_changed", "Tickets", LIST_OLD, LIST_NEW, "…")],
        excerpts=[
            Excerpt("post-1", "I'll post them today.", "We no longer post tickets: email?"),
        ],
        others=9,
    )


def _impacts(facts: ChangeFacts | None = None) -> dict[str, object]:
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Getting your tickets", ARTICLE),
            titled_item("macro", "Tickets::Sending", MACRO),
            titled_item("macro", "Refunds::On its way", TRAP),
        ]
    )
    found = rank_items(facts or _facts(), knowledge)
    return {impact.item.title: impact for impact in found}


def test_the_option_is_read_from_the_narrowed_list_or_the_schema() -> None:
    option = dropped_option(_facts())
    assert option is not None and (option.option, option.rule) == ("post", LIST_NEW)
    schema_only = dropped_option(_facts([SCHEMA]))
    assert schema_only is not None and schema_only.option == "post"
    # neither a narrowed list nor a schema that lost it: no such change
    assert (
        dropped_option(_facts([Rule("H9", "sentence_added", "T", None, "Be kind.", "…")])) is None
    )


def test_an_unattributed_narrowed_list_joins_the_rules() -> None:
    hunks = {
        "H1": {"kind": "sentence_changed", "section": "Tickets", "old": LIST_OLD, "new": LIST_NEW},
        "H2": {
            "kind": "sentence_changed",
            "section": "Tickets",
            "old": "Be nice.",
            "new": "Be kind.",
        },
    }
    facts = _facts([SCHEMA])
    added = option_rules(facts.rules, hunks, {"H3"}, facts.conditions, Rule)
    assert [(rule.hunk_id, rule.old, rule.new) for rule in added] == [("H1", LIST_OLD, LIST_NEW)]
    assert option_rules(facts.rules, hunks, {"H1", "H3"}, facts.conditions, Rule) == []


def test_offers_are_marked_and_denials_are_not() -> None:
    impacts = _impacts()
    article = {c.sentence: c.reasons for c in impacts["Getting your tickets"].conflicts}  # type: ignore[attr-defined]
    assert article == {
        "We can send your tickets by email, by text message or by post, whichever you prefer.": (
            DROPPED_REASON,
        ),
        "- Post: printed tickets, sent first class to your home": (DROPPED_REASON,),
        "Tickets sent by post usually arrive within two working days.": (DROPPED_REASON,),
        "| Single film | Email, text message or post |": (DROPPED_REASON,),
    }
    trap = impacts.get("Refunds::On its way")
    assert trap is None or not trap.conflicts  # type: ignore[attr-defined]


def test_the_edits_narrow_the_lists_and_keep_every_other_byte() -> None:
    impacts = _impacts()
    drafter = TemplateDrafter()
    article = drafter.edit(_facts(), impacts["Getting your tickets"])  # type: ignore[arg-type]
    assert article.new_body == (
        ARTICLE.replace("by email, by text message or by post,", "by email or by text message,")
        .replace("There are three ways", "There are two ways")
        .replace("- Post: printed tickets, sent first class to your home\n", "")
        .replace("Tickets sent by post usually arrive within two working days.\n\n", "")
        .replace("| Email, text message or post |", "| Email or text message |")
    )
    macro = drafter.edit(_facts(), impacts["Tickets::Sending"])  # type: ignore[arg-type]
    assert macro.new_body == MACRO.replace("by email or by post,", "by email,")


def test_a_sentence_no_rewrite_can_say_is_flagged() -> None:
    odd = "If you chose post, we'll need your full address.\n"
    knowledge = KnowledgeBase([titled_item("article", "Odd", odd)])
    impact = next(i for i in rank_items(_facts(), knowledge) if i.affected)
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body is None
    assert "no safe rewrite" in edit.rationale


def _llm_edit(body: str) -> tuple[object, str | None]:
    facts = _facts()
    knowledge = KnowledgeBase([titled_item("article", "Getting your tickets", ARTICLE)])
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    reply = json.dumps({"new_body": body, "rationale": "Edited."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, str(template_edit.new_body)])
    return asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))


def test_the_drafting_model_gets_the_same_fact_and_checks() -> None:
    facts = _facts()
    assert any("post is no longer taken" in fact for fact in draft_facts(facts))
    assert "We never send refunds by post; they go back to your card within 5 days." not in (
        still_offered(facts, ARTICLE, "markdown")
    )
    edit, failure = _llm_edit(ARTICLE.replace("# Getting your tickets", "# Your tickets"))
    assert edit is None and failure and "no longer takes" in failure
    template_edit = TemplateDrafter().edit(facts, _impacts()["Getting your tickets"])  # type: ignore[arg-type]
    edit, failure = _llm_edit(str(template_edit.new_body))
    assert not failure, failure
    assert edit is not None


def test_the_note_quotes_the_rule_and_names_no_one_keeping_the_old_call() -> None:
    told = (
        "We no longer post tickets: if a customer wants them posted, say so, offer email or "
        "text message, and only call `send_tickets` once they pick one."
    )
    rules = [SCHEMA, Rule("H2", "sentence_changed", "Tickets", "Send them.", told, "…")]
    note = TemplateDrafter().note(_facts(rules), [], None)
    assert "stays for" not in note.after
    # the sentence saying it is no longer taken is the rule the note quotes
    assert told in note.after


def _other_facts(
    atoms: list[dict[str, object]], rule: Rule, before: list[str], after: list[str]
) -> ChangeFacts:
    return ChangeFacts(
        id="C2",
        title="a way to pay or book withdrawn",
        kind="actions",
        facets=["actions"],
        probe_ids=["p-1", "p-2"],
        before_actions=[ActionFact(name, ()) for name in before],
        after_actions=[ActionFact(name, ()) for name in after],
        conditions=[
            Condition.from_dict(
                {
                    "text": "…",
                    "atoms": atoms,
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[rule],
        excerpts=[],
        others=6,
    )


def _affected(facts: ChangeFacts, item: KnowledgeItem) -> Any:
    return next(i for i in rank_items(facts, KnowledgeBase([item])) if i.affected)


def test_customers_sent_another_way_when_a_call_starts() -> None:
    # a theatre stops selling tickets by phone and texts a web link instead
    rule = Rule(
        "H1",
        "sentence_changed",
        "Booking",
        "Customers can book by phone, online or at the box office.",
        "We no longer sell tickets by phone: send a booking link, or book at the box office.",
        "…",
    )
    atoms: list[dict[str, object]] = [{"feature": "channel", "op": "=", "value": "phone"}]
    facts = _other_facts(atoms, rule, ["take_phone_booking"], ["send_booking_link"])
    option = dropped_option(facts)
    assert option is not None and option.option == "phone"
    body = "# Booking\n\nBook by phone, online or at the box office.\n\nPhone lines shut at 8pm.\n"
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([titled_item("article", "B", body)]))
        if i.affected
    )
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None and "by phone" not in edit.new_body
    assert "Book online or at the box office." in edit.new_body


def test_a_topic_only_change_takes_the_option_its_prompt_list_lost() -> None:
    # a parking app no longer takes coins; the condition is only the payment topic
    rule = Rule(
        "H1",
        "sentence_changed",
        "Paying",
        "Drivers can pay with coins or by card at the meter.",
        "The meters no longer take coins; pay by card or in the app.",
        "…",
    )
    tag: list[dict[str, object]] = [{"feature": "tag:paying", "op": "tag"}]
    facts = _other_facts(tag, rule, [], ["send_app_link"])
    option = dropped_option(facts)
    assert option is not None and option.option == "coin"
    body = (
        "# Paying\n\nPay with coins, by card or in the app.\n\n"
        "Coin machines at the station are not ours.\n\nWe never give change in coins.\n\n"
        "Coin collectors meet on Sundays.\n"
    )
    assert still_offered(facts, body, "markdown") == ["Pay with coins, by card or in the app."]
    # a list of refusals losing a value is not this class
    refusals = Rule(
        "H1", "sentence_changed", "P", "We don't take coins or notes.", "We don't take notes.", "…"
    )
    assert dropped_option(_other_facts(tag, refusals, [], ["send_app_link"])) is None
    # nothing says the option is refused: a topic-only change does not guess
    quiet = Rule("H1", "sentence_changed", "P", rule.old, "Pay by card or in the app.", "…")
    assert dropped_option(_other_facts(tag, quiet, [], ["send_app_link"])) is None


def test_a_topic_only_edit_and_the_drafting_models_fact() -> None:
    rule = Rule(
        "H1",
        "sentence_changed",
        "Paying",
        "Drivers can pay with coins or by card at the meter.",
        "The meters no longer take coins; pay by card or in the app.",
        "…",
    )
    tag: list[dict[str, object]] = [{"feature": "tag:paying", "op": "tag"}]
    facts = _other_facts(tag, rule, [], ["send_app_link"])
    assert any("coin is no longer taken" in fact for fact in draft_facts(facts))
    body = "# Paying\n\nPay by coin, by card or by phone.\n\nCoin collectors meet on Sundays.\n"
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([titled_item("article", "P", body)]))
        if i.affected
    )
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("by coin, by card or", "by card or")
    # in a list no rewrite takes it out of: flagged, never the whole sentence dropped
    odd = "# Paying\n\nPay with coins, by card or in the app.\n"
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([titled_item("article", "Q", odd)]))
        if i.affected
    )
    flagged = TemplateDrafter().edit(facts, impact)
    assert flagged.new_body is None and "no safe rewrite" in flagged.rationale


# a car park's kiosks: the refusal said beside the narrowed list, kept elsewhere -------------

KIOSK_OLD = "Drivers can pay at the kiosk with coins or by card, or in the app."
KIOSK_NEW = "Drivers can pay at the kiosk by card or contactless, or in the app."
KIOSK_REFUSAL = (
    "Always send the app link with `send_app_link` and tell them the kiosk can't take coins."
)
KIOSK_KEPT = "The staffed office on level 1 takes coins or card as well."


def _kiosk_facts() -> ChangeFacts:
    rule = Rule("H1", "sentence_changed", "Paying", KIOSK_OLD, KIOSK_NEW, "…")
    added = Rule("H2", "sentence_added", "Paying", None, KIOSK_REFUSAL, "…")
    facts = _other_facts([{"feature": "tag:paying", "op": "tag"}], rule, [], ["send_app_link"])
    facts.rules.append(added)
    facts.prompt_sections = {"Paying": [KIOSK_NEW, KIOSK_REFUSAL, KIOSK_KEPT]}
    return facts


def test_a_refusal_said_beside_the_narrowed_list_names_the_option() -> None:
    facts = _kiosk_facts()
    option = dropped_option(facts)
    assert option is not None and option.option == "coin"
    # the agent tells them so: the KB says it once, in the prompt's words
    assert refusal_sentence(facts, option) == "The kiosk can't take coins."


def test_what_the_new_prompt_still_offers_elsewhere_stays() -> None:
    facts = _kiosk_facts()
    body = (
        "# Paying\n\nAt the kiosk you can pay with coins or by card.\n\n"
        "You can also pay at the staffed office on level 1, with coins or by card.\n"
    )
    assert still_offered(facts, body, "markdown") == [
        "At the kiosk you can pay with coins or by card."
    ]


def test_the_last_item_of_a_list_written_unalike_goes() -> None:
    facts = _kiosk_facts()
    body = (
        "# Paying\n\nYou can pay in the app with the link we text you, by card at the kiosk "
        "(it takes Visa, Mastercard and Amex), or with coins at the kiosk before you leave.\n\n"
        "If you pay with coins, keep your ticket until you leave.\n\nParking is free on Sundays.\n"
    )
    edit = TemplateDrafter().edit(facts, _affected(facts, titled_item("article", "P", body)))
    assert edit.new_body == (
        "# Paying\n\nYou can pay in the app with the link we text you, or by card at the kiosk "
        "(it takes Visa, Mastercard and Amex). The kiosk can't take coins.\n\n"
        "Parking is free on Sundays.\n"
    )
