"""A case the prompt names by its field ("If the status is `approved`") is said in a KB edit
by the KB's own noun for what has that value (`promptrule.kb_named_head`): "If your permit is
approved", never the prompt's field word a customer never sees, unless the KB uses it.

Made-up agent: a council parking office that used to read an approved permit's number out over
chat and now sends residents to the council portal for it."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import (
    PROMPT_RULE_REASON,
    NewRule,
    kb_named_head,
    prompt_rule_edit,
)
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

OLD = (
    "If the status is `approved`, we can tell residents approved permits over chat: look the "
    "permit up with `get_permit` and read them its number."
)
NEW = (
    "If the status is `approved`, do not read the permit number out over chat: tell the "
    "resident their permit is ready to download in the council portal, under My permits."
)
ARTICLE = (
    "# Parking permits\n\n## How do I get my permit number?\n\nWe can tell you approved permits "
    "over chat or phone, so there's no need to visit the office.\n\n## How long does it take?\n\n"
    "Most applications are decided within 10 working days.\n"
)


def _facts() -> ChangeFacts:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Permits", OLD, NEW, "changed")],
        [{"feature": "permit_status", "op": "=", "value": "approved"}],
        title="no longer calls get_permit",
        facets=("actions", "promises"),
        text="permit_status = approved",
    )
    facts.before_actions = [ActionFact("get_permit", ())]
    facts.after_actions = []
    facts.prompt_sections = {"Permits": [NEW]}
    return facts


def test_the_field_is_said_by_the_kbs_noun_after_the_value() -> None:
    said = NewRule(NEW, "If the status is approved", "we don't read the permit number out")
    texts = ["We can tell you approved permits over chat or phone."]
    assert kb_named_head(said, texts, texts[0], {"approved"}).head == "If your permit is approved"
    two = ["Approved parking permits, which we can read out over chat"]
    assert kb_named_head(said, two, two[0], {"approved"}).head == (
        "If your parking permit is approved"
    )
    # the KB says "status" itself, or nothing names what is approved: as the prompt says it
    own = ["If the status is approved, we read out approved permits."]
    assert kb_named_head(said, own, own[0], {"approved"}) is said
    bare = ["Once it is approved, we can tell you over chat."]
    assert kb_named_head(said, bare, bare[0], {"approved"}) is said


def test_the_edit_names_the_case_in_the_kbs_words() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("permits", ARTICLE)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    by_rule = replace(
        impact, conflicts=[replace(c, reasons=(PROMPT_RULE_REASON,)) for c in impact.conflicts]
    )
    written = prompt_rule_edit(facts, by_rule)
    assert written is not None and written[0] is not None, written
    body = written[0]
    assert "If your permit is approved, we don't read the permit number out over chat" in body
    assert "status" not in body
    assert "Most applications are decided within 10 working days." in body
