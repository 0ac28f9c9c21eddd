"""A promised time moved for one category, said in the prompt as an order with a case before it
("On a Saver plan, tell the customer your laundry comes back within three days."), while the KB
states the old time for every category.

Made-up agents: a laundry pick-up service whose Saver plan now gets its laundry back within
three days (Express keeps the same evening), and a gym whose cancellations (30 days → 14
days) a KB glosses in other words ("within a month (30 days)"). The prompt's order to the agent
becomes a statement in the KB's voice, never "tell you"; a claim over every plan on the old
rule's subject states the old rule; a table row keyed by the plan says the new phrase in the
cell that said the old one; a KB's own gloss of a moved value goes with it."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categories import about_category_alone, rewrite_category
from behaviordiff.drafting.checks import kb_text_problems
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import (
    changed_phrases,
    prompt_rule_fact,
    told_to_you,
    voiced,
)
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

# --- the voice --------------------------------------------------------------------------------


def test_the_words_before_an_order_to_tell_the_customer_are_its_case() -> None:
    said = voiced("On a Saver plan, tell the customer their laundry comes back within three days.")
    assert said is not None
    assert said.head == "On a Saver plan"
    assert said.sentence == "On a Saver plan, your laundry comes back within three days."
    # any words, not only "if", "when" or "on"
    said = voiced("At weekends, tell them a driver collects the bag before noon.")
    assert said is not None
    assert said.sentence == "At weekends, a driver collects the bag before noon."


def test_an_order_to_tell_you_is_agent_speak_and_a_kb_saying_who_tells_you_is_not() -> None:
    for order in (
        "On a Saver plan, tell you your laundry comes back within three days.",
        "If the van is late, let you know by text.",
        "Tell you the driver's name.",
    ):
        assert told_to_you(order) is not None, order
    for kb in (
        "We'll tell you when the driver is on the way.",
        "We'll collect the bag, ask you to sign for it and text you a receipt.",
        "Our driver will call and tell you the time.",
    ):
        assert told_to_you(kb) is None, kb


# --- a laundry service: Saver laundry now comes back within three days ------------------------

OLD = (
    "On every plan, Saver or Express, tell the customer their laundry comes back the same evening."
)
KEPT = "On an Express plan, tell the customer their laundry comes back the same evening."
ADDED = "On a Saver plan, tell the customer their laundry comes back within three days."
ARTICLE = """# Collections

## When do I get my laundry back?

Book a pick-up in the app before 10am. Whatever plan you choose, your laundry comes back the
same evening after we collect it. Every plan includes two free bags a month.

## Plans

| Plan | Price | Laundry back | Free bags |
| --- | --- | --- | --- |
| Saver | £12 | Same evening | Two a month |
| Express | £20 | Same evening | Two a month |
"""
CLAIM = "Whatever plan you choose, your laundry comes back the\nsame evening after we collect it."


def _laundry() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now states 3 days",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=8,
        conditions=[
            Condition.from_dict(
                {
                    "text": "plan = Saver",
                    "atoms": [{"feature": "plan", "op": "=", "value": "Saver"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        rules=[Rule("H2", "sentence_added", "Collections", None, ADDED, "added")],
        prompt_sections={
            "Collections": [
                "Customers book a pick-up in the app.",
                KEPT,
                ADDED,
                "Every plan includes two free bags a month.",
            ]
        },
    )


def test_the_changed_phrase_of_the_rule_is_read_apart_from_the_case() -> None:
    assert changed_phrases(KEPT, ADDED) == [
        ("an express", "a saver"),
        ("the same evening", "within three days"),
    ]


def test_a_claim_over_every_plan_and_the_plans_row_say_the_new_rule_and_nothing_else() -> None:
    facts = _laundry()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("laundry", ARTICLE)]))]
    assert [conflict.sentence for conflict in impact.conflicts] == [" ".join(CLAIM.split())]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == ARTICLE.replace(
        CLAIM,
        "Your laundry comes back the same evening after we collect it. On a Saver plan, your "
        "laundry comes back within three days.",
    ).replace("| Saver | £12 | Same evening |", "| Saver | £12 | Within three days |")
    # the Express row, the free bags (every plan's, another perk) and the headings stay
    assert "| Express | £20 | Same evening | Two a month |" in edit.new_body
    assert "Every plan includes two free bags a month." in edit.new_body
    assert "tell" not in edit.new_body.replace("tell the", "")


def test_a_drafting_model_is_told_the_same_rule_and_row() -> None:
    facts = _laundry()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("laundry", ARTICLE)]))]
    told = prompt_rule_fact(facts, impact)
    assert told is not None
    assert "“On a Saver plan, your laundry comes back within three days.”" in told
    assert "“| Saver | £12 | Within three days | Two a month |”" in told
    assert "tell you" not in told and "Express | £20" not in told


def test_an_edit_saying_tell_you_is_refused() -> None:
    facts = _laundry()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("laundry", ARTICLE)]))]
    bad = ARTICLE.replace(
        CLAIM, "On a Saver plan, tell you your laundry comes back within three days."
    )
    problems = kb_text_problems(facts, impact, bad)
    assert any("speaks to the agent" in problem for problem in problems)


# --- a gym: cancellations within 14 days instead of 30, a KB glossing the value ----------------

GYM = RuleMove(
    "H1",
    "Members can cancel within 30 days of joining.",
    "Members can cancel within 14 days of joining.",
    "30 days",
    "14 days",
    "value",
)


def test_a_kb_gloss_beside_the_moved_value_goes_with_it() -> None:
    for said in (
        "You can cancel within a month (30 days) of joining.",
        "You can cancel within 30 days (a month) of joining.",
        "You can cancel within a month (about 30 days) of joining.",
    ):
        assert rewrite_sentence(GYM, said) == "You can cancel within 14 days of joining."


STUDENT = RuleMove(
    "H1",
    "Every membership can be cancelled within 30 days of joining.",
    "Student memberships can be cancelled within 14 days of joining.",
    "30 days",
    "14 days",
    "value",
    scope="for student memberships",
    category="student",
)


def test_a_whether_clause_naming_the_category_is_no_item_about_it_alone() -> None:
    said = (
        "You can cancel within a month (30 days) of joining, whether you pay the full rate or "
        "joined on a student deal."
    )
    others = ["Full-rate memberships can be cancelled within 30 days of joining."]
    assert not about_category_alone(STUDENT, "Cancelling", [said], others, {"membership"})
    # the category leaves the alternatives and its value is said beside the others', inside
    # the brackets the value is already in
    assert rewrite_category(STUDENT, said, nouns={"membership"}) == (
        "You can cancel within a month (30 days; 14 days for student memberships) of joining."
    )


def test_a_value_claimed_the_same_as_the_rests_is_the_categorys_own() -> None:
    nouns = {"membership"}
    assert (
        rewrite_category(
            STUDENT, "Students get the same 30 days to cancel as everyone else.", nouns=nouns
        )
        == "Students get 14 days to cancel."
    )
    # said for every kind at once, no sentence of the category's alone: a writer's
    for_all = "The same goes for student and full-rate members: 30 days for everyone."
    assert rewrite_category(STUDENT, for_all, nouns=nouns) is None
    assert not about_category_alone(STUDENT, "Students", [for_all], [], nouns)
