"""A short FAQ answer states the old value without saying what of ("Up to eight, whichever day
you come."): the question heading right above it says it ("## How many passengers can come?"), so
the answer is about the moved rule's subject as much as a sentence naming it. A made-up boat
hire whose weekend boats now take up to 6 passengers instead of 8, not a scenario's domain."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "A boat can take up to 8 passengers, counting children."
NEW = (
    "A boat can take up to 8 passengers from Monday to Friday and up to 6 passengers on "
    "Saturdays and Sundays, counting children."
)
ANSWER = "Up to eight, whichever day you come."
ARTICLE = f"""# Hiring a boat

## How many passengers can come?

{ANSWER} Children count too.

## Do we need life jackets?

Yes, they're provided free for up to eight people.
"""


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Boats", OLD, NEW, "sentence changed")]
    atoms: list[dict[str, object]] = [
        {
            "feature": "passengers",
            "op": "between",
            "low": 6.0,
            "high": 8.0,
            "low_inclusive": False,
            "high_inclusive": True,
        },
        {"feature": "day_type", "op": "=", "value": "weekend"},
    ]
    facts = moved_facts(rules, atoms, title="no longer calls book_boat")
    facts.moves = [RuleMove("H1", OLD, NEW, "8", "6", "value")]
    return facts


def _conflicts(body: str) -> list[str]:
    knowledge = KnowledgeBase([kb_item("boats", body, "article", title="Hiring a boat")])
    return [
        conflict.sentence
        for impact in rank_items(_facts(), knowledge)
        for conflict in impact.conflicts
    ]


def test_an_answer_under_its_question_heading_is_about_what_was_asked() -> None:
    assert _conflicts(ARTICLE) == [ANSWER]


def test_without_the_question_the_bare_number_is_about_nothing_said() -> None:
    plain = ARTICLE.replace("## How many passengers can come?", "## Before you come")
    assert _conflicts(plain) == []
