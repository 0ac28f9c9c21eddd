"""An allowance once denied on every plan, now given on one: "Washes do not carry over on any
plan: …" became "Unlimited members: unused washes roll over from month to month and stay on the
card for up to 6 months after the month they were loaded; only then do they lapse." beside
"Basic members: washes do not carry over: …".

The rule said in the KB's voice keeps its subject ("unused washes roll over … and stay", not
"we unused washes … we stay") and its things ("the month they were loaded", "only then do they
lapse": the washes, not "you"); the table row for the plan gets the new rule in place of the
cell saying the old one; a sentence claiming the old rule "on any of our plans" (the every-case
the old sentence drew) is found and loses that claim; a macro's "whichever plan you're on: any
wash still unused … lapses" is the old rule and nothing beside it, and says the new one.

Made-up agent: a car-wash subscription. Traps: the Basic row, "every day of the month" (another
every-case), the Basic rule."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts, Promise, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import add_to_row, kb_rule
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "Washes do not carry over on any plan: a wash not used by the end of the calendar month "
    "lapses on the first of the next month."
)
NEW = (
    "Unlimited members: unused washes roll over from month to month and stay on the card for up "
    "to 6 months after the month they were loaded; only then do they lapse."
)
BASIC = (
    "Basic members: washes do not carry over: a wash not used by the end of the calendar month "
    "lapses on the first of the next month."
)
SAID = (
    "unused washes roll over from month to month and stay on the card for up to 6 months after "
    "the month they were loaded, and only then do they lapse"
)
CLAIM = (
    "Washes don't roll over from one month to the next on any of our plans, so do use them by "
    "the end of the month."
)
ARTICLE = f"""# Your wash plan

| Plan | Price | Washes each month | Unused washes |
| --- | --- | --- | --- |
| Basic | $19 | Two | Lapse at the end of the month |
| Unlimited | $39 | Eight | Lapse at the end of the month |

{CLAIM}

The wash bays are open every day of the month except public holidays.
"""
DENIAL = (
    "I'm afraid washes don't carry over to the next month, whichever plan you're on: any wash "
    "still unused at the end of your calendar month lapses."
)
MACRO = f"Hi {{{{ticket.requester.first_name}}}},\n\n{DENIAL} See you soon!\n\nSparkle Wash\n"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="Now states 6 months for unlimited members",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=8,
        added_promises=[Promise("duration", "6 months")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "plan = unlimited",
                    "atoms": [{"feature": "plan", "op": "=", "value": "unlimited"}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Plans", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Plans", None, BASIC, "sentence added"),
        ],
        prompt_sections={"Plans": [NEW, BASIC, "Unlimited costs $39 a month."]},
    )


def test_a_plural_subject_after_a_participle_keeps_its_verbs_and_its_they() -> None:
    restated = kb_rule(NEW)
    assert restated is not None
    assert restated.statement == SAID
    # a person's "they" after a person's rule is still the customer
    person = kb_rule("Gold members: tell them they get free returns.")
    assert person is not None and "you get free returns" in person.statement


def test_a_cell_saying_only_the_old_rule_gives_way_to_the_new_one() -> None:
    row = "| Unlimited | $39 | Eight | Lapse at the end of the month |"
    assert add_to_row(row, SAID, OLD) == (
        "| Unlimited | $39 | Eight | " + SAID[:1].upper() + SAID[1:] + " |"
    )
    # a cell that says something else keeps it, the rule after it
    other = "| Unlimited | $39 | Eight | Ask at the desk |"
    assert add_to_row(other, SAID, OLD) == f"| Unlimited | $39 | Eight | Ask at the desk; {SAID} |"


def test_the_old_every_case_claim_is_found_and_another_every_case_is_not() -> None:
    marked = {
        impact.item.key: [c.sentence for c in impact.conflicts]
        for impact in rank_items(_facts(), KnowledgeBase([kb_item("plan", ARTICLE)]))
        if impact.affected
    }
    assert marked == {
        "article:plan": ["| Unlimited | $39 | Eight | Lapse at the end of the month |", CLAIM]
    }


def test_the_article_and_the_macro_say_the_new_rule_for_the_plan() -> None:
    knowledge = KnowledgeBase([kb_item("plan", ARTICLE), kb_item("wash", MACRO, kind="macro")])
    edits = {
        impact.item.key: TemplateDrafter().edit(_facts(), impact)
        for impact in rank_items(_facts(), knowledge)
        if impact.affected
    }
    article = edits["article:plan"].new_body
    assert article is not None
    assert "| Basic | $19 | Two | Lapse at the end of the month |" in article
    assert f"| Unlimited | $39 | Eight | {SAID[:1].upper()}{SAID[1:]} |" in article
    assert "on any of our plans" not in article
    assert "every day of the month" in article
    macro = edits["macro:wash"].new_body
    assert macro is not None and DENIAL not in macro
    assert f"For unlimited members, {SAID}." in macro
    assert macro.endswith(" See you soon!\n\nSparkle Wash\n")
