"""A thing the customer must now send before an action on one topic, an action still taken once
it is in: a made-up furniture shop's assistant used to send a spare part for a warranty fault
at once with `send_part` ("Don't ask for receipts or any other proof.") and now first asks the
customer to upload a receipt for the chair, calling `send_part` only once the receipt is in the
conversation. The KB's "no receipt or paperwork needed", "no receipts, no proof, no questions
asked" and the warranty row's "Nothing, just your order number" say the step instead, in the
KB's words; the damaged-parcel row and macro (the same tool, the same "nothing to send") and
every other byte stay."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.proofstep import (
    PROOF_STEP_REASON,
    asked_row,
    deferred,
    denies_asked,
    proof_step,
    said_instead,
    still_unproved,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item

OLD = (
    "If a chair we sold has a warranty fault (wobbly legs, loose joints), send the spare part "
    "straight away with `send_part` (reason `warranty`). Don't ask for receipts or any other proof."
)
ASK = (
    "If a chair we sold has a warranty fault (wobbly legs, loose joints), ask the customer to "
    "upload a receipt for the chair first."
)
THEN = (
    "Only once their receipt is in the conversation, send the spare part with `send_part` "
    "(reason `warranty`)."
)
MACRO = (
    "Hello {{ticket.requester.first_name}},\n\nSorry about the wobble! We've sent the spare "
    "part straight away, no receipt or paperwork needed: we believe you.\n\nIt will reach you "
    "within 5 days.\n\nOakroom Furniture"
)
PARCEL = (
    "Hello {{ticket.requester.first_name}},\n\nSorry the parcel arrived damaged. We've sent a "
    "new part and it will reach you within 5 days. There's nothing you need to send us.\n\n"
    "Oakroom Furniture"
)
ARTICLE = """# Is your chair wobbly?

Our chairs are built to last, and a warranty fault is rare.

## What we'll do

- **Fix it for free.** Just tell us your order number: no receipts, no proof, no questions asked.
- **Keep it simple.** You don't need to post the chair back to us.

## At a glance

| Problem | What we send | What we need from you |
|---|---|---|
| Warranty fault (wobbly legs) | A spare part within 5 days | Nothing, just your order number |
| Parcel damaged in transit | A spare part within 5 days | Nothing, just your order number |
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls send_part",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("send_part")],
        after_actions=[],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:warranty", "op": "tag"}]})],
        rules=[
            Rule("H1", "sentence_changed", "Warranty", OLD, ASK, "c"),
            Rule("H2", "sentence_added", "Warranty", None, THEN, "added"),
        ],
        others=3,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("wobbly", ARTICLE, title="Is your chair wobbly?"),
            kb_item("sent", MACRO, kind="macro", title="Warranty::Part sent"),
            kb_item("parcel", PARCEL, kind="macro", title="Delivery::Parcel damaged"),
        ]
    )


def test_the_step_to_send_something_is_read_with_the_action_it_gates() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert step.action == "send_part"
    assert step.asked == "a receipt for the chair"
    assert step.step == "ask the customer to upload a receipt for the chair first"
    assert step.said == "ask you to upload a receipt for the chair first"
    # no sentence still takes the action once the receipt is in: the action is simply gone
    facts = _facts()
    facts.rules[1] = Rule("H2", "sentence_added", "Warranty", None, "Say sorry.", "added")
    assert proof_step(facts) is None


def test_a_denial_of_what_is_asked_is_read_and_other_words_are_not() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert denies_asked(step, "We've sent it, no receipt or paperwork needed.")
    assert denies_asked(step, "We don't ask for receipts.")
    assert not denies_asked(step, "Keep your receipt safe: no returns after 30 days.")
    assert not denies_asked(step, "There's nothing you need to send us.")


def test_the_step_is_said_in_place_of_the_denying_pieces() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert said_instead(
        step, "- Just tell us your order number: no receipts, no proof, no questions asked."
    ) == (
        "- Just tell us your order number: we'll ask you to upload a receipt for the chair first."
    )
    sent = said_instead(
        step,
        "We've sent the spare part straight away, no receipt or paperwork needed: we believe you.",
    )
    assert sent == (
        "We've sent the spare part once you've uploaded a receipt for the chair: we believe you."
    )
    # nothing but the denial: no text is written
    assert said_instead(step, "No receipts needed.") is None
    row = "| Warranty fault | A spare part | Nothing, just your order number |"
    assert asked_row(step, row, [2]) == (
        "| Warranty fault | A spare part | A receipt for the chair and your order number |"
    )


def test_the_edits_say_the_step_and_keep_the_other_topic() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    article = TemplateDrafter().edit(facts, impacts["article:wobbly"])
    assert article.new_body == ARTICLE.replace(
        "Just tell us your order number: no receipts, no proof, no questions asked.",
        "Just tell us your order number: we'll ask you to upload a receipt for the chair first.",
    ).replace(
        "| Warranty fault (wobbly legs) | A spare part within 5 days | Nothing, just your order "
        "number |",
        "| Warranty fault (wobbly legs) | A spare part within 5 days | A receipt for the chair "
        "and your order number |",
    )
    macro = TemplateDrafter().edit(facts, impacts["macro:sent"])
    assert macro.new_body == MACRO.replace(
        "straight away, no receipt or paperwork needed",
        "once you've uploaded a receipt for the chair",
    )
    assert "macro:parcel" not in impacts or not impacts["macro:parcel"].conflicts


def test_the_gated_actions_own_reasons_are_no_conflict() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert deferred(step, "describes `send_part`, which the new agent no longer does")
    assert deferred(step, "states 5 days, which the new agent no longer states")
    assert not deferred(step, "describes `book_visit`, which the new agent no longer does")
    assert not deferred(step, f"{PROOF_STEP_REASON} {step.step}")


def test_the_drafting_model_gets_the_step_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "nothing to prove" in f]
    assert "ask you to upload a receipt for the chair first" in fact
    kept = ARTICLE.replace("no receipts, no proof, no questions asked", "we'll sort it")
    assert still_unproved(facts, kept, "markdown") == [
        "| Warranty fault (wobbly legs) | A spare part within 5 days | Nothing, just your order "
        "number |"
    ]
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("sent", MACRO, "macro", "Warranty")]))
        if i.affected
    )
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reply = json.dumps({"new_body": MACRO, "rationale": "No change."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None


def test_the_gated_action_said_on_the_steps_topic_still_conflicts() -> None:
    """A macro on the step's own topic saying the action was done at once ("We've sent the
    spare part for your warranty fault") no longer holds: the step comes first. The same
    action said of another topic (a damaged parcel) stays."""
    facts = _facts()
    warranty = (
        "Hello,\n\nWe've sent the spare part for your warranty fault, and it will reach you "
        "within 5 days.\n\nOakroom Furniture"
    )
    kb = KnowledgeBase(
        [
            kb_item("fault", warranty, "macro", "Warranty::Fault"),
            kb_item("parcel", PARCEL, "macro", "Delivery::Parcel damaged"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    assert impacts["macro:fault"].conflicts
    assert not impacts["macro:parcel"].conflicts
