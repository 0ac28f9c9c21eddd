"""An exclusion lifted for one case (`drafting.liftedcase`): the old prompt refused the action
for a case the change's condition names, the new one grants it there, and the KB still
excludes the case as one of a list of conditions or as a list item under what is excluded.

Made-up agents: a theatre box office that now refunds tickets bought with a voucher, a bike
shop that now takes back bikes with custom paint, and a dog-boarding kennel that now boards
dogs on medication."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.liftedcase import (
    LISTED_REASON,
    NEGATED_REASON,
    lifted_case,
    still_excepted,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item, titled_item


def _facts(feature: str, section: str, old: str, new: str, kept: list[str]) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="refusal → action",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[],
        after_actions=[ActionFact("book_it", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"{feature} = true",
                    "atoms": [{"feature": feature, "op": "=", "value": True}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", section, old, new, "changed")],
        prompt_sections={section: [new, *kept]},
    )


# --- a theatre box office: tickets bought with a voucher can now be refunded ------------------

THEATRE = _facts(
    "voucher",
    "Refunds",
    "Tickets bought with a gift voucher can't be refunded, even within 7 days: don't refund "
    "them, and tell the customer we can't refund voucher tickets.",
    "Tickets bought with a gift voucher can be refunded too, within the same 7 days: refund "
    "them with `refund_ticket` to a new voucher and tell the customer it comes by email.",
    ["Refunds are given within 7 days of booking for unused tickets."],
)
THEATRE_ARTICLE = """# Refunds

## Can I get my money back?

Yes, within 7 days of booking, as long as the ticket is unused, unprinted and not bought
with a gift voucher.

## What can't we refund?

- Tickets for shows that have already started
- Tickets paid for with a gift voucher
- Tickets bought more than 7 days ago

## Gift vouchers

Our gift vouchers never expire and can be bought at the box office.
"""
THEATRE_ROW = """# Prices

