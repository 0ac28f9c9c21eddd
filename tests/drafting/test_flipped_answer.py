"""An FAQ answer the change flips (`drafting.flippedanswer`): "Yes." under a question about the
case the new prompt now charges, its reason restating the old rule, is turned round and its
reason said as the new rule once; a question about another case keeps its answer; a drafting
model's edit keeping the head is refused.

Made-up agent: a kayak hire shop whose yearly service plan stayed with the kayak, so resold
kayaks were serviced free; now it covers the first buyer only and resold kayaks pay £15."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.answers import yes_no_head
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.flippedanswer import (
    flipped_answer_fact,
    head_unflipped,
    swapped_words,
)
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

_OLD = (
    "Our service plan runs 12 months from the first sale and stays with the kayak: if "
    "`age_months` is under 12, the service is free, whichever owner has the kayak now, "
    "resold kayaks included."
)
_NEW = (
    "Our service plan runs 12 months from the first sale and covers the first buyer only: if "
    "`age_months` is under 12 and `first_buyer` is true, the service is free."
)
_CHARGED = (
    "If `age_months` is under 12 and `first_buyer` is false, book it with `book_service` "
    "(fee 15) and tell them resold kayaks pay a £15 service fee."
)
_REASON = (
    "The service plan stays with the kayak, not the owner, so if you bought yours resold\n"
    "you're covered for whatever is left of the year."
)
_ARTICLE = f"""# Our service plan

Every kayak gets a yearly service plan for 12 months from its first sale.

## Is a resold kayak still covered?

Yes. {_REASON}

## What does a service include?

A hull check and new deck lines.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_service: fee 0 → 15",
        kind="actions",
        facets=["actions"],
        probe_ids=["svc-1", "svc-2", "svc-3"],
        after_actions=[ActionFact("book_service")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup.age_months < 12 and lookup.first_buyer = false",
                    "atoms": [
                        {"feature": "lookup.age_months", "op": "<", "value": 12},
                        {"feature": "lookup.first_buyer", "op": "=", "value": False},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Servicing", _OLD, _NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Servicing", None, _CHARGED, "sentence added"),
        ],
        excerpts=[
            Excerpt(probe_id="svc-1", old="It's free.", new="There's a fee."),
            Excerpt(probe_id="svc-2", old="It's free.", new="There's a fee."),
        ],
        others=9,
    )


def _impact(body: str) -> Impact:
    kb = KnowledgeBase([kb_item("plan", body)])
    [impact] = [i for i in rank_items(_facts(), kb) if i.item.key == "article:plan"]
    return impact


def test_the_yes_no_head_is_read_as_written() -> None:
    assert yes_no_head("Yes.") == "Yes"
    assert yes_no_head("**No.**") == "No"
    assert yes_no_head("Yes, for a year.") == "Yes"
    assert yes_no_head("Yesterday we opened.") is None


def test_the_swapped_words_of_a_changed_sentence() -> None:
    assert swapped_words(_facts()) == [("stays with the kayak", "covers the first buyer only")]


def test_an_answer_about_the_charged_case_is_turned_round() -> None:
    impact = _impact(_ARTICLE)
    assert [c.sentence for c in impact.conflicts] == [" ".join(_REASON.split())]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == _ARTICLE.replace(
        f"Yes. {_REASON}",
        "No. The service plan covers the first buyer only; a £15 service fee applies to "
        "resold kayaks.",
    )


def test_an_answer_about_another_case_keeps_its_head() -> None:
    body = _ARTICLE.replace("Is a resold kayak still covered?", "How long does the plan last?")
    edit = TemplateDrafter().edit(_facts(), _impact(body))
    assert edit.new_body is None or "Yes. " in edit.new_body


def test_a_drafting_model_is_told_and_its_edit_keeping_the_head_is_refused() -> None:
    facts, impact = _facts(), _impact(_ARTICLE)
    fact = flipped_answer_fact(facts, impact)
    assert fact is not None and "No" in fact and "£15 service fee" in fact
    kept = _ARTICLE.replace(_REASON, "A £15 service fee applies to resold kayaks.")
    assert head_unflipped(facts, impact, kept)
    template = TemplateDrafter().edit(facts, impact).new_body
    assert template is not None and head_unflipped(facts, impact, template) == []
    reply = json.dumps({"new_body": kept, "rationale": "Updated."})
    note = json.dumps(
        {
            "title": "Resold kayaks pay for a service",
            "before": "Free for any owner.",
            "after": "£15 for resold kayaks.",
            "when": "Under 12 months, resold.",
            "customer_impact": "Resold kayaks pay £15.",
            "cs_actions": [],
        }
    )
    model = FakeChatModel([note, reply, reply, reply, reply, reply, reply])
    draft = asyncio.run(
        LLMDrafter(model, "fake").draft(facts, [impact], Grounding([_OLD, _NEW, _CHARGED]), None)
    )
    [edit] = draft.edits
    sent = " ".join(
        str(message.get("content")) for request in model.requests for message in request.messages
    )
    assert fact in sent
    # the model's edit keeping "Yes." is refused; the template's text is used
    assert edit.origin == "llm-fallback"
    assert edit.new_body == template
