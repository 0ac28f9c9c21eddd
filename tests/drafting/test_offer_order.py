"""The order of two offers changed for a category and an amount (sofas and beds over €800 now
get a replacement or a voucher first, a refund only if declined; everything else a refund at
once): a KB sentence saying the refund comes first whatever was bought is rewritten with the
exception; what the KB says of the refund itself (its time, the collection that books it)
stays true, and another topic's first offer ("our first offer is always a free repair visit"
for damage) is not the change's."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items, sentence_conflict
from behaviordiff.drafting.offerorder import (
    OFFER_ORDER_REASON,
    offer_first_rewrite,
    offer_order,
    offer_order_reason,
    still_offer_first,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

_OLD = (
    "Offer a full refund first, whatever the product: book it with `book_collection` "
    '(outcome "refund") and tell the customer the money reaches their card within 5 working days.'
)
_NEW = (
    "If the product is a sofa or a bed and the price paid is over €800, offer a replacement or a "
    "voucher first and don't book anything yet."
)
_REST = (
    "For everything else, offer a full refund first: book it with `book_collection` (outcome "
    '"refund").'
)


def _facts(atoms: list[dict[str, object]] | None = None, others: int = 5) -> ChangeFacts:
    atoms = atoms or [
        {"feature": "tag:return", "op": "tag"},
        {"feature": "lookup_order.price", "op": ">", "value": 800.0},
        {"feature": "lookup_order.category", "op": "in", "value": ["sofas", "beds"]},
    ]
    return ChangeFacts(
        id="C1",
        title="No longer calls book_collection(outcome=refund)",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["p1", "p2"],
        others=others,
        before_actions=[ActionFact("book_collection", (("outcome", "refund"),))],
        removed_promises=[Promise("duration", "5 business days", "refund")],
        conditions=[Condition.from_dict({"text": "sofas and beds over 800", "atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Returns", _OLD, _NEW, "changed"),
            Rule("H2", "sentence_added", "Returns", None, _REST, "added"),
        ],
    )


def test_the_new_first_offer_and_its_cases_are_read_from_the_prompt_and_condition() -> None:
    order = offer_order(_facts())
    assert order is not None
    assert order.old_first == "a full refund"
    assert order.new_first == "a replacement or a voucher"
    assert order.case == "sofas or beds over €800"
    # no condition over some cases, or a condition of other kinds: no offer order to state
    assert offer_order(_facts(others=0)) is None
    assert offer_order(_facts([{"feature": "lookup_order.rush", "op": "=", "value": True}])) is None


def test_a_claim_that_the_old_offer_comes_first_whatever_conflicts() -> None:
    facts = _facts()
    for sentence in (
        "We always offer a refund first, whatever you ordered.",
        "This is always our first offer, whether you bought a lamp, a rug or a sofa.",
    ):
        assert offer_order_reason(facts, sentence) is not None
        assert any(r.startswith(OFFER_ORDER_REASON) for r in sentence_conflict(facts, sentence))


def test_another_topics_first_offer_and_the_old_offers_own_words_are_kept() -> None:
    facts = _facts()
    for sentence in (
        # another topic's first offer, in the same words
        "If something arrives damaged, our first offer is always a free repair visit, whatever "
        "you bought.",
        "If a product develops a fault, our first offer is always a free repair visit.",
        # the refund's own time and the call that books it: still true when it is made
        "Once it's back with us, your refund reaches your card within 5 working days.",
        "Please don't send a damaged item back as a return: we'll book a collection for repair.",
        # a first offer said without a claim over every case
        "We'll offer you a full refund first.",
    ):
        assert sentence_conflict(facts, sentence) == (), sentence


def test_the_rewrite_drops_the_claim_and_states_the_exception() -> None:
    order = offer_order(_facts())
    assert order is not None
    assert offer_first_rewrite(order, "We always offer a refund first, whatever you ordered.") == (
        "We always offer a refund first, except on sofas or beds over €800: for those we offer a "
        "replacement or a voucher first, and a full refund only if you turn both down."
    )
    assert offer_first_rewrite(
        order, "This is always our first offer, whether you bought a lamp, a rug or a sofa."
    ) == (
        "This is always our first offer, except on sofas or beds over €800: for those we offer a "
        "replacement or a voucher first, and a full refund only if you turn both down."
    )
    # a leading claim goes too
    assert offer_first_rewrite(order, "Whatever you ordered, we always offer a refund first.") == (
        "We always offer a refund first, except on sofas or beds over €800: for those we offer a "
        "replacement or a voucher first, and a full refund only if you turn both down."
    )
    assert offer_first_rewrite(order, "We always offer a refund first.") is None


_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've booked a free collection, and once it's back "
    "with us your refund reaches your card within 5 working days.\n\nWe always offer a refund "
    "first, whatever you ordered. Reply if you'd rather have a replacement.\n\nThe Nest team"
)
_ARTICLE = (
    "# Returns\n\n## How a return works\n\n1. Chat to us within 30 days.\n2. We'll offer you a "
    "full refund. This is always our first offer, whether you bought a lamp, a rug or a sofa.\n"
    "3. Your refund reaches your card within 5 working days.\n\n## Damage\n\nIf something "
    "arrives damaged, our first offer is always a free repair visit. Please don't send it back "
    "as a return: we'll book a collection for repair.\n"
)
_DAMAGE = (
    "# Damage and repairs\n\nIf a product develops a fault, our first offer is always a free "
    "repair visit. Please don't send it back as a return: we'll book a collection for repair.\n"
)


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {impact.item.key: impact for impact in rank_items(facts, KnowledgeBase(list(items)))}


def test_the_template_states_the_exception_and_leaves_other_topics() -> None:
    facts = _facts()
    impacts = _impacts(
        facts,
        kb_item("refund", _MACRO, kind="macro"),
        kb_item("returns", _ARTICLE),
        kb_item("damage", _DAMAGE),
    )
    assert not impacts["article:damage"].affected
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:refund"])
    assert macro.new_body == _MACRO.replace(
        "whatever you ordered.",
        "except on sofas or beds over €800: for those we offer a replacement or a voucher "
        "first, and a full refund only if you turn both down.",
    )
    article = drafter.edit(facts, impacts["article:returns"])
    assert article.new_body == _ARTICLE.replace(
        "whether you bought a lamp, a rug or a sofa.",
        "except on sofas or beds over €800: for those we offer a replacement or a voucher "
        "first, and a full refund only if you turn both down.",
    )


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "turns both down" in f]
    assert "for sofas or beds over €800 only" in fact
    impact = _impacts(facts, kb_item("refund", _MACRO, kind="macro"))["macro:refund"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_offer_first(facts, conflicts, _MACRO, template_edit.new_body, "text") == []
    # a model's edit that adds the exception elsewhere but keeps the claim over every case
    kept = _MACRO.replace("Reply if", "Sofas over €800 get a voucher first. Reply if")
    assert still_offer_first(facts, conflicts, _MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the sofa case."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the old offer comes first whatever the case" in failure
