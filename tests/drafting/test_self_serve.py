"""An action customers took themselves now taken by the agent with a tool it gains
(`drafting.selfserve`): what tells the customer to do it themselves says we do it when asked.

Made-up agent: a climbing gym whose members used to freeze their membership themselves in the
app (Profile > Membership > Freeze); the new agent freezes it for them with
`freeze_membership`. Traps: cancelling in the app (another verb, the same place), what is said
of a frozen membership, and a freeze the customer asks us for."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.selfserve import (
    SelfServed,
    self_serve_fact,
    self_served,
    still_self_served,
    tells_customer_to,
)
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "Members freeze it themselves in the app (Profile > Membership > Freeze): tell them how, "
    "and that they pick the number of weeks there."
)
NEW = (
    "The app no longer has a Freeze option: when a member asks to freeze, freeze the "
    "membership for them with `freeze_membership` for the weeks they ask for (8 at most) and "
    "tell them the date it starts again."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nNo problem at all. You can freeze your membership "
    "yourself in the app: go to Profile > Membership > Freeze and pick the number of weeks. "
    "While it's frozen we won't take any payments, and it starts again by itself.\n\n"
    "See you on the wall,\n{{current_user.first_name}}"
)
CANCEL_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry to see you go. You can cancel your "
    "membership in the app: go to Profile > Membership > Cancel.\n\n{{current_user.first_name}}"
)
LIST = """# What you can do in the app

Open the app to manage your membership yourself:

- Update your card.
- Freeze your membership for up to eight weeks.
- Cancel your membership.
"""
ASKED = "# Holidays\n\nIf you'd rather not use the app, you can ask us to freeze it.\n"


def _facts(*, tool: str = "freeze_membership", old: str = OLD) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=f"now calls {tool}",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag freeze",
                    "atoms": [{"feature": "tag:freeze", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        after_actions=[ActionFact(tool, ())],
        rules=[Rule("H1", "sentence_changed", "Freezing", old, NEW, "changed")],
        prompt_sections={"Freezing": [NEW]},
    )


def test_the_customer_told_to_do_it_is_found_and_what_is_said_of_the_result_is_not() -> None:
    served = self_served(_facts())
    assert served is not None and served.verb == "freeze"
    assert tells_customer_to(served, "You can freeze your membership yourself in the app.")
    assert tells_customer_to(served, "- Freeze your membership for up to eight weeks.")
    assert not tells_customer_to(served, "While it's frozen we won't take any payments.")
    assert not tells_customer_to(served, "You can cancel your membership in the app.")
    assert not tells_customer_to(served, "If you'd rather, you can ask us to freeze it.")
    assert not tells_customer_to(served, "If you freeze it, we won't take any payments.")


def test_a_tool_the_old_prompt_did_not_give_the_customer_is_no_self_service() -> None:
    assert self_served(_facts(old="Tell members a freeze costs nothing.")) is None
    assert self_served(_facts(tool="send_reminder")) is None


def test_the_sentences_telling_the_customer_to_do_it_say_we_do_it_when_asked() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("freeze", MACRO, kind="macro"),
            kb_item("cancel", CANCEL_MACRO, kind="macro"),
            kb_item("app", LIST),
            kb_item("holidays", ASKED),
        ]
    )
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    assert all(
        not ranked[key].conflicts for key in ("macro:cancel", "article:holidays") if key in ranked
    )
    macro = TemplateDrafter().edit(facts, ranked["macro:freeze"]).new_body
    assert macro == MACRO.replace(
        "You can freeze your membership yourself in the app: go to Profile > Membership > "
        "Freeze and pick the number of weeks.",
        "Ask us and we'll freeze your membership for you.",
    )
    listed = TemplateDrafter().edit(facts, ranked["article:app"]).new_body
    assert listed == LIST.replace(
        "- Freeze your membership for up to eight weeks.",
        "- Ask us and we'll freeze your membership for you.",
    )


def test_a_drafting_model_is_told_the_rule_and_its_edit_keeping_the_old_way_is_refused() -> None:
    facts = _facts()
    told = self_serve_fact(facts)
    assert told is not None and "Ask us and we'll freeze your membership for you." in told
    assert still_self_served(facts, LIST, "markdown") == [
        "- Freeze your membership for up to eight weeks."
    ]
    assert still_self_served(facts, CANCEL_MACRO, "text") == []


def test_a_sentence_holding_a_placeholder_is_flagged_not_rewritten() -> None:
    facts = _facts()
    body = (
        "Hi,\n\nYou can freeze your membership yourself in the app until "
        "{{ticket.custom_field_renewal}}.\n\nThanks"
    )
    ranked = {
        i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("f", body, "macro")]))
    }
    edit = TemplateDrafter().edit(facts, ranked["macro:f"])
    assert edit.new_body is None and "placeholder" in edit.rationale


def test_in_html_the_sentence_takes_the_first_ones_place() -> None:
    facts = _facts()
    body = (
        "<p>You can freeze your membership yourself in the app.</p><ul><li>Freeze your "
        "membership for up to eight weeks.</li><li>Cancel it.</li></ul>"
    )
    item = replace(kb_item("app", body), body_format="html")
    ranked = rank_items(facts, KnowledgeBase([item]))
    impact = next(i for i in ranked if i.item.key == "article:app")
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body is not None
    assert new_body.startswith("<p>Ask us and we'll freeze your membership for you.</p><ul>")
    assert new_body.count("Ask us") == 1


def test_a_longer_word_starting_with_the_verb_is_not_the_verb() -> None:
    served = SelfServed("add_driver", "add", "driver")
    assert not tells_customer_to(served, "Update your address yourself in the app.")
    assert tells_customer_to(served, "You can add a driver in the app.")
