"""A free allowance the prompt raised, said as the first N of a thing: a made-up bike shop's "The
first service is free." became "The first two services are free." (customers booking their
second service now pay nothing: `tag service and service_number = 2`). A KB sentence or table
row giving the first one of that thing as free gives the first two, noun and verb agreeing
("Your first service is on us" → "Your first two services are on us", "| Servicing | First one
free, then £40 each |" → "First two free"); the first of another thing ("Your first puncture
repair is free", "| Puncture repairs | First one free |") is kept."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.raisedfirst import (
    raised_first,
    raised_first_fact,
    raised_sentences,
    still_old_first,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "The first service is free."
NEW = "The first two services are free."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for buying your bike from us. Your first "
    "service is on us, and any service after that is £40.\n\nHappy riding,\nSpoke & Chain"
)
ARTICLE = (
    "# Prices\n\n"
    "| What | Price |\n"
    "| --- | --- |\n"
    "| Servicing | First one free, then £40 each |\n"
    "| Puncture repairs | First one free |\n"
    "| Wheel truing | £25 |\n\n"
    "Your first puncture repair is free too.\n"
)


def _condition(atoms: list[dict[str, object]]) -> Condition:
    return Condition.from_dict(
        {
            "text": "tag service and service_number = 2",
            "atoms": atoms,
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )


def _shop(number: int = 2) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="A second service now free",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["svc-2a", "svc-2b", "svc-2c", "svc-2d"],
        before_actions=[ActionFact("book_service", (("charge", "40"),))],
        after_actions=[ActionFact("book_service", (("charge", "0"),))],
        conditions=[
            _condition(
                [
                    {"feature": "tag:service", "op": "tag"},
                    {"feature": "service_number", "op": "=", "value": number},
                ]
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Servicing", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[Excerpt(probe_id="svc-2a", old="That's £40.", new="That one's free.")],
        others=10,
    )


def test_the_raised_allowance_is_read_from_the_first_n_and_the_count_band() -> None:
    limit = raised_first(_shop())
    assert limit is not None
    assert (limit.old, limit.new) == (1, 2)
    # a condition that is not the counts the allowance now also covers is not it
    assert raised_first(_shop(3)) is None


def test_each_sentence_and_row_giving_the_first_one_free_gives_the_first_two() -> None:
    facts = _shop()
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Servicing::Booked", MACRO, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Prices", ARTICLE, "markdown", "kb", "a"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:1"]).new_body
    assert macro == MACRO.replace(
        "Your first service is on us", "Your first two services are on us"
    )
    article = drafter.edit(facts, impacts["article:2"]).new_body
    assert article == ARTICLE.replace(
        "| Servicing | First one free,", "| Servicing | First two free,"
    )
    limit = raised_first(facts)
    assert limit is not None
    article_units = units(ARTICLE)
    marked = raised_sentences(limit, article_units)
    assert [article_units[index].text for index in marked] == [
        "| Servicing | First one free, then £40 each |"
    ]


def test_a_drafting_model_gets_the_fact_and_its_edit_the_check() -> None:
    facts = _shop()
    fact = raised_first_fact(facts)
    assert fact is not None and "first 1 to the first 2" in fact
    conflicting = ["Your first service is on us, and any service after that is £40."]
    kept_old = MACRO.replace("Thanks for buying", "Thanks again for buying")
    assert still_old_first(facts, conflicting, MACRO, kept_old, "text") == conflicting
    fixed = MACRO.replace("Your first service is on us", "Your first two services are on us")
    assert still_old_first(facts, conflicting, MACRO, fixed, "text") == []


def test_a_first_said_as_paid_or_a_count_lowered_is_not_a_raised_allowance() -> None:
    paid = _shop()
    paid.rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Servicing",
            "The first service costs £20.",
            "The first two services cost £20.",
            "",
        )
    ]
    assert raised_first(paid) is None
    lowered = _shop()
    lowered.rules = [Rule("H1", "sentence_changed", "Servicing", NEW, OLD, "")]
    assert raised_first(lowered) is None
