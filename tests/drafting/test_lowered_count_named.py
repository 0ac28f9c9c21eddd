"""A count allowance lowered where the KB names it by what the agent counts, not by the prompt's
noun: a made-up dog groomer's "Every puppy plan includes a free nail trim and tidy twice a
month." became "once a month", for dogs with one trim this month (`1 <= trims_this_month < 2`).
The KB says "two free trims a month", "both of this month's free trims", "two free nail and paw
trims each month", "After your two free trims", a bare answer "Twice a month." under a heading
asking how often a trim is free, and a row "Free, twice a month": each gives one, its noun and
verb agreeing. Puppy socials "twice a month", the £6 scissors "Posted within 2 working days"
and the condition's words ("trims this month", never "2 months") are kept."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, condition_words
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.loweredcount import lowered_count
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "Every puppy plan includes a free nail trim and tidy twice a month."
NEW = "Every puppy plan includes a free nail trim and tidy once a month."
FREE = (
    "Hi {{ticket.requester.first_name}},\n\nYour plan gets two free trims a month, so there's "
    "nothing to pay today.\n\nWaggy Tails"
)
CHARGED = (
    "Hi {{ticket.requester.first_name}},\n\nYou've already used both of this month's free "
    "trims, so this one is £6.\n\nWaggy Tails"
)
SOCIALS = (
    "Hi {{ticket.requester.first_name}},\n\nOur puppy socials run twice a month and are free."
    "\n\nWaggy Tails"
)
FAQ = (
    "# Puppy plans\n\n## How often is a nail trim free?\n\nTwice a month. Every puppy plan "
    "includes two free nail and paw trims each month.\n\n## And after that?\n\nAfter your two "
    "free trims, each extra trim costs £6.\n\n## Socials\n\nTwice a month we run a puppy "
    "social in the park.\n"
)
PRICES = (
    "# Prices\n\n"
    "| What | Price | Good to know |\n"
    "| --- | --- | --- |\n"
    "| Nail trim and tidy | Free, twice a month | £6 for each extra one |\n"
    "| Trimming scissors | £6 | Posted within 2 working days |\n"
    "| Puppy socials | Free | Twice a month |\n"
)


def _facts() -> ChangeFacts:
    condition = Condition.from_dict(
        {
            "text": "tag trim and 1 <= lookup_dog.trims_this_month < 2",
            "atoms": [
                {"feature": "tag:trim", "op": "tag"},
                {
                    "feature": "lookup_dog.trims_this_month",
                    "op": "between",
                    "low": 1,
                    "high": 2,
                    "low_inclusive": True,
                    "high_inclusive": False,
                },
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    return ChangeFacts(
        id="C1",
        title="A £6 trim fee now charged",
        kind="actions",
        facets=["actions"],
        probe_ids=["one-a", "one-b", "one-c", "one-d"],
        before_actions=[ActionFact("book_trim", (("fee_gbp", "0"),))],
        after_actions=[ActionFact("book_trim", (("fee_gbp", "6"),))],
        conditions=[condition],
        rules=[Rule("H1", "sentence_changed", "Nail trims", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[Excerpt(probe_id="one-a", old="It's free.", new="That's £6.")],
        others=10,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Trims::Booked (free)", FREE, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Trims::Booked (charged)", CHARGED, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Socials::Places", SOCIALS, "text", "kb", "m"),
            KnowledgeItem("article", "4", "Puppy plans", FAQ, "markdown", "kb", "a"),
            KnowledgeItem("article", "5", "Prices", PRICES, "markdown", "kb", "a"),
        ]
    )


def _edits() -> dict[str, str | None]:
    facts = _facts()
    drafter = TemplateDrafter()
    return {
        impact.item.key: drafter.edit(facts, impact).new_body
        for impact in rank_items(facts, _kb())
        if impact.conflicts
    }


def test_the_allowance_is_also_named_by_the_counted_variable() -> None:
    limit = lowered_count(_facts())
    assert limit is not None and (limit.old, limit.new) == (2, 1)
    assert "trim" in limit.nouns


def test_each_old_count_of_the_allowance_gives_one_and_the_traps_stay() -> None:
    edits = _edits()
    assert edits["macro:1"] == FREE.replace("two free trims a month", "one free trim a month")
    assert edits["macro:2"] == CHARGED.replace(
        "both of this month's free trims", "this month's free trim"
    )
    assert edits["article:4"] == FAQ.replace("Twice a month. Every", "Once a month. Every").replace(
        "two free nail and paw trims", "one free nail and paw trim"
    ).replace("After your two free trims", "After your free trim")
    assert edits["article:5"] == PRICES.replace("Free, twice a month", "Free, once a month")
    assert "macro:3" not in edits


def test_a_count_over_a_span_is_not_a_number_of_that_span() -> None:
    words = condition_words(_facts().conditions[0].atoms[1:])
    assert "month" in words and "months" not in words
    assert "from 1 and under 2" in words
