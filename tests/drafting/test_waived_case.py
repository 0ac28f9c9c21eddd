"""A fee waived for some values of a category the KB says makes no difference: a climbing
centre's shoe hire, €4 a climber however the visit was paid, is now free when it was paid on
the website or at the kiosk (`lookup_visit.paid_via in {website, kiosk}`); phone payments
still pay €4. The claims about shoe hire ("the same however you paid", "the same price
whether you paid on the website, at the kiosk or by phone", a row for "Any climber") say the
waiver in the item's words; chalk bags "free for every climber, however you paid" and the
harness row at the same €4 stay. A drafting model gets the fact and the same check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.waivedcase import still_waived, waived_reason
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

RULE = (
    "If it was paid online (paid_via `website` or `kiosk`), shoe hire is free: add it with "
    "`add_shoes`, fee_eur 0, and tell them it's free."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour shoes are booked. Shoe hire costs €4 per "
    "climber, the same however you paid, and you collect them at the desk.\n\nChalk bags are "
    "free for every climber, however you paid.\n\nSee you on the wall"
)
ARTICLE = """# Kit

## Can I hire shoes?

Yes. Shoes are ready at the desk for €4 per climber. It's the same price whether you paid on \
the website, at the kiosk or by phone, and you collect them at the desk.

## Prices

| Kit | Price | Who |
| --- | --- | --- |
| Shoe hire | €4 per climber | Any climber |
| Harness hire | €4 per climber | Any climber |
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="add_shoes: fee_eur 4 → 0",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        removed_promises=[Promise("money", "€4.00")],
        added_promises=[Promise("term", "free of charge")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag shoe-hire and lookup_visit.paid_via in {kiosk, website}",
                    "atoms": [
                        {"feature": "tag:shoe-hire", "op": "tag"},
                        {
                            "feature": "lookup_visit.paid_via",
                            "op": "in",
                            "value": ["kiosk", "website"],
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[Rule("H2", "sentence_added", "Shoe hire", None, RULE, "added")],
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    items = [kb_item("shoes", MACRO, kind="macro"), kb_item("kit", ARTICLE)]
    return {impact.item.key: impact for impact in rank_items(facts, KnowledgeBase(items))}


def test_the_claims_about_the_waived_fee_conflict_and_other_extras_do_not() -> None:
    facts = _facts()
    assert waived_reason(facts, "Shoe hire costs €4 per climber, the same however you paid.")
    assert not waived_reason(facts, "Chalk bags are free for every climber, however you paid.")
    assert not waived_reason(facts, "| Harness hire | €4 per climber | Any climber |")
    assert waived_reason(facts, "| Shoe hire | €4 per climber | Any climber |")


def test_each_claim_says_the_waiver_in_the_items_words() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    macro = TemplateDrafter().edit(facts, impacts["macro:shoes"])
    assert macro.new_body == MACRO.replace(
        "€4 per climber, the same however you paid,", "€4 per climber (free if you paid online),"
    )
    article = TemplateDrafter().edit(facts, impacts["article:kit"])
    assert article.new_body == ARTICLE.replace(
        "It's the same price whether you paid on the website, at the kiosk or by phone, and you "
        "collect them at the desk.",
        "It's free if you paid on the website or at the kiosk; if you paid by phone, you collect "
        "them at the desk.",
    ).replace(
        "| Shoe hire | €4 per climber |", "| Shoe hire | €4 per climber (free if you paid online) |"
    )


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    assert any("is now waived" in fact for fact in draft_facts(facts))
    impact = _impacts(facts)["macro:shoes"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_waived(facts, conflicts, MACRO, template_edit.new_body, "text") == []
    kept = MACRO.replace("and you collect", "free online, and you collect")
    assert still_waived(facts, conflicts, MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the online case."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the fee is the same however the customer booked" in failure
