"""A way swapped for one category, the old way kept for the rest: a pet shop's orders still go
by next-day parcel, except frozen food, which is now collection only from the store
(`book_parcel` → `book_store_collection` for product_type = frozen). The new prompt's "Every
order goes by next-day parcel, except frozen food: call `book_parcel` …" excepts the changed
case from the old way: a macro telling a frozen-food order it is booked on the parcel service
describes the old action (it names the excepted case, which the change is about). The rule
said for the case is the frozen-food sentence, not the one still calling `book_parcel`. A
macro titled for another value of the category ("Dispatch::Toys on their way") is what those
customers still get, whatever parcel words it shares."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import new_rule
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = (
    "Every order goes by next-day parcel, frozen food included: call `book_parcel` (order_ref) "
    "and tell the customer it arrives the next working day."
)
KEPT = (
    "Every order goes by next-day parcel, except frozen food: call `book_parcel` (order_ref) "
    "and tell the customer it arrives the next working day."
)
NEW = (
    "Frozen food is collection only from our Leeds store on weekday afternoons: don't call "
    "`book_parcel`; call `book_store_collection` (order_ref) and tell the customer to collect "
    "it from the store."
)
FROZEN = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: your frozen food is packed and it's "
    "booked on our next-day parcel service, so it arrives on the next working day.\n\nKeep "
    "the freezer space ready.\n\n{{current_user.first_name}}"
)
TOYS = (
    "Hi {{ticket.requester.first_name}},\n\nYour order is packed and booked on our next-day "
    "parcel service, so it arrives on the next working day.\n\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    facts = moved_facts(
        [
            Rule("H1", "sentence_changed", "Delivery", OLD, KEPT, "sentence changed"),
            Rule("H2", "sentence_added", "Delivery", None, NEW, "sentence added"),
        ],
        [{"feature": "product_type", "op": "=", "value": "frozen"}],
        title="book_parcel → book_store_collection",
    )
    for others in (["toys", "frozen"], ["dry", "frozen"]):
        facts.conditions.append(
            Condition.from_dict(
                {
                    "text": f"product_type in {{{', '.join(others)}}}",
                    "atoms": [{"feature": "product_type", "op": "in", "value": others}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 1, "total": 12},
                }
            )
        )
    facts.before_actions = [ActionFact("book_parcel")]
    facts.after_actions = [ActionFact("book_store_collection")]
    return facts


def _conflicts(title: str, body: str) -> list[str]:
    item = kb_item("dispatch", body, kind="macro", title=title)
    return [c.sentence for i in rank_items(_facts(), KnowledgeBase([item])) for c in i.conflicts]


def test_a_macro_naming_the_excepted_case_describes_the_old_action() -> None:
    assert _conflicts("Dispatch::Your frozen food is on its way", FROZEN) == [
        "Good news: your frozen food is packed and it's booked on our next-day parcel service, "
        "so it arrives on the next working day."
    ]


def test_the_rule_for_the_case_is_not_the_one_keeping_the_old_call() -> None:
    said = new_rule(_facts())
    assert said is not None and said.prompt == NEW


def test_a_macro_titled_for_another_category_keeps_its_old_way() -> None:
    assert _conflicts("Dispatch::Toys on their way", TOYS) == []


def test_the_macro_takes_the_reply_clause_without_its_and() -> None:
    facts = _facts()
    facts.excerpts = [
        Excerpt(
            probe_id="p1",
            old="Your frozen food is booked on our next-day parcel service.",
            new="Your order is ready, and frozen food is collection only: please collect it "
            "from our Leeds store.",
        )
    ]
    said = TemplateDrafter()._action_sentence(facts, "macro") or ""
    assert said.startswith("Frozen food is collection only: please collect it")


FROZEN_FAQ = """# Buying frozen food

## When will it arrive?

- We pack it with ice the night before.
- It comes by express next-day parcel, so keep your freezer ready.
"""
DELIVERY_FAQ = """# Delivery

| What you ordered | How it reaches you |
|---|---|
| Toys | Express next-day parcel |
| Frozen food | Express next-day parcel |
"""


def test_the_old_service_said_without_its_verb_about_the_case_describes_the_old_call() -> None:
    facts = _facts()
    facts.before_actions = [ActionFact("book_parcel", (("service", "express_next_day"),))]
    knowledge = KnowledgeBase(
        [
            kb_item("frozen", FROZEN_FAQ, title="Buying frozen food"),
            kb_item("delivery", DELIVERY_FAQ, title="Delivery"),
        ]
    )
    found = {i.item.key: [c.sentence for c in i.conflicts] for i in rank_items(facts, knowledge)}
    assert found["article:frozen"] == [
        "- It comes by express next-day parcel, so keep your freezer ready."
    ]
    assert found["article:delivery"] == ["| Frozen food | Express next-day parcel |"]


def test_an_item_titled_for_the_case_says_the_new_rule_in_place_of_the_old_service() -> None:
    facts = _facts()
    facts.before_actions = [ActionFact("book_parcel", (("service", "express_next_day"),))]
    item = kb_item("frozen", FROZEN_FAQ, title="Buying frozen food")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    body = TemplateDrafter().edit(facts, impact).new_body or ""
    assert "- We pack it with ice the night before.\n" in body
    assert "- Frozen food is collection only from our Leeds store" in body
    assert "express next-day parcel" not in body
