"""A minimum raised for one category (made-up domain: a pottery studio's private workshops
need 6 people or more any day; now an evening workshop needs 10, and one for 6 to 9 people
is refused). The sentence differ pairs the old booking sentence with the new under-6 refusal,
so the change's rules hold a refusal for others beside the one for those it reaches: the rule
a KB states is the one naming the condition's category. Said in the KB's voice ("don't book
it" left out, "and that …" told as a statement), it is the exception of every KB claim of
the old minimum for every case: prose loses its bare every-case phrase ("any day of the
week"), a table row's cell too; a note quoting a macro leaves out a figure phrase ("at £35
per person") the change says nothing about."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.quoteclause import quoted_clauses
from behaviordiff.drafting.rules import kb_rule, subset_rule, without_universal
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

UNDER_SIX = (
    "For fewer than 6 people, don't book it: tell the customer our minimum booking is 6 people."
)
EVENING = (
    "For an evening workshop with fewer than 10 people, don't book it: tell the customer our "
    "evening minimum is 10 people, and that daytime workshops need only 6."
)
RULES = [
    Rule(
        "H2",
        "sentence_changed",
        "Bookings",
        "When a customer asks to book and it's for 6 people or more, call `book_workshop` "
        "(ref, people, session) and confirm the booking.",
        UNDER_SIX,
        "changed",
    ),
    Rule(
        "H3",
        "sentence_changed",
        "Bookings",
        UNDER_SIX,
        "Evening workshops need at least 10 people.",
        "changed",
    ),
    Rule("H4", "sentence_added", "Bookings", None, EVENING, "added"),
]
ARTICLE = """# Private workshops

## How many people do you need?

We run private workshops for 6 people or more, any day of the week. Below that, try one of our
open classes.
"""
TABLE = """# Workshops at a glance

| | |
|---|---|
| Group size | 6 people, any day of the week |
| Price | £35 per person |
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking! We run private workshops for 6 "
    "people or more, any day of the week, at £35 per person. Tell us your date and we'll "
    "check.\n\nBest,\nThe studio"
)
SAID = (
    "for an evening workshop with fewer than 10 people, our evening minimum is 10 people, and "
    "daytime workshops need only 6"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_workshop",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_workshop")],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {
                    "text": "6 <= people < 10 and session = evening",
                    "atoms": [
                        {
                            "feature": "people",
                            "op": "between",
                            "low": 6,
                            "high": 10,
                            "low_inclusive": True,
                            "high_inclusive": False,
                        },
                        {"feature": "session", "op": "=", "value": "evening"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=RULES,
    )


def test_the_rule_naming_the_category_is_said_in_the_kb_voice() -> None:
    found = subset_rule(RULES, ["book_workshop"], ["evening"])
    assert found is not None and found[0].new == EVENING
    assert subset_rule(RULES, ["book_workshop"])[0].new == UNDER_SIX  # type: ignore[index]
    restated = kb_rule(EVENING)
    assert restated is not None
    assert restated.head == "For an evening workshop with fewer than 10 people"
    assert restated.sentence == SAID[:1].upper() + SAID[1:] + "."


def test_a_bare_every_case_phrase_goes_and_a_figure_phrase_is_left_out_of_a_quote() -> None:
    assert without_universal("We run workshops for 6 people or more, any day of the week.") == (
        "We run workshops for 6 people or more."
    )
    assert without_universal("We open at 9, every day.") == "We open at 9."
    assert without_universal("We deliver to any address in town.") == (
        "We deliver to any address in town."
    )
    quoted = quoted_clauses(
        "We run workshops for 6 people or more, any day of the week, at £35 per person.",
        {"6", "10"},
    )
    assert quoted == "We run workshops for 6 people or more, any day of the week …"


def test_every_claim_of_the_old_minimum_gains_the_category_as_its_exception() -> None:
    facts = _facts()
    items = [kb_item("workshops", ARTICLE), kb_item("glance", TABLE)]
    items.append(kb_item("enquiry", MACRO, kind="macro"))
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:workshops"])
    assert article.new_body == ARTICLE.replace(
        "6 people or more, any day of the week.", f"6 people or more, with one exception: {SAID}."
    )
    table = drafter.edit(facts, impacts["article:glance"])
    assert table.new_body == TABLE.replace(
        "| 6 people, any day of the week |", f"| 6 people, with one exception: {SAID} |"
    )
    macro = drafter.edit(facts, impacts["macro:enquiry"])
    assert f"with one exception: {SAID}." in macro.new_body
    assert "any day of the week" not in macro.new_body
    note = drafter.note(facts, list(impacts.values()), None)
    assert not any("£35" in action for action in note.cs_actions)
