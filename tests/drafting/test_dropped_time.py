"""A time promise dropped for everyone on a topic, with what customers are told in its place
read from the new prompt (it depends on someone else; we'll tell them when it moves): each KB
sentence that states the time, in figures or words, loses the time phrase and says that
instead, in the KB's voice; the same number on another topic stays; the note says what
customers are now told. A made-up insurer whose claim payouts no longer come with a time."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.timedrop import (
    still_timed,
    time_instead,
    time_pattern,
    told_customers,
    without_time,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.kit import kb_item

OLD_HEADLESS = (
    "Tell the claimant their payout will reach them within 3 working days of approval, in the "
    "account they gave us."
)
NEW_HEADLESS = "Don't promise a time for the payout: when it arrives depends on their bank."
NEW_TOLD = (
    "Tell them we'll send them a text message as soon as the payout is on its way to the "
    "account they gave us."
)
OLD_HEADED = (
    "If the claim is approved on the phone, settle it with `settle_claim` (claim_ref) and tell "
    "the claimant their payout will reach them within 3 working days."
)
NEW_HEADED = "If the claim is approved on the phone, settle it with `settle_claim` (claim_ref)."

ARTICLE = """# Making a claim

## How long does an assessor take?

A loss adjuster will call you within 3 working days of your claim.

## When does the money arrive?

Your payout reaches you within 3 working days of approval, in the account you gave us.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: your claim is approved. You'll get the "
    "full amount within three working days in the account you gave us.\n\nBest wishes,\n"
    "{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Paying claims", OLD_HEADLESS, NEW_HEADLESS, "changed"),
        Rule("H2", "sentence_added", "Paying claims", None, NEW_TOLD, "added"),
        Rule("H3", "sentence_changed", "Phone claims", OLD_HEADED, NEW_HEADED, "changed"),
    ]
    condition = '{"atoms": [{"feature": "tag:payout", "op": "tag"}]}'
    return ChangeFacts(
        id="C1",
        title="Payout: 3 business days -> text message",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=["paid-1", "paid-2"],
        removed_promises=[Promise("duration", "3 business days")],
        conditions=[Condition.from_dict(json.loads(condition))],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="paid-1",
                old=(
                    "Your payout will reach you within 3 working days of approval, in the "
                    "account you gave us. You'll get the full amount."
                ),
                new="It depends on your bank; we'll text you when it's on its way.",
            )
        ],
        others=4,
    )


def test_what_customers_are_told_instead_is_read_from_the_new_prompt() -> None:
    instead = time_instead(_facts().rules)
    assert instead.startswith("how long it takes depends on your bank, and we'll send you a text")
    assert "they" not in instead.split() and "their" not in instead.split()
    assert told_customers(instead).startswith("how long it takes depends on their bank")
    # a new prompt that withholds no time says nothing in its place
    kept = [Rule("H1", "sentence_changed", "Paying", OLD_HEADLESS, NEW_TOLD, "changed")]
    assert time_instead(kept) == ""


def test_the_time_phrase_is_cut_in_figures_or_words_and_what_it_counted_from_kept() -> None:
    shape = time_pattern("3 business days")
    assert shape is not None
    said = "how long it takes depends on your bank"
    assert (
        without_time("You'll get it within three working days in your account.", shape, said)
        == "You'll get it in your account; how long it takes depends on your bank."
    )
    assert (
        without_time("It reaches you within 3 working days of approval.", shape, said)
        == "It reaches you after approval; how long it takes depends on your bank."
    )
    # two times in one sentence: no one phrase to cut
    two = "It reaches you within 3 working days, or within 3 working days of a query."
    assert without_time(two, shape, said) is None
    assert time_pattern("£5") is None


def test_each_stating_sentence_says_the_new_way_and_another_topics_time_stays() -> None:
    facts = _facts()
    items = [kb_item("claims", ARTICLE), kb_item("approved", MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:claims", "macro:approved"}
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:claims"]).new_body
    assert article is not None
    assert "A loss adjuster will call you within 3 working days of your claim." in article
    assert (
        "Your payout reaches you after approval, in the account you gave us; how long it takes "
        "depends on your bank, and we'll send you a text message as soon as the payout is on "
        "its way." in article
    )
    macro = drafter.edit(facts, impacts["macro:approved"]).new_body
    assert macro is not None and "three working days" not in macro
    assert "depends on your bank" in macro and "{{ticket.requester.first_name}}" in macro


def test_the_note_says_what_customers_are_now_told() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "depends on their bank" in note.customer_impact
    assert "text message" in note.customer_impact


def test_a_drafting_model_gets_the_same_fact_and_an_edit_keeping_the_time_is_retried() -> None:
    facts = _facts()
    assert any("no longer promises 3 business days" in said for said in draft_facts(facts))
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("approved", MACRO, kind="macro")]))
        if i.affected
    ]
    conflicts = {c.sentence for c in impact.conflicts}
    # the body kept as it was, or the time reworded into a sentence of its own, is refused
    assert still_timed(facts, conflicts, MACRO, MACRO, "text")
    reworded = MACRO.replace("Good news:", "Expect it within 3 working days. Good news:")
    assert still_timed(facts, conflicts, MACRO, reworded, "text")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    assert still_timed(facts, conflicts, MACRO, fixed, "text") == []

    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": MACRO, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert "no longer promises 3 business days" in asked[0]
    assert "still states the time the new prompt no longer promises" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed
