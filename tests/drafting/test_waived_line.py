"""A fee waived past a line, on top of the case it was charged in: a made-up coach-hire firm
charged "a €25 admin fee for each date change after the first, whatever the notice"; now "Date
changes made 14 days or more before the trip are free" (`changes_used >= 1 and days_to_trip >=
14`: `change_date` fee_eur 25 -> 0). A KB sentence or row giving the €25 for date changes
without the line says it for the case it still holds in ("… costs €25 if made less than 14
days before the trip"), its claim clause ("however early you tell us") gone. The €25 cleaning
fee, the 14-day cancellation rule and a sentence already giving the line stay."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.drafting.drafters import _EDITED_BODY_CHECKS, LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.waivedline import still_charged_everywhere, waived_line
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

from .kit import waived_facts

OLD_FEE = "Each date change after the first costs a €25 admin fee, whatever the notice given."
NEW_FEE = "Inside 14 days, each further date change costs a €25 admin fee."
OLD_FREE = "The first date change is free."
NEW_FREE = "Date changes made 14 days or more before the trip are free, as often as needed."
MOVED = (
    "Hello {{ticket.requester.first_name}},\n\nYour coach is now booked for the new date. Any "
    "further date change costs €25, however early you tell us.\n\nRoadstar Coaches"
)
CLEANING = (
    "Hello {{ticket.requester.first_name}},\n\nA €25 cleaning fee applies if the coach is "
    "left dirty.\n\nRoadstar Coaches"
)
ARTICLE = (
    "# Changing your trip\n\nYour first date change is free. Every date change after the first "
    "costs €25, even if you tell us months ahead.\n\nCancel 14 days or more before the trip "
    "for a full refund.\n\n"
    "| What | Fee |\n| --- | --- |\n| First date change | Free |\n"
    "| Further date changes | €25 |\n| Cleaning | €25 |\n"
)
LATE = (
    "Hello {{ticket.requester.first_name}},\n\nDate changes inside 14 days cost €25 after the "
    "first.\n\nRoadstar Coaches"
)


def _facts() -> ChangeFacts:
    return waived_facts(
        tag="date",
        used="lookup_trip.changes_used",
        window="lookup_trip.days_to_trip",
        bound=14,
        call="change_date",
        arg="fee_eur",
        amount=25.0,
        title="Change date fee (€25) no longer charged",
        section="Dates",
        told="That's €25.",
        free=(OLD_FREE, NEW_FREE),
        fee=(OLD_FEE, NEW_FEE),
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Dates::Moved", MOVED, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Cleaning::Fee", CLEANING, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Dates::Late change", LATE, "text", "kb", "m"),
            KnowledgeItem("article", "4", "Changing your trip", ARTICLE, "markdown", "kb", "a"),
        ]
    )


CASE = "made less than 14 days before the trip"


def test_the_fee_is_said_for_the_case_it_still_holds_in_and_the_traps_stay() -> None:
    facts = _facts()
    waived = waived_line(facts)
    assert waived is not None and waived.case == CASE
    impacts = {i.item.key: i for i in rank_items(facts, _kb())}
    drafter = TemplateDrafter()
    moved = drafter.edit(facts, impacts["macro:1"]).new_body
    assert moved == MOVED.replace(
        "Any further date change costs €25, however early you tell us.",
        f"A further date change costs €25 if {CASE}.",
    )
    article = drafter.edit(facts, impacts["article:4"]).new_body
    assert article == ARTICLE.replace(
        "Every date change after the first costs €25, even if you tell us months ahead.",
        f"A date change after the first costs €25 if {CASE}.",
    ).replace("| Further date changes | €25 |", f"| Further date changes {CASE} | €25 |")
    for kept in ("macro:2", "macro:3"):
        assert kept not in impacts or not impacts[kept].conflicts


def test_a_drafting_model_gets_the_fact_and_an_edit_keeping_the_claim_falls_back() -> None:
    facts = _facts()
    assert any(CASE in said for said in draft_facts(facts))
    assert any(check is still_charged_everywhere for check, _ in _EDITED_BODY_CHECKS)
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:1")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": MOVED, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed
