"""A count limit that lives in the config's tool schema, the prompt unchanged: the maximum of a
whole-number argument counting an allowance's uses moved for everyone, and the change's
condition is the band between the two numbers. A made-up library whose loans are renewed free
up to `renew_loan`'s maximum free_renewal, lowered from 4 to 3 (loans renewed 3 times now
renew with `renew_loan_paid` and a 50p fee). A KB sentence giving the old count of renewals
(in words, figures, ordinals, a list of ordinals and an "onwards" row) gives the new one; the
same number about books, days or floors is another subject."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.countlimit import count_limit, limit_fact, still_old_limit
from behaviordiff.drafting.drafters import _EDITED_BODY_CHECKS, LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

FREE = (
    "Hi {{ticket.requester.first_name}},\n\nYour loan is renewed. Each loan can be renewed free "
    "of charge up to four times, so no rush.\n\nHappy reading,\nThe Library"
)
FEE = (
    "Hi,\n\nYour loan is renewed. As it had already been renewed four times (4 free renewals is "
    "the most per loan), this renewal costs 50p.\n\nThe Library"
)
BOOKS = "Hi,\n\nYou can borrow up to four books at a time, and notices go out after 4 days.\n"
ARTICLE = (
    "# Renewals\n\nYou can renew a loan for free up to 4 times. After the fourth renewal, each "
    "further renewal costs 50p.\n\n"
    "| Renewal | Cost |\n| --- | --- |\n"
    "| 1st, 2nd, 3rd or 4th renewal | Free |\n"
    "| 5th renewal onwards | 50p |\n"
    "| Lost card | £4 |\n\n"
    "- Renewals and returns: you can borrow up to 4 books at a time.\n"
    "- Sets of 4 audiobooks can be renewed together.\n"
    "- The study rooms are on the fourth floor.\n"
)
SUMMARY = "tool renew_loan.parameters.properties.free_renewal.maximum: 4 → 3"


def _facts(summary: str = SUMMARY, low: float = 3, high: float = 4) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="renew_loan → renew_loan_paid",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["renew-3a", "renew-3b", "ask-3"],
        before_actions=[ActionFact("renew_loan")],
        after_actions=[ActionFact("renew_loan_paid")],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"tag renew and {low:g} <= lookup_loan.renewals_used < {high:g}",
                    "atoms": [
                        {"feature": "tag:renew", "op": "tag"},
                        {
                            "feature": "lookup_loan.renewals_used",
                            "op": "between",
                            "low": low,
                            "high": high,
                            "low_inclusive": True,
                            "high_inclusive": False,
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "tool_changed", None, None, None, summary)],
        excerpts=[Excerpt(probe_id="renew-3a", old="Renewed, free.", new="Renewed, 50p.")],
        others=9,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Loans::Renewed - free", FREE, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Loans::Renewed - fee", FEE, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Loans::Borrowing", BOOKS, "text", "kb", "m"),
            KnowledgeItem("article", "4", "Renewals", ARTICLE, "markdown", "kb", "a"),
        ]
    )


def test_the_limit_is_read_from_the_config_hunk_and_the_band_of_the_condition() -> None:
    limit = count_limit(_facts())
    assert limit is not None
    assert (limit.tool, limit.argument, limit.old, limit.new) == (
        "renew_loan",
        "free_renewal",
        4,
        3,
    )
    # another key, or a condition that is not the band between the two numbers, is not it
    assert count_limit(_facts("tool renew_loan.description: 'a' → 'b'")) is None
    assert count_limit(_facts(low=2, high=3)) is None


def test_every_sentence_giving_the_old_count_is_rewritten_and_no_other() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    drafter = TemplateDrafter()
    free = drafter.edit(facts, impacts["macro:1"]).new_body
    assert free == FREE.replace("up to four times", "up to three times")
    fee = drafter.edit(facts, impacts["macro:2"]).new_body
    assert fee == FEE.replace("renewed four times (4 free", "renewed three times (3 free")
    article = drafter.edit(facts, impacts["article:4"]).new_body
    assert article is not None
    assert "for free up to 3 times. After the third renewal, each" in article
    assert "| 1st, 2nd or 3rd renewal | Free |" in article
    # "4th renewal onwards" would say the old number again
    assert "| Each renewal after the 3rd | 50p |" in article
    # the same number about books and floors is another subject
    assert "- Renewals and returns: you can borrow up to 4 books at a time." in article
    assert "- The study rooms are on the fourth floor." in article
    assert "- Sets of 4 audiobooks can be renewed together." in article
    assert "| Lost card | £4 |" in article
    books = impacts.get("macro:3")
    assert books is None or not books.conflicts


def test_a_raised_limit_moves_the_same_way() -> None:
    facts = _facts("tool renew_loan.parameters.properties.free_renewal.maximum: 4 → 6", 4, 6)
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    article = TemplateDrafter().edit(facts, impacts["article:4"]).new_body or ""
    assert "up to 6 times. After the sixth renewal" in article
    assert "| 1st, 2nd, 3rd, 4th, 5th or 6th renewal | Free |" in article
    assert "| 7th renewal onwards | 50p |" in article


def test_a_drafting_model_gets_the_limit_and_an_edit_keeping_the_old_one_falls_back() -> None:
    facts = _facts()
    assert any("now takes at most 3 as free_renewal" in said for said in draft_facts(facts))
    assert any(check is still_old_limit for check, _ in _EDITED_BODY_CHECKS)
    conflicting = ["Each loan can be renewed free of charge up to four times, so no rush."]
    assert still_old_limit(facts, conflicting, FREE, FREE, "text") == conflicting
    right = FREE.replace("four times", "three times")
    assert still_old_limit(facts, conflicting, FREE, right, "text") == []
    fact = limit_fact(facts)
    assert fact is not None and "4" in fact and "3" in fact
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:1")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": FREE, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert "now takes at most 3 as free_renewal" in asked[0]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed
