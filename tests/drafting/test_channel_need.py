"""A question the new prompt asks before an action on one channel only. A pharmacy's
assistant reissued a lost prescription at once however the patient got in touch; now, by
phone only (contact_method = phone), it first asks for the patient's date of birth. The KB's
sentence saying it is reissued straight away "in the app, by phone or by email" stays true for
the app and email, loses the phone and gains the question; "You don't need to prove who you
are" goes; the same question asked by phone about another topic (finding the nearest branch)
stays. A list the template cannot take the channel out of is flagged, and the drafting model
is told the same facts and checked on them."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.drafting.channelneed import (
    CHANNEL_NEED_REASON,
    channel_need,
    channel_need_fact,
    channel_need_unsaid,
)
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item, moved_facts

ADDED = (
    "By phone we can't see who is calling: before reissuing a prescription, ask for the "
    "patient's date of birth, and call `reissue_prescription` only once they've given it. In "
    "the app and by email reissue it straight away."
)
ARTICLE = (
    "# Lost prescriptions\n\n"
    "## I've lost my prescription. What now?\n\n"
    "Don't worry. Ask us in the app, by phone or by email and we'll reissue it straight away. "
    "You don't need to prove who you are.\n\n"
    "## Where is my nearest branch?\n\n"
    "By phone, we'll ask for your date of birth and postcode to find the branch nearest you.\n"
)


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_added", "Prescriptions", None, ADDED, "sentence added")]
    return moved_facts(
        rules,
        [{"feature": "contact_method", "op": "=", "value": "phone"}],
        title="no longer calls reissue_prescription",
        text="contact_method = phone",
    )


def _impact(body: str = ARTICLE) -> object:
    kb = KnowledgeBase([kb_item("lost", body, title="Lost prescriptions")])
    [impact] = [impact for impact in rank_items(_facts(), kb) if impact.affected]
    return impact


def test_the_question_is_read_with_its_channel() -> None:
    facts = _facts()
    need = channel_need(facts.rules, facts.conditions)
    assert need is not None
    assert (need.channel, need.tool) == ("phone", "reissue_prescription")
    assert need.statement == (
        "By phone, before reissuing a prescription, we'll ask you for the patient's date of birth."
    )


def test_the_other_channels_keep_it_at_once_and_the_question_is_added() -> None:
    impact = _impact()
    assert [c.sentence for c in impact.conflicts] == [  # type: ignore[attr-defined]
        "Ask us in the app, by phone or by email and we'll reissue it straight away.",
        "You don't need to prove who you are.",
    ]
    edit = TemplateDrafter().edit(_facts(), impact)  # type: ignore[arg-type]
    assert edit.new_body == ARTICLE.replace(
        "Ask us in the app, by phone or by email and we'll reissue it straight away. "
        "You don't need to prove who you are.",
        "Ask us in the app or by email and we'll reissue it straight away. By phone, before "
        "reissuing a prescription, we'll ask you for the patient's date of birth.",
    )


def test_a_list_the_channel_cannot_leave_is_flagged() -> None:
    body = ARTICLE.replace(
        "Ask us in the app, by phone or by email and we'll reissue it straight away.",
        "Message us in the app, or give us a ring by phone, and we'll reissue it straight away.",
    )
    edit = TemplateDrafter().edit(_facts(), _impact(body))  # type: ignore[arg-type]
    assert edit.new_body is None
    assert "Flagged for review" in edit.rationale


def test_the_model_is_told_the_same_facts_and_checked_on_them() -> None:
    facts = _facts()
    fact = channel_need_fact(facts.rules, facts.conditions)
    assert fact is not None and "the patient's date of birth" in fact and "phone" in fact
    impact = _impact()
    conflicts = impact.conflicts  # type: ignore[attr-defined]
    assert all(c.reasons[0].startswith(CHANNEL_NEED_REASON) for c in conflicts)
    assert channel_need_unsaid(facts.rules, facts.conditions, conflicts, ARTICLE)
    template_edit = TemplateDrafter().edit(facts, impact)  # type: ignore[arg-type]
    assert template_edit.new_body is not None
    assert not channel_need_unsaid(facts.rules, facts.conditions, conflicts, template_edit.new_body)
    reply = json.dumps({"new_body": ARTICLE, "rationale": "No change needed."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), ARTICLE, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)  # type: ignore[arg-type]
    )
    assert edit is None
    assert "still says the old way on phone" in failure
