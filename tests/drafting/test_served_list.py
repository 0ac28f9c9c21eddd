"""A service withdrawn for one category where the KB lists that category among those served.
An appliance repairer's assistant booked same-day repairs in every zone it covers, the Outer
Villages included; now it books a standard repair there (`book_repair` tier same_day →
standard), read from a tool result (`lookup_postcode.zone = outer_villages`). The KB's claims
that same-day repair reaches every zone, or the Outer Villages, take the zone out of the
claim; its table row says "Not available" in the same-day column, in the table's own words;
the FAQ answer about the zone says it is not available; what the zone gets instead is said
once, in the prompt's words, never the data value. Same-day repair's price and hours, the
other zones' rows, the zone named about another subject and other "every" claims stay."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.servedlist import (
    SERVED_ANSWER_REASON,
    SERVED_REASON,
    SERVED_ROW_REASON,
    serves_all,
    still_served,
    withdrawn_service,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD = "It's offered in every zone we cover, the Outer Villages included."
NEW = (
    "It's offered in every zone we cover except the Outer Villages (zone outer_villages), "
    "where our engineers can't get there in time."
)
ADDED = (
    "If the zone is outer_villages, don't book same-day: call `book_repair` with tier "
    '"standard", explain that same-day repair isn\'t available in the Outer Villages, and give '
    "them the standard repair time."
)
PROMPT = {
    "Repairs": [
        "Same-day repair costs £45 and the engineer arrives by 6pm if you book by 10am.",
        NEW,
        ADDED,
        "Standard repair takes 3 working days and costs £30.",
    ]
}
ARTICLE = (
    "# Repair options\n\n"
    "## Where we repair and what it costs\n\n"
    "| Zone | Standard (3 working days) | Same-day (by 6pm) |\n"
    "|---|---|---|\n"
    "| City | £30 | £45 |\n"
    "| Outer Villages | £30 | £45 |\n"
    "| Islands | £30 | — |\n\n"
    "Book same-day repair by 10am and an engineer is with you by 6pm, wherever you live. "
    "Every repair comes with a 90-day guarantee, the Outer Villages included.\n"
)
FAQ = (
    "# Repairs FAQ\n\n"
    "- **Can I get a same-day repair in the Outer Villages?** Yes. Same-day repair covers "
    "every zone we serve, the Outer Villages included, for £45.\n"
    "- **Do you repair on Sundays?** No, Monday to Saturday only.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\n"
    "I've booked a same-day repair for £45. Book by 10am and the engineer arrives by 6pm.\n\n"
    "Same-day repair reaches every zone we cover, from the City to the Outer Villages, so "
    "wherever you live, we'll be there today.\n\n"
    "Best,\n{{current_user.first_name}}"
)
SAID = "Same-day repair isn't available in the Outer Villages, only standard repair."


def _facts(
    before: str = "book_repair(tier=same_day)",
    after: str = "book_repair(tier=standard)",
    atom: dict[str, object] | None = None,
    new: str = NEW,
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_repair(tier=same_day) → book_repair(tier=standard)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact.parse(before)],
        after_actions=[ActionFact.parse(after)],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:repair", "op": "tag"},
                        atom
                        or {
                            "feature": "lookup_postcode.zone",
                            "op": "=",
                            "value": "outer_villages",
                        },
                    ]
                }
            )
        ],
        rules=[
            Rule("H2", "sentence_added", "Repairs", None, ADDED, "added"),
            Rule("H1", "sentence_changed", "Repairs", OLD, new, "changed"),
        ],
        excerpts=[
            Excerpt("p1", "Booked: same-day, £45.", "Same-day isn't available there."),
            Excerpt("p2", "Booked: same-day, £45.", "Same-day isn't available there."),
        ],
        others=9,
        prompt_sections=PROMPT,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Repair options", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("article", "2", "Repairs FAQ", FAQ, "markdown", "kb", "f"),
            KnowledgeItem("macro", "3", "Repairs::Same-day booked", MACRO, "text", "kb", "m"),
        ]
    )


def test_the_service_comes_from_the_swapped_argument_and_the_prompt() -> None:
    service = withdrawn_service(_facts())
    assert service is not None
    assert (service.service, service.instead, service.named) == (
        "same day",
        "standard repair",
        "the Outer Villages",
    )
    assert service.said_once() == SAID
    # a condition with no category, a call dropped rather than swapped, a prompt that never
    # names the category as an exception: not this class
    numeric = {"feature": "lookup_postcode.miles", "op": ">", "value": 20}
    assert withdrawn_service(_facts(atom=numeric)) is None
    assert withdrawn_service(_facts(after="transfer_to_human()")) is None
    assert withdrawn_service(_facts(new="It's offered in every zone we cover.")) is None


def test_claims_for_every_zone_or_the_zone_are_found_and_the_traps_are_not() -> None:
    service = withdrawn_service(_facts())
    assert service is not None
    assert serves_all(service, "Same-day repair reaches every zone we cover.")
    assert serves_all(service, "Book same-day repair by 10am, wherever you live.")
    assert serves_all(service, "Same-day repair is fine in the Outer Villages too.")
    # the service for everyone with no claim about where, another subject, a denial, a question
    assert not serves_all(service, "I've booked a same-day repair for £45.")
    assert not serves_all(service, "Every repair comes with a 90-day guarantee.")
    assert not serves_all(service, "Same-day repair isn't available on Sundays.")
    assert not serves_all(service, "Can I get same-day repair in every zone?")
    assert not serves_all(service, "We answer every same-day email within the hour.")
    # "any"/"every" before something other than what the zones are kinds of
    assert not serves_all(service, "Same-day repair costs £45 for any appliance we cover.")


def test_each_item_takes_the_zone_out_and_says_once_what_it_gets() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    article, faq, macro = (impacts[key] for key in ("article:1", "article:2", "macro:3"))
    assert [(c.sentence, c.reasons) for c in article.conflicts] == [
        ("| Outer Villages | £30 | £45 |", (SERVED_ROW_REASON,)),
        (
            "Book same-day repair by 10am and an engineer is with you by 6pm, wherever you live.",
            (SERVED_REASON,),
        ),
    ]
    edit = TemplateDrafter().edit(facts, article)
    # the table's own word for a zone without it ("—"), the claim for everywhere dropped
    assert edit.new_body == ARTICLE.replace(
        "| Outer Villages | £30 | £45 |", "| Outer Villages | £30 | — |"
    ).replace(", wherever you live.", f". {SAID}")
    assert [(c.sentence, c.reasons) for c in faq.conflicts] == [
        (
            "Same-day repair covers every zone we serve, the Outer Villages included, for £45.",
            (SERVED_ANSWER_REASON,),
        )
    ]
    edit = TemplateDrafter().edit(facts, faq)
    # the yes to a question about the zone is now a no
    assert edit.new_body == FAQ.replace(
        "Yes. Same-day repair covers every zone we serve, the Outer Villages included, for £45.",
        f"No. {SAID}",
    )
    edit = TemplateDrafter().edit(facts, macro)
    assert edit.new_body == MACRO.replace(
        "Same-day repair reaches every zone we cover, from the City to the Outer Villages, so "
        "wherever you live, we'll be there today.",
        "Same-day repair reaches every zone we cover except the Outer Villages, where only "
        "standard repair is available.",
    )
    for impact in (article, faq, macro):
        body = str(TemplateDrafter().edit(facts, impact).new_body)
        assert "outer_villages" not in body
        assert still_served(facts, body, impact.item.body_format) == []


def test_a_claim_no_rewrite_can_limit_is_flagged() -> None:
    body = "# Zones\n\nIn the Outer Villages, same-day repair is as quick as anywhere else.\n"
    kb = KnowledgeBase([KnowledgeItem("article", "9", "Zones", body, "markdown", "kb", "z")])
    facts = _facts()
    [impact] = [each for each in rank_items(facts, kb) if each.conflicts]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert edit.rationale.startswith("Flagged for review: the new prompt withdraws same day")


def test_the_drafting_model_gets_the_fact_and_the_check() -> None:
    facts = _facts()
    [fact] = [each for each in draft_facts(facts) if "no longer offered" in each]
    assert "the Outer Villages" in fact and SAID in fact and "outer_villages" not in fact
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    macro = impacts["macro:3"]
    template_edit = TemplateDrafter().edit(facts, macro)
    fixed = str(template_edit.new_body)
    replies = [json.dumps({"new_body": body, "rationale": "Done."}) for body in (MACRO, fixed)]
    model = FakeChatModel(replies, default=None)
    drafter = LLMDrafter(model, "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [macro], None))
    grounding = Grounding([facts.corpus(), MACRO, fixed])
    edit, failure = asyncio.run(drafter._draft_edit(facts, macro, grounding, common, template_edit))
    assert failure == "" and edit is not None and edit.new_body == fixed
    retry = "\n".join(str(message["content"]) for message in model.requests[1].messages)
    assert "still says the service reaches a category the new prompt withdraws it from" in retry
