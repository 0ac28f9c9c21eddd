"""A minimum put on a service the old prompt gave whatever the amount: a made-up bookshop that
gift-wrapped every book, whatever it cost, and now wraps only books of $15 or more (books under
$15: no `wrap_gift` call). The KB sentences about gift wrapping that claim it for every price
("no minimum spend ($0)", "on any book, whatever its price", a table cell "Any book, any
price", an answer "There's no minimum price: whether it's …") are narrowed to the minimum in
their own words; what else they say of wrapping, and the same $15 on delivery or gift cards,
stay. The drafting model gets the same fact and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.minimum import (
    MINIMUM_REASON,
    at_minimum,
    claims_every_price,
    new_minimum,
    still_every_price,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD = "We gift-wrap every book we sell with `wrap_gift` (book), whatever it costs."
NEW = "We gift-wrap with `wrap_gift` (book), for books we sell for $15 or more."
REFUSED = (
    "Books under $15 aren't gift-wrapped: don't call `wrap_gift`; tell the customer wrapping "
    "covers books of $15 or more."
)
WRAPPED = (
    "Hi {{ticket.requester.first_name}},\n\nYour book is wrapped and on its way.\n\n"
    "We gift-wrap everything we sell, from a paperback to a box set, so there's no minimum "
    "spend ($0).\n\nDelivery is free on orders of $15 or more.\n\nThanks,\n"
    "{{current_user.first_name}}"
)
ARTICLE = (
    "# Gift wrapping\n\n## Which books can be wrapped?\n\nAll of them. There's no minimum "
    "price: whether it's a slim paperback or a huge atlas, we'll wrap it.\n\n"
    "## Gift cards\n\nGift cards start at $15 and never expire.\n"
)
TABLE = (
    "# At a glance\n\n| Service | Cost | Notes |\n|---|---|---|\n"
    "| Gift wrapping | Free | Any book, any price, in our own paper |\n"
    "| Delivery | Free from $15 | 2 days |\n"
)
REFUSAL = (
    "Hi {{ticket.requester.first_name}},\n\nSorry, we can't wrap books bought elsewhere.\n\n"
    "Apart from those, we'll wrap it for you, on any book, whatever its price.\n"
)


def _facts(line: float = 15, old: str = OLD) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls wrap_gift",
        kind="actions",
        facets=["actions"],
        probe_ids=["wrap-4", "wrap-12"],
        before_actions=[ActionFact("wrap_gift")],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"book_price < {line:g}",
                    "atoms": [{"feature": "book_price", "op": "<", "value": line}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Gift wrapping", old, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Gift wrapping", None, REFUSED, "sentence added"),
        ],
        excerpts=[Excerpt(probe_id="wrap-4", old="Wrapped!", new="Sorry, under $15.")],
        others=6,
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    items = [
        KnowledgeItem("macro", "1", "Gift wrapping::Wrapped", WRAPPED, "text", "kb", "a"),
        KnowledgeItem("article", "2", "Gift wrapping", ARTICLE, "markdown", "kb", "b"),
        KnowledgeItem("article", "3", "At a glance", TABLE, "markdown", "kb", "c"),
        KnowledgeItem("macro", "4", "Gift wrapping::Can't wrap", REFUSAL, "text", "kb", "d"),
    ]
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(items))}


def test_the_minimum_is_read_from_the_new_prompt() -> None:
    minimum = new_minimum(_facts())
    assert minimum is not None
    assert (minimum.amount, minimum.phrase) == ("$15", "for books we sell for $15 or more")
    # another line than the condition's, or an old rule that claimed no price: no minimum
    assert new_minimum(_facts(line=20)) is None
    assert new_minimum(_facts(old="We gift-wrap books with `wrap_gift` (book).")) is None


def test_only_claims_for_every_price_about_the_service_are_marked() -> None:
    minimum = new_minimum(_facts())
    assert minimum is not None
    assert claims_every_price(minimum, "Any book, any price.", "Gift wrapping")
    # the same words about another service, or the same amount on another subject
    assert not claims_every_price(minimum, "Postcards at any price.", "Stationery")
    assert not claims_every_price(minimum, "Gift cards start at $15.", "Gift wrapping")


def test_each_claim_is_narrowed_in_its_own_words() -> None:
    minimum = new_minimum(_facts())
    assert minimum is not None
    assert (
        at_minimum(
            minimum,
            "We gift-wrap everything we sell, from a paperback to a box set, so there's no minimum "
            "spend ($0).",
        )
        == "We gift-wrap books we sell for $15 or more."
    )
    assert (
        at_minimum(
            minimum, "Apart from those, we'll wrap it for you, on any book, whatever its price."
        )
        == "Apart from those, we'll wrap it for you, for books we sell for $15 or more."
    )
    assert (
        at_minimum(
            minimum,
            "There's no minimum price: whether it's a slim paperback or a huge atlas, "
            "we'll wrap it.",
        )
        == "There's a minimum price of $15: we'll wrap it."
    )
    assert at_minimum(minimum, "| Gift wrapping | Free | Any book, any price, in our paper |") == (
        "| Gift wrapping | Free | Books we sell for $15 or more, in our paper |"
    )
    assert at_minimum(minimum, "We love wrapping books.") is None


def test_the_template_edits_narrow_the_claims_and_keep_everything_else() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    for key in ("macro:1", "article:2", "article:3", "macro:4"):
        impact = impacts[key]
        assert impact.conflicts and all(MINIMUM_REASON in c.reasons for c in impact.conflicts)
    # the report of the wrapping done stays: it is true at or over the minimum
    assert not any("wrapped and on its way" in c.sentence for c in impacts["macro:1"].conflicts)
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:1"]).new_body
    assert macro is not None
    assert "We gift-wrap books we sell for $15 or more." in macro
    assert "no minimum" not in macro and "Your book is wrapped and on its way." in macro
    assert "Delivery is free on orders of $15 or more." in macro
    assert "{{ticket.requester.first_name}}" in macro and "wrap_gift" not in macro
    article = drafter.edit(facts, impacts["article:2"]).new_body
    assert article is not None
    assert "## Which books can be wrapped?\n\nThere's a minimum price of $15: we'll wrap it." in (
        article
    )
    assert "All of them." not in article and "Gift cards start at $15 and never expire." in article
    table = drafter.edit(facts, impacts["article:3"]).new_body
    assert table is not None
    assert "| Gift wrapping | Free | Books we sell for $15 or more, in our own paper |" in table
    assert "| Delivery | Free from $15 | 2 days |" in table
    refusal = drafter.edit(facts, impacts["macro:4"]).new_body
    assert refusal is not None and "whatever its price" not in refusal
    assert "Sorry, we can't wrap books bought elsewhere." in refusal


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "every price" in f]
    assert "$15 or more" in fact
    impact = _impacts(facts)["macro:1"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    kept = WRAPPED.replace("Delivery", "Books under $15 now aren't wrapped. Delivery")
    assert still_every_price(facts, conflicts, WRAPPED, kept, "text") != []
    assert still_every_price(facts, conflicts, WRAPPED, template_edit.new_body, "text") == []
    reply = json.dumps({"new_body": kept, "rationale": "Added the minimum."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the service holds for every price" in failure


def test_a_rule_under_a_general_section_is_about_the_dropped_calls_service() -> None:
    facts = _facts()
    facts.rules = [
        Rule(rule.hunk_id, rule.kind, "Policies", rule.old, rule.new, rule.summary)
        for rule in facts.rules
    ]
    minimum = new_minimum(facts)
    assert minimum is not None
    assert claims_every_price(minimum, "Any book, any price.", "Gift wrapping")
    assert not claims_every_price(minimum, "Postcards at any price.", "Stationery")
