"""A refusal lifted for everyone: a gym's membership assistant that said "We can't end a
membership inside its minimum term or refund the months left" (and offered the off-peak plan
instead) now ends it with `end_membership` and refunds the months left. The KB's sentences
refusing that ("Sorry, we can't end a membership inside its minimum term, and we aren't able to
refund the months left.") say we do it now, and how, from the new prompt's sentences in the
KB's voice (never its tool names, arguments or instructions to the agent); the list item naming
it under "Things we can't do" goes, the numbered items after it numbered on. The other refusals
said the same way (freezing, transferring a membership) stay, and a drafting model's edit still
refusing the action is refused."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, FacetShift, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.lifted import (
    LIFTED_REASON,
    LISTED_REASON,
    lifted_refusal,
    still_refused,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

SECTION = "Membership requests"
FREEZE_ROW = "| Freeze | We can't freeze a membership for more than 3 months. |"
OLD = (
    "| Request | What to do | | --- | --- | | End inside the minimum term | We can't end a "
    "membership inside its minimum term or refund the months left."
)
NEW = (
    "| Request | What to do | | --- | --- | | End inside the minimum term | Call "
    "`end_membership` (member_id, refund_gbp)."
)
SECTIONS = {
    SECTION: [
        NEW,
        "The refund is the months left times the monthly fee.",
        "Access stops at once and the refund reaches the card that paid within 3 working days; "
        "tell the member the amount. | | Freeze | We can't freeze a membership for more than 3 "
        "months.",
        "Offer a shorter freeze. |",
    ]
}
SAID = (
    "We can end a membership inside its minimum term and refund the months left. The refund "
    "is the months left times the monthly fee. Access stops at once and the refund reaches the "
    "card that paid within 3 working days."
)
REFUSING = (
    "Sorry, we can't end a membership inside its minimum term, and we aren't able to refund the "
    "months left, as every plan is paid for the whole term."
)
LISTED = "End a membership inside its minimum term and refund the months left."
ARTICLE = f"""# Your membership

## Can I leave before my minimum term is up?

{REFUSING}

Instead, we can move you to the off-peak plan for the rest of it.

## Things we can't do

1. {LISTED}
2. Freeze a membership for more than 3 months.
3. Transfer a membership to a friend.

Tell us if any of these would help.
"""
FREEZE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. Unfortunately we can't freeze a "
    "membership for more than 3 months, as your locker and class places are held for you.\n"
)
TRANSFER_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI'm afraid we can't transfer a membership to a "
    "friend, but they can join with a guest pass.\n"
)
GIFT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry, we can't refund a gift membership, as it was "
    "paid for by someone else.\n"
)


def _facts(*, shifted: bool = True) -> ChangeFacts:
    shifts = [
        FacetShift("refusal", "removed", ("p1", "p2"), 2, "We can't end it.", "Done.", (), ())
    ]
    return ChangeFacts(
        id="C1",
        title="now calls end_membership",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["p1", "p2"],
        others=6,
        after_actions=[ActionFact("end_membership", ())],
        conditions=[
            Condition.from_dict(
                {"text": "tag leave", "atoms": [{"feature": "tag:leave", "op": "tag"}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", SECTION, OLD, NEW, "sentence changed"),
            Rule("H2", "tool_added", None, None, None, "tool end_membership added"),
        ],
        shifts=shifts if shifted else [],
        prompt_sections=SECTIONS,
    )


def test_the_lifted_refusal_is_read_from_the_prompt_in_the_kbs_voice() -> None:
    lifted = lifted_refusal(_facts())
    assert lifted is not None
    assert lifted.refused == "end a membership inside its minimum term or refund the months left"
    assert lifted.verbs == {"end", "refund"}
    assert lifted.tool == "end_membership"
    assert lifted.said == SAID
    # no refusal lifted in the conversations: no such change
    assert lifted_refusal(_facts(shifted=False)) is None


def _ranked() -> dict[str, dict[str, tuple[str, ...]]]:
    knowledge = KnowledgeBase(
        [
            kb_item("membership", ARTICLE),
            kb_item("freeze", FREEZE_MACRO, kind="macro"),
            kb_item("transfer", TRANSFER_MACRO, kind="macro"),
            kb_item("gift", GIFT_MACRO, kind="macro"),
        ]
    )
    return {
        impact.item.key: {c.sentence: c.reasons for c in impact.conflicts}
        for impact in rank_items(_facts(), knowledge)
    }


def test_only_the_sentences_refusing_the_lifted_action_are_marked() -> None:
    ranked = _ranked()
    article = ranked["article:membership"]
    assert LIFTED_REASON in article[REFUSING]
    listed = [reasons for sentence, reasons in article.items() if LISTED in sentence]
    assert listed and LISTED_REASON in listed[0]
    # the other refusals, in the same list and in their own macros, stay
    assert not any("Freeze" in s or "Transfer" in s for s in article)
    assert not ranked.get("macro:freeze")
    assert not ranked.get("macro:transfer")
    # one of the lifted verbs done to something else: refunding a gift membership, not the
    # months left
    assert not ranked.get("macro:gift")


def _impact() -> Impact:
    knowledge = KnowledgeBase([kb_item("membership", ARTICLE)])
    return next(i for i in rank_items(_facts(), knowledge) if i.item.key == "article:membership")


def test_the_template_says_we_do_it_now_and_takes_it_off_the_list() -> None:
    edit = TemplateDrafter().edit(_facts(), _impact())
    assert edit.new_body == ARTICLE.replace(REFUSING, SAID).replace(
        f"1. {LISTED}\n2. Freeze a membership for more than 3 months.\n3. Transfer",
        "1. Freeze a membership for more than 3 months.\n2. Transfer",
    )
    assert "`" not in edit.new_body and "tell the member" not in edit.new_body
    assert "refund_gbp" not in edit.new_body
    # the alternative the old handling offered stays, and a writer is told to check it
    assert "Instead, we can move you to the off-peak plan" in edit.new_body
    assert "“Instead, we can move you to the off-peak plan for the rest of it.”" in edit.rationale


def test_the_drafting_model_gets_the_same_fact_and_check() -> None:
    facts = _facts()
    assert any(SAID in fact for fact in draft_facts(facts))
    impact = _impact()
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    assert still_refused(facts, template_edit.new_body, "markdown") == []
    kept = template_edit.new_body.replace(SAID, REFUSING)
    assert still_refused(facts, kept, "markdown") == [REFUSING]
    reply = json.dumps({"new_body": kept, "rationale": "Kept the refusal."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says we can't do what the new prompt now does for everyone" in failure


def test_in_prose_what_happens_now_ends_at_the_next_instruction() -> None:
    facts = _facts()
    facts.rules[0] = Rule(
        "H1",
        "sentence_changed",
        SECTION,
        "If a member wants to leave inside the minimum term, we can't end a membership inside "
        "its minimum term or refund the months left.",
        "If a member wants to leave inside the minimum term, call `end_membership` (member_id, "
        "refund_gbp).",
        "sentence changed",
    )
    facts.prompt_sections = {
        SECTION: [
            str(facts.rules[0].new),
            "The refund is the months left times the monthly fee.",
            "Tell them the amount.",
            "Guest passes cost £10 a day.",
        ]
    }
    lifted = lifted_refusal(facts)
    assert lifted is not None
    assert lifted.said == (
        "We can end a membership inside its minimum term and refund the months left. The refund "
        "is the months left times the monthly fee."
    )
