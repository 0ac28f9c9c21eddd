"""An action replaced by another for one case of the condition (a new step first): a mattress
shop whose assistant, for memory-foam mattresses only, now books a comfort call with a sleep
adviser instead of arranging the exchange; spring and hybrid mattresses are still exchanged.
The KB items about the changed case say the new step in their own words (a macro never claims
it is done), what the old action led to goes, and the items and sentences about the kept cases
stay byte for byte, even in the same sentence frame."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.casestep import (
    case_step,
    claims_done,
    kept_cases,
    kept_lead,
    labelled_item,
    promises_action,
    reference,
    step_phrase,
)
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import STEP_REASON, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

KEPT = (
    "Spring and hybrid mattresses: arrange the exchange with `arrange_exchange` and tell them "
    "the new mattress arrives in 10 days."
)
STEP = (
    "Book a comfort call with a sleep adviser first, using `book_comfort_call`, and send them "
    "its date and time."
)
CHANGED_MACRO = (
    "Hello {{ticket.requester.first_name}},\n\nSorry your memory foam mattress isn't comfy yet. "
    "Bodies take a while to settle. As you're within the 100-night trial, you're covered and "
    "we'll exchange it at no cost.\n\nI've arranged the exchange for order {{ticket.order_id}}. "
    "The new mattress arrives in 10 days, and the driver takes the old one away.\n\n"
    "Cheers,\n{{current_user.first_name}}"
)
KEPT_MACRO = (
    "Hello {{ticket.requester.first_name}},\n\nSorry it isn't working out. You're within the "
    "100-night trial, so we'll exchange it at no cost.\n\nThe exchange for order "
    "{{ticket.order_id}} is arranged: the new mattress arrives in 10 days.\n\n"
    "Cheers,\n{{current_user.first_name}}"
)
ARTICLE = """# The 100-night trial

| Mattress | Settling-in time |
|---|---|
| Spring | A week |
| Memory foam | 3 to 6 weeks |

## Not comfy yet?

Tell us within 100 nights and we'll sort it:

- **Spring and hybrid mattresses:** we exchange them, and the new one arrives in 10 days.
- **Memory foam mattresses:** we exchange them for a firmer one, arriving in 10 days.

After 100 nights, exchanges cost half the price of a new mattress.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="arrange_exchange → book_comfort_call",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["m1", "m2", "m3"],
        before_actions=[ActionFact("arrange_exchange")],
        after_actions=[ActionFact("book_comfort_call")],
        removed_promises=[Promise("duration", "10 days", "shipping")],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "mattress", "op": "=", "value": "memory_foam"}]}
            )
        ],
        rules=[
            Rule("H2", "sentence_added", "Trial", None, STEP, "sentence added"),
            Rule("H1", "sentence_changed", "Trial", "Arrange the exchange …", KEPT, "changed"),
        ],
        excerpts=[
            Excerpt(
                "m1", "Done: the new mattress arrives in 10 days.", "An adviser will ring you."
            ),
            Excerpt("m2", "It's exchanged, 10 days.", "Your comfort call is set."),
            Excerpt("m3", "New one in 10 days.", "We've set up a call with an adviser."),
        ],
        others=5,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem(
                "macro", "1", "Trial::Memory foam exchange", CHANGED_MACRO, "text", "k", "a"
            ),
            KnowledgeItem(
                "macro", "2", "Trial::Spring or hybrid exchange", KEPT_MACRO, "text", "k", "b"
            ),
            KnowledgeItem("article", "3", "The 100-night trial", ARTICLE, "markdown", "k", "c"),
        ]
    )


def test_the_cases_the_prompt_keeps_on_the_old_action_are_read_from_its_head() -> None:
    assert kept_cases(_facts()) == [{"spring"}, {"hybrid"}]
    facts = _facts()
    facts.others = 0  # a change for everyone keeps no case
    assert kept_cases(facts) == []


def test_the_new_step_is_said_as_what_we_do_without_the_tool() -> None:
    assert step_phrase(STEP, "book_comfort_call") == (
        "book a comfort call with a sleep adviser first, and send you its date and time"
    )
    assert step_phrase("Use `log_visit` to book a visit for the customer.", "log_visit") == (
        "book a visit for you"
    )
    assert step_phrase("Pillows: book a fitting with `book_fit`.", "book_fit") == "book a fitting"
    assert step_phrase("The agent has `book_fit` for this.", "book_fit") is None
    assert case_step(_facts()) == (
        STEP,
        "book a comfort call with a sleep adviser first, and send you its date and time",
    )


