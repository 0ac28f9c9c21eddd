"""A new prompt rule that names some customers as the exception ("Business accounts are the
exception: their invoices are due within 7 days of the end of the month they were issued in.")
while the KB says the old timetable holds for everyone: a list item claiming it "for every
account" and an answer whose last clause says "everyone" gets the same terms conflict; the
edit keeps the old value for the rest, drops the "everyone" clause and states the rule for the
customers it names, in the KB's voice ("For business accounts, invoices are due …"). Another
thing said of every account (statements issued monthly) is kept. The note quotes the
conflicting answer without the clause stating a discount the change never touched. A courier
company's billing assistant."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.everykind import (
    claims_for_every_kind,
    still_every_same,
    without_every_clause,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.quoteclause import note_quote, quoted_clauses
from behaviordiff.drafting.rules import kb_rule, to_you, without_universal
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

from .kit import kb_item

RULE = (
    "Business accounts are the exception: their invoices are due within 7 days of the end of "
    "the month they were issued in."
)
STATEMENT = "invoices are due within 7 days of the end of the month they were issued in"
ARTICLE = """# Paying your invoices

We send one invoice a month. Invoices are due by the end of the following month.

## Payment terms

- Invoice issued: on the 1st of the following month, for every account.
- Invoices due: by the end of the following month, for every account.
- Late fee: £10 after the due date.

## Do business accounts pay sooner?

No. Business accounts get a 15% volume discount, but everyone's invoices are due on the same terms.

## Where is my invoice?

Invoices are emailed to the billing contact on the account.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now states 7 days",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        added_promises=[Promise("duration", "7 days")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup_account.business = true",
                    "atoms": [{"feature": "lookup_account.business", "op": "=", "value": True}],
                }
            )
        ],
        rules=[Rule("H2", "sentence_added", "Invoices", None, RULE, "added")],
        excerpts=[
            Excerpt(
                "p1",
                "Your March invoice is due by the end of April.",
                "Your March invoice is due within 7 days of the end of March.",
            )
        ],
    )


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {impact.item.key: impact for impact in rank_items(facts, KnowledgeBase(list(items)))}


def test_a_rule_naming_its_customers_as_the_exception_is_said_for_them() -> None:
    restated = kb_rule(RULE)
    assert restated is not None
    assert restated.head == "Business accounts"
    assert restated.sentence == (
        "For business accounts, invoices are due within 7 days of the end of the month they "
        "were issued in."
    )
    # an exception whose body is an instruction keeps its head as before
    kept = kb_rule("Emergencies are the exception: book the engineer at once.")
    assert kept is not None and kept.head == "Emergencies are the exception"


def test_a_they_that_is_the_clauses_own_subject_stays_they() -> None:
    assert to_you("refunds are sent to them once they are approved") == (
        "refunds are sent to you once they are approved"
    )
    # the customer stays "you"
    assert to_you("they get a refund once they are verified") == (
        "you get a refund once you are verified"
    )


def test_claims_for_every_kind_of_customer() -> None:
    head = "Business accounts"
    assert claims_for_every_kind(
        head, STATEMENT, "- Invoices due: by the end of the following month, for every account."
    )
    # another thing said of every account
    assert not claims_for_every_kind(
        head, STATEMENT, "- Invoice issued: on the 1st of the following month, for every account."
    )
    # no claim over every account
    assert not claims_for_every_kind(head, STATEMENT, "Invoices are due by the end of the month.")
    assert not claims_for_every_kind(head, STATEMENT, "## Invoices due for every account")


