"""A place taken out of the list a service is given in: a rug maker that shipped to Canada,
the United States and Mexico no longer ships to Mexico (country = mexico; `quote_shipping` no
longer called). The shipping table's Mexico row and the sentence listing where we ship still
offer it; the showroom article's "Our Mexico showroom, in Monterrey, …" names the same place
about another subject (seeing rugs, not shipping them), and is kept."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.droppedoption import DROPPED_REASON, dropped_option, still_offered
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD = "We ship to Canada, the United States and Mexico."
NEW = "We ship to Canada and the United States."
SHIPPING = """# Shipping rates

Here's what shipping costs in each country we ship to.

| Country | Shipping | Time |
|---|---|---|
| Canada | $20 | 3 to 5 business days |
| United States | $15 | 2 to 4 business days |
| Mexico | $30 | 5 to 8 business days |
"""
SHOWROOMS = """# Where to see our rugs

Photos never show a rug's colours quite right, so every showroom keeps the full range.

Our Mexico showroom, in Monterrey, has every rug on display, including the wool range.
"""
ORDERING = """# Placing an order

We ship to Canada, the United States and Mexico, straight to your door.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls quote_shipping",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["mx-1", "mx-2", "mx-3"],
        before_actions=[ActionFact("quote_shipping", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "country = mexico and tag shipping",
                    "atoms": [
                        {"feature": "country", "op": "=", "value": "mexico"},
                        {"feature": "tag:shipping", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Shipping", OLD, NEW, "…")],
        others=9,
    )


def test_the_place_is_dropped_only_where_the_service_is_said() -> None:
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Shipping rates", SHIPPING),
            titled_item("article", "Where to see our rugs", SHOWROOMS),
            titled_item("article", "Placing an order", ORDERING),
        ]
    )
    marked = {
        impact.item.title: [c.sentence for c in impact.conflicts if DROPPED_REASON in c.reasons]
        for impact in rank_items(_facts(), knowledge)
    }
    assert marked.get("Shipping rates") == ["| Mexico | $30 | 5 to 8 business days |"]
    assert marked.get("Placing an order")
    assert not marked.get("Where to see our rugs")


TAKE_OLD = "We take orders for delivery to Canada, the United States and Mexico."
TAKE_NEW = "We take orders for delivery to Canada and the United States."
STOCKIST = """# Seeing the rugs

Our Mexico showroom keeps the colour cards. It takes a week to restock, so order a swatch first.
"""


def _take_facts() -> ChangeFacts:
    facts = _facts()
    facts.before_actions = [ActionFact("book_delivery", ())]
    facts.rules = [Rule("H1", "sentence_changed", "Orders", TAKE_OLD, TAKE_NEW, "…")]
    return facts


def test_the_service_is_what_the_list_is_for_not_its_verb_or_items() -> None:
    """The list in "We take orders for delivery to …" is a list of places delivered to: a showroom
    paragraph saying "takes a week" or "order a swatch" is not about delivery."""
    option = dropped_option(_take_facts())
    assert option is not None
    assert "deliveri" in option.service or "delivery" in option.service
    assert not option.service & {"take", "order", "canada", "unit", "stat"}
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Seeing the rugs", STOCKIST),
            titled_item("article", "Placing an order", ORDERING),
        ]
    )
    marked = {
        impact.item.title: [c.sentence for c in impact.conflicts if DROPPED_REASON in c.reasons]
        for impact in rank_items(_take_facts(), knowledge)
    }
    assert not marked.get("Seeing the rugs")
    assert marked.get("Placing an order")


def test_a_model_edit_keeping_a_sentence_on_another_subject_passes() -> None:
    """The check reads an edited body as the KB is read: the showroom sentence offers nothing,
    the table row still does."""
    assert still_offered(_facts(), SHOWROOMS, "markdown", "Where to see our rugs") == []
    assert still_offered(_facts(), SHIPPING, "markdown", "Shipping rates") == [
        "| Mexico | $30 | 5 to 8 business days |"
    ]


def test_each_paragraph_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many of a paragraph's units name the option as a modifier, its words are read
    once (a long paragraph is not re-read per unit)."""
    from behaviordiff.drafting import droppedoption

    paragraph = " ".join(["Our Mexico showroom has rugs on display."] * 40)
    body = f"# Showrooms\n\n{paragraph}\n"
    read: list[int] = []
    real = droppedoption.terms

    def counting(text: str) -> list[str]:
        read.append(len(text))
        return real(text)

    monkeypatch.setattr(droppedoption, "terms", counting)
    assert still_offered(_facts(), body, "markdown", "Showrooms") == []
    assert sum(1 for size in read if size >= len(paragraph)) == 1