| What | Cost | Small print |
| --- | --- | --- |
| Refund | Free | Within 7 days, unused, unprinted and not voucher-paid |
| Gift voucher | £20 or £50 | Posted within 2 days |
"""


def _impact(facts: ChangeFacts, key: str, body: str) -> Impact:
    knowledge = KnowledgeBase([kb_item(key, body)])
    return next(i for i in rank_items(facts, knowledge) if i.item.key == f"article:{key}")


def test_the_case_and_the_topic_are_read_from_the_changed_prompt_sentence() -> None:
    lifted = lifted_case(THEATRE)
    assert lifted is not None
    assert "vouch" in {w[:5] for w in lifted.words}
    assert any(w.startswith("refund") for w in lifted.topic)


def test_a_negated_condition_and_a_listed_case_are_marked_and_the_rest_is_not() -> None:
    impact = _impact(THEATRE, "refunds", THEATRE_ARTICLE)
    marked = {c.sentence: c.reasons for c in impact.conflicts}
    negated = next(s for s in marked if "not bought with a gift voucher" in s)
    assert NEGATED_REASON in marked[negated]
    assert LISTED_REASON in marked["- Tickets paid for with a gift voucher"]
    for kept in (
        "- Tickets for shows that have already started",
        "- Tickets bought more than 7 days ago",
        "Our gift vouchers never expire and can be bought at the box office.",
    ):
        assert kept not in marked


def test_the_template_takes_the_case_out_of_its_list_and_keeps_every_other_byte() -> None:
    edit = TemplateDrafter().edit(THEATRE, _impact(THEATRE, "refunds", THEATRE_ARTICLE))
    assert edit.new_body == THEATRE_ARTICLE.replace(
        "as long as the ticket is unused, unprinted and not bought\nwith a gift voucher.",
        "as long as the ticket is unused and unprinted.",
    ).replace("- Tickets paid for with a gift voucher\n", "")


def test_a_row_cell_loses_the_negated_case_and_another_rows_words_stay() -> None:
    edit = TemplateDrafter().edit(THEATRE, _impact(THEATRE, "prices", THEATRE_ROW))
    assert edit.new_body == THEATRE_ROW.replace(
        "unused, unprinted and not voucher-paid |", "unused and unprinted |"
    )


# --- a bike shop: bikes with custom paint can now be returned ---------------------------------

BIKES = _facts(
    "custom_paint",
    "Returns",
    "Bikes with custom paint cannot be returned: say sorry and explain we can't take them back.",
    "Bikes with custom paint can be returned like any other within 30 days: book the return "
    "with `book_return`.",
    ["Returns are free within 30 days."],
)


def test_a_macro_condition_said_with_has_no_loses_it_from_a_three_member_list() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nYour return is booked. Provided the bike is "
        "unridden, boxed, has no custom paint and comes with its receipt, we'll refund you in "
        "full.\n\nCheers,\n{{current_user.first_name}}\n"
    )
    knowledge = KnowledgeBase([titled_item("macro", "Returns::Booked", body)])
    impact = next(i for i in rank_items(BIKES, knowledge) if i.item.kind == "macro")
    edit = TemplateDrafter().edit(BIKES, impact)
    assert edit.new_body == body.replace("boxed, has no custom paint and", "boxed and")


def test_custom_paint_offered_as_a_service_is_no_exclusion() -> None:
    body = (
        "# Custom paint\n\nWe don't charge for custom paint on frames over £1,000, and our "
        "custom paint takes 3 weeks.\n"
    )
    knowledge = KnowledgeBase([kb_item("paint", body)])
    for impact in rank_items(BIKES, knowledge):
        assert not any(
            NEGATED_REASON in c.reasons or LISTED_REASON in c.reasons for c in impact.conflicts
        )


# --- a dog kennel: dogs on medication can now be boarded --------------------------------------

KENNEL = _facts(
    "on_medication",
    "Boarding",
    "Dogs on medication can't be boarded: refer the owner to a vet's kennel.",
    "Dogs on medication can be boarded too: book the stay with `book_stay` and ask the owner "
    "for the dose.",
    ["Every dog needs up-to-date vaccinations."],
)


def test_no_lift_when_the_new_prompt_still_refuses_or_the_change_is_for_everyone() -> None:
    assert lifted_case(KENNEL) is not None
    still = _facts(
        "on_medication",
        "Boarding",
        "Dogs on medication can't be boarded: refer the owner to a vet's kennel.",
        "Dogs on medication can't be boarded: refer the owner to the vet next door.",
        [],
    )
    assert lifted_case(still) is None
    everyone = _facts(
        "on_medication",
        "Boarding",
        "Dogs on medication can't be boarded: refer the owner to a vet's kennel.",
        "Dogs on medication can be boarded too: book the stay with `book_stay`.",
        [],
    )
    everyone.others = 0
    assert lifted_case(everyone) is None


def test_the_drafting_model_gets_the_same_fact_and_check() -> None:
    body = (
        "# Boarding\n\n## Who can stay?\n\nAny dog that is vaccinated, flea-treated and not on "
        "medication can stay with us.\n"
    )
    assert any("new prompt grants it" in fact for fact in draft_facts(KENNEL))
    knowledge = KnowledgeBase([kb_item("boarding", body)])
    impact = next(i for i in rank_items(KENNEL, knowledge) if i.item.key == "article:boarding")
    template_edit = TemplateDrafter().edit(KENNEL, impact)
    assert template_edit.new_body == body.replace(
        "vaccinated, flea-treated and not on medication", "vaccinated and flea-treated"
    )
    assert still_excepted(KENNEL, template_edit.new_body, "markdown") == []
    assert still_excepted(KENNEL, body, "markdown") != []
    reply = json.dumps({"new_body": body, "rationale": "Kept it."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": KENNEL.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([KENNEL.corpus(), body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(KENNEL, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still excludes a case the new prompt now grants" in failure