def test_what_a_rewrite_keeps_of_a_sentence() -> None:
    assert promises_action("arrange_exchange", "so we'll exchange it at no cost")
    assert promises_action("issue_refund", "We happily refund you.")
    assert not promises_action("arrange_exchange", "exchanges cost half the price")
    assert kept_lead("You're covered and we'll exchange it.", "arrange_exchange") == (
        "You're covered"
    )
    assert kept_lead("We'll exchange it.", "arrange_exchange") is None
    assert reference("I've arranged it for order {{ticket.id}}.") == "for order {{ticket.id}}"
    assert reference("{{ticket.id}} is arranged.") is None
    assert labelled_item("- **Foam:** we swap it.") == ("- **Foam:** ", "we swap it.")
    assert labelled_item("- we swap it.") is None


def test_only_the_changed_cases_items_conflict_and_they_promise_the_old_action() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _kb())}
    assert not impacts["macro:2"].affected  # same frame, the kept cases' title
    changed = [(c.sentence, c.reasons) for c in impacts["macro:1"].conflicts]
    assert changed[0] == (
        "As you're within the 100-night trial, you're covered and we'll exchange it at no cost.",
        (STEP_REASON.format(action="`arrange_exchange`"),),
    )
    assert [c.sentence for c in impacts["article:3"].conflicts] == [
        "- Memory foam mattresses: we exchange them for a firmer one, arriving in 10 days."
    ]


def test_the_macro_says_the_step_once_where_its_placeholder_is_and_never_that_it_is_done() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _kb())}
    edit = TemplateDrafter().edit(_facts(), impacts["macro:1"])
    assert edit.new_body == (
        "Hello {{ticket.requester.first_name}},\n\nSorry your memory foam mattress isn't comfy "
        "yet. Bodies take a while to settle. As you're within the 100-night trial, you're "
        "covered.\n\nFor order {{ticket.order_id}}, we'll book a comfort call with a sleep "
        "adviser first, and send you its date and time.\n\nCheers,\n{{current_user.first_name}}"
    )


def test_the_article_rewrites_the_changed_cases_item_and_keeps_the_rest() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _kb())}
    edit = TemplateDrafter().edit(_facts(), impacts["article:3"])
    assert edit.new_body == ARTICLE.replace(
        "we exchange them for a firmer one, arriving in 10 days.",
        "we book a comfort call with a sleep adviser first, and send you its date and time.",
    )


def test_a_sentence_naming_both_cases_is_split() -> None:
    both = (
        "# Exchanges\n\nSpring mattresses and memory foam mattresses are exchanged by our "
        "drivers, so we'll exchange yours within 10 days.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "4", "Exchanges", both, "markdown", "k", "d")])
    [impact] = [i for i in rank_items(_facts(), kb) if i.affected]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == (
        "# Exchanges\n\nSpring mattresses are exchanged by our drivers, so we'll exchange yours "
        "within 10 days. For memory foam mattresses, we book a comfort call with a sleep adviser "
        "first, and send you its date and time instead.\n"
    )


def test_a_macro_edit_that_says_the_new_action_is_done_is_refused() -> None:
    facts = _facts()
    done = "I've booked a comfort call for order {{ticket.order_id}}."
    assert claims_done(facts, CHANGED_MACRO, CHANGED_MACRO + "\n\n" + done) == [done]
    will = "We'll book a comfort call for order {{ticket.order_id}}."
    assert claims_done(facts, CHANGED_MACRO, CHANGED_MACRO + "\n\n" + will) == []


def test_the_drafting_model_gets_the_same_check_and_falls_back_to_the_template() -> None:
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, _kb())}
    impact = impacts["macro:1"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    claimed = template_edit.new_body.replace(
        "For order {{ticket.order_id}}, we'll book", "I've booked, for order {{ticket.order_id}},"
    )
    reply = json.dumps({"new_body": claimed, "rationale": "Says the step."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "says the new action is already done" in failure


def test_a_hand_off_to_a_person_is_no_step_we_take() -> None:
    facts = _facts()
    handoff = "Hand the conversation to a sleep adviser first, using `transfer_to_adviser`."
    facts.after_actions = [ActionFact("transfer_to_adviser")]
    facts.rules = [Rule("H2", "sentence_added", "Trial", None, handoff, "added"), facts.rules[1]]
    assert case_step(facts) is None
    impacts = {i.item.key: i for i in rank_items(facts, _kb())}
    assert all(
        STEP_REASON.split(" ")[0] not in str(c.reasons) for c in impacts["macro:1"].conflicts
    )