def test_the_everyone_clause_goes_and_the_universal_phrase_takes_its_comma() -> None:
    assert without_every_clause(
        "Business accounts get a 15% volume discount, but everyone's invoices are due on the "
        "same terms."
    ) == ("Business accounts get a 15% volume discount.")
    assert without_every_clause("Everyone's invoices are due on the same terms.") is None
    assert without_every_clause("Invoices are due monthly, and a late fee applies.") is None
    # "everyone else" is the rest beside a case, no claim over every account
    assert (
        without_every_clause("Business accounts pay by card, and everyone else pays by transfer.")
        is None
    )
    assert without_universal("- Invoices due: by the end of the month, for every account.") == (
        "- Invoices due: by the end of the month."
    )


def test_the_template_edit_keeps_the_rest_and_says_the_rule_for_them() -> None:
    facts = _facts()
    impact = _impacts(facts, kb_item("billing", ARTICLE))["article:billing"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    rule = (
        "for business accounts, invoices are due within 7 days of the end of the month they "
        "were issued in."
    )
    assert edit.new_body == (
        ARTICLE.replace(
            "- Invoices due: by the end of the following month, for every account.",
            f"- Invoices due: by the end of the following month, with one exception: {rule}",
        ).replace(
            "No. Business accounts get a 15% volume discount, but everyone's invoices are due on "
            "the same terms.",
            f"Business accounts get a 15% volume discount. {rule[:1].upper()}{rule[1:]}",
        )
    )
    assert "everyone" not in edit.new_body


def test_the_note_quotes_the_claim_without_figures_the_change_does_not_touch() -> None:
    facts = _facts()
    sentence = (
        "Business accounts get a 15% volume discount, but everyone's invoices are due on the "
        "same terms."
    )
    assert note_quote(facts, sentence) == "… everyone's invoices are due on the same terms."
    # figures of the change's own evidence are quoted as they are
    assert note_quote(facts, "Invoices are due within 7 days, but a £10 fee applies.") == (
        "Invoices are due within 7 days …"
    )
    assert quoted_clauses("Invoices are due within 30 days.", set()) == (
        "Invoices are due within 30 days."
    )
    # what would be left says nothing of the change's rule: the clause left out may be the one
    # that conflicts, so the sentence is quoted whole
    assert note_quote(facts, "Parcels over 30 kg cost £12, and tracking is emailed.") == (
        "Parcels over 30 kg cost £12, and tracking is emailed."
    )
    impact = Impact(
        kb_item("billing", ARTICLE), 1.0, [Conflict(9, sentence, ("says it holds in every case",))]
    )
    note = TemplateDrafter().note(facts, [impact], None)
    assert note.cs_actions[0] == (
        "Update FAQ article “Billing”: it says “… everyone's invoices are due on the same "
        "terms.”, which is no longer true (suggested edit attached)."
    )


def test_the_drafting_model_gets_the_same_check() -> None:
    facts = _facts()
    impact = _impacts(facts, kb_item("billing", ARTICLE))["article:billing"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_every_same(facts, conflicts, ARTICLE, template_edit.new_body, "markdown") == []
    kept = template_edit.new_body.replace(
        "Business accounts get a 15% volume discount. For business accounts",
        "Business accounts get a 15% volume discount, but everyone's invoices are due on the "
        "same terms, with one exception: for business accounts",
    )
    assert still_every_same(facts, conflicts, ARTICLE, kept, "markdown") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the exception."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "promises", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says everyone gets the same" in failure


def test_the_drafting_model_is_shown_the_same_quote() -> None:
    facts = _facts()
    sentence = (
        "Business accounts get a 15% volume discount, but everyone's invoices are due on the "
        "same terms."
    )
    impact = Impact(
        kb_item("billing", ARTICLE), 1.0, [Conflict(9, sentence, ("says it holds in every case",))]
    )
    note = TemplateDrafter().note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": ARTICLE, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), ARTICLE, note.text()])
    asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" not in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert asked
    # the line naming the item quotes what the template's note quotes
    assert any(
        '- article "Billing": … everyone\'s invoices are due on the same terms. (' in prompt
        for prompt in asked
    )
    assert not any("15% volume discount, but" in prompt for prompt in asked)
