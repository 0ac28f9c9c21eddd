"""A value moved for some values of a category condition (cake orders placed at the weekend
now take 4 days, weekday orders still 2) while the KB says the old value holds whatever the
case ("Whatever day you place it …", "It makes no difference which day you order …"): that
sentence conflicts; the same value said of another product ("bread takes 2 days, whichever
day you order") does not, nor does a sentence without a claim over every case."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items, sentence_conflict
from behaviordiff.drafting.samewhatever import (
    SAME_WHATEVER_REASON,
    same_whatever_reason,
    still_same_whatever,
    whatever_case,
    without_whatever,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="make_cake: ready_days 2 → 4",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2"],
        others=4,
        removed_promises=[Promise("duration", "2 days")],
        added_promises=[Promise("duration", "4 days")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup_order.placed_on in {saturday, sunday}",
                    "atoms": [
                        {
                            "feature": "lookup_order.placed_on",
                            "op": "in",
                            "value": ["saturday", "sunday"],
                        }
                    ],
                }
            )
        ],
    )


def test_whatever_day_claim_of_the_old_value_conflicts() -> None:
    facts = _facts()
    for sentence in (
        "Whatever day you place your cake order, online or in the shop, it is ready in 2 days.",
        "It makes no difference which day you order: cakes ordered on a Saturday are ready "
        "in the same 2 days as any other.",
    ):
        reason = same_whatever_reason(facts, sentence)
        assert reason is not None and reason.startswith(SAME_WHATEVER_REASON)
        assert any(r.startswith(SAME_WHATEVER_REASON) for r in sentence_conflict(facts, sentence))


def test_same_value_of_another_product_or_without_claim_is_kept() -> None:
    facts = _facts()
    # another product: names neither the condition's feature nor its values
    assert same_whatever_reason(facts, "Sliced bread takes 2 days, whichever day you ask.") is None
    # no claim over every case
    assert (
        same_whatever_reason(facts, "Cakes are ready in 2 days from the day you place the order.")
        is None
    )
    # a value the new agent still states
    assert same_whatever_reason(facts, "Whatever day you place it, your cake costs £30.") is None


# the rewrite: the old value for the rest, the new one for the condition's cases ------------


def _case_facts(
    feature: str, values: list[str], old: str, new: str, title: str = "ship_order: days"
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=title,
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2"],
        others=4,
        removed_promises=[Promise("duration", old)],
        added_promises=[Promise("duration", new)],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"{feature} in {{{', '.join(values)}}}",
                    "atoms": [{"feature": feature, "op": "in", "value": values}],
                }
            )
        ],
    )


def test_a_claim_over_every_day_keeps_the_old_value_and_says_the_exception() -> None:
    case = whatever_case(_facts())
    assert case is not None
    # a leading claim, with an aside that continues it, goes; the exception follows the value
    assert without_whatever(
        case,
        "Whatever day you place your cake order, online or in the shop, it is ready in 2 days.",
    ) == (
        "It is ready in 2 days, or in 4 days if you place your cake order on a Saturday or Sunday."
    )
    assert without_whatever(
        case, "No matter which day you order, cakes are ready within 2 days."
    ) == ("Cakes are ready within 2 days, or within 4 days if you order on a Saturday or Sunday.")
    # an aside that is not the claim's alternatives stays with what follows
    assert without_whatever(
        case, "Whatever day you order, in most cases, your cake is ready in 2 days."
    ) == (
        "In most cases, your cake is ready in 2 days, or in 4 days if you order on a Saturday "
        "or Sunday."
    )
    # a trailing claim; the value not at the end: the exception closes the sentence
    assert without_whatever(
        case, "Your cake is ready in 2 days for collection, whichever day you order it."
    ) == (
        "Your cake is ready in 2 days for collection, or in 4 days if you order it on a "
        "Saturday or Sunday."
    )
    # "makes no difference": a statement about every cake keeps the old value for the rest
    assert without_whatever(
        case, "It makes no difference which day you order: every cake is ready in the same 2 days."
    ) == ("Every cake is ready in 2 days, or in 4 days if you order on a Saturday or Sunday.")


def test_a_statement_about_the_cases_alone_states_the_new_value() -> None:
    case = whatever_case(_facts())
    assert case is not None
    assert without_whatever(
        case,
        "It makes no difference which day you order: cakes ordered on a Saturday, or online on "
        "a Sunday, are ready in the same 2 days as any other.",
    ) == ("Cakes ordered on a Saturday, or online on a Sunday, are ready in 4 days.")
    # one of the cases named, not the other, or another day beside them: no confident rewrite
    for sentence in (
        "It makes no difference which day you order: cakes ordered on a Saturday are ready in "
        "the same 2 days as any other.",
        "It makes no difference which day you order: cakes ordered on a Friday, a Saturday or a "
        "Sunday are ready in the same 2 days.",
        # the cases said as a span of days: no exception is added to what is about them
        "It makes no difference which day you order: weekend orders are ready in the same 2 days.",
        # a comparison with the rest that only a writer can restate
        "It makes no difference which day you order: cakes ordered on a Saturday or a Sunday are "
        "ready in the same 2 days as other orders.",
    ):
        assert without_whatever(case, sentence) is None


def test_the_cases_are_said_in_plain_words_whatever_they_are() -> None:
    months = whatever_case(
        _case_facts("lookup_booking.start_month", ["july", "august"], "7 days", "14 days")
    )
    assert months is not None
    assert without_whatever(
        months, "Whichever month you hire the bike, your deposit comes back within 7 days."
    ) == (
        "Your deposit comes back within 7 days, or within 14 days if you hire the bike in July "
        "or August."
    )
    papers = whatever_case(
        _case_facts(
            "lookup_order.paper_type",
            ["fine_art", "metallic"],
            "2 business days",
            "4 business days",
        )
    )
    assert papers is not None
    # the tool's values in words ("fine art", never "fine_art"); the item's own casing kept
    assert without_whatever(
        papers,
        "Whatever paper you choose, your prints ship within 2 working days.",
        "Fine Art paper is heavier. Whatever paper you choose, your prints ship within 2 "
        "working days.",
    ) == (
        "Your prints ship within 2 working days, or within 4 working days if the paper is Fine "
        "Art or metallic."
    )


_SOFA_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your order. Whatever day of the week you "
    "order, online or by phone, your sofa is delivered within 2 working days.\n\nWe'll text you "
    "a delivery slot the day before.\n\nThe Comfy team"
)
_SOFA_ARTICLE = (
    "# Delivery\n\n## How long does delivery take?\n\nTwo working days from your order. It makes "
    "no difference which day you order: sofas ordered on a Saturday, or online on a Sunday, are "
    "delivered in the same 2 working days as any other.\n\n## Gift cards\n\nGift cards arrive by "
    "email within 2 working days, whichever day you buy one.\n"
)


def _sofa_facts() -> ChangeFacts:
    return _case_facts(
        "lookup_order.ordered_on",
        ["saturday", "sunday"],
        "2 business days",
        "4 business days",
        title="book_delivery: working_days 2 → 4",
    )


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {impact.item.key: impact for impact in rank_items(facts, KnowledgeBase(list(items)))}


def test_the_template_writes_the_rule_and_its_exception_and_keeps_the_rest() -> None:
    facts = _sofa_facts()
    impacts = _impacts(
        facts, kb_item("sofa", _SOFA_MACRO, kind="macro"), kb_item("delivery", _SOFA_ARTICLE)
    )
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:sofa"])
    assert macro.new_body == _SOFA_MACRO.replace(
        "Whatever day of the week you order, online or by phone, your sofa is delivered within 2 "
        "working days.",
        "Your sofa is delivered within 2 working days, or within 4 working days if you order on "
        "a Saturday or Sunday.",
    )
    # the rationale says the values as the item does ("working", not the replies' "business")
    assert "keeps 2 working days for the rest and states 4 working days for" in macro.rationale
    article = drafter.edit(facts, impacts["article:delivery"])
    assert article.new_body == _SOFA_ARTICLE.replace(
        "It makes no difference which day you order: sofas ordered on a Saturday, or online on a "
        "Sunday, are delivered in the same 2 working days as any other.",
        "Sofas ordered on a Saturday, or online on a Sunday, are delivered in 4 working days.",
    )
    # the same value of another product, whichever day: not the change's
    assert "Gift cards arrive by email within 2 working days, whichever day you buy one." in (
        article.new_body
    )


def test_a_claim_that_cannot_be_split_is_flagged_with_the_reason() -> None:
    facts = _sofa_facts()
    body = _SOFA_ARTICLE.replace("or online on a Sunday", "or online at night")
    impact = _impacts(facts, kb_item("delivery", body))["article:delivery"]
    assert impact.affected
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "cannot be split into the rule and its exception" in edit.rationale


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _sofa_facts()
    [fact] = [f for f in draft_facts(facts) if "whatever the case" in f]
    assert "4 business days for Saturday or Sunday" in fact
    impact = _impacts(facts, kb_item("sofa", _SOFA_MACRO, kind="macro"))["macro:sofa"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_same_whatever(facts, conflicts, _SOFA_MACRO, template_edit.new_body, "text") == []
    # a model's edit that adds the exception but keeps the claim over every day
    kept = _SOFA_MACRO.replace(
        "within 2 working days.", "within 2 working days (4 working days at the weekend)."
    )
    assert still_same_whatever(facts, conflicts, _SOFA_MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the weekend case."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "promises", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the old value holds whatever the case" in failure
