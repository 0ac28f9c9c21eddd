"""An option granted to one flagged case (`drafting.grantedcase`): the old prompt gave everyone
one way, the new one lets the customers a true/false flag names take another, and the KB still
refuses it to everyone or states the one way for everyone.

Made-up agent: a climbing gym whose members with a student card may now freeze their
membership over the summer (`student = true`), where every member used to pay all year."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grantedcase import (
    _REFUSAL,
    GRANTED_REASON,
    granted_case,
    granted_case_text,
)
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

GRANT = (
    "Student members may freeze their membership for July and August instead: no fee is "
    "taken for those two months."
)


def _facts(*, flag: object = True, actions: bool = False) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now states July, August",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        after_actions=[ActionFact("freeze_membership", ())] if actions else [],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"tag fees and student = {flag}",
                    "atoms": [
                        {"feature": "tag:fees", "op": "tag"},
                        {"feature": "student", "op": "=", "value": flag},
                    ],
                }
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Membership",
                "Every member pays the monthly fee all year round, by direct debit.",
                GRANT,
                "changed",
            ),
            Rule(
                "H2",
                "sentence_added",
                "Membership",
                None,
                "Every other member pays the monthly fee all year round.",
                "added",
            ),
        ],
    )


ARTICLE = """# Your membership

## Fees

The monthly fee is taken all year round, on the 1st of each month.
Members who climb before 4pm pay the off-peak rate.

## Can I freeze my membership?

No, the fee runs all year, and we can't pause it for the holidays.

## Lockers

We don't keep lockers for members over the summer.
"""


def _impact(facts: ChangeFacts) -> Impact:
    knowledge = KnowledgeBase([kb_item("membership", ARTICLE)])
    return next(i for i in rank_items(facts, knowledge) if i.item.key == "article:membership")


def test_the_option_and_the_one_way_are_read_from_the_prompt() -> None:
    case = granted_case(_facts())
    assert case is not None
    assert "freeze" in case.words and case.case == {"student"}
    assert case.old_way == {"pays", "round", "year"}


def test_a_refusal_and_the_one_way_for_everyone_are_marked_and_the_rest_is_not() -> None:
    marked = {c.sentence: c.reasons for c in _impact(_facts()).conflicts}
    assert (
        GRANTED_REASON
        in marked["The monthly fee is taken all year round, on the 1st of each month."]
    )
    refusal = next(s for s in marked if s.startswith("No, the fee runs all year"))
    assert GRANTED_REASON in marked[refusal]
    for kept in (
        "Members who climb before 4pm pay the off-peak rate.",
        "We don't keep lockers for members over the summer.",
    ):
        assert GRANTED_REASON not in marked.get(kept, ())


def test_the_template_keeps_each_rule_up_to_its_refusal_and_adds_the_grant() -> None:
    edit = TemplateDrafter().edit(_facts(), _impact(_facts()))
    grant = GRANT[:1].lower() + GRANT[1:]
    assert edit.new_body == ARTICLE.replace(
        "The monthly fee is taken all year round, on the 1st of each month.",
        f"The monthly fee is taken all year round, on the 1st of each month; {grant}",
    ).replace(
        "No, the fee runs all year, and we can't pause it for the holidays.",
        f"The fee runs all year; {grant}",
    )


def test_no_grant_for_a_false_flag_or_a_change_of_calls() -> None:
    assert granted_case(_facts(flag=False)) is None
    assert granted_case(_facts(actions=True)) is None


def test_a_refusal_is_cut_only_at_a_clause_boundary() -> None:
    case = granted_case(_facts())
    assert case is not None
    grant = GRANT[:1].lower() + GRANT[1:]
    body = (
        "# Freezing\n\nThe gym is open every August and we don't freeze memberships.\n\n"
        "We can't freeze a membership.\n\nNo, we can't freeze it for the summer.\n\n"
        "Sorry, we can't freeze memberships.\n"
    )
    text = granted_case_text(case, body)
    assert f"The gym is open every August; {grant}" in text
    for whole in (
        "We can't freeze a membership.",
        "No, we can't freeze it for the summer.",
        "Sorry, we can't freeze memberships.",
    ):
        assert f"{whole} {GRANT}" in text


def test_the_refusal_pattern_finds_none_in_runs_of_spaces_and_negations() -> None:
    # a start at every space ran seconds (timed by bench/huge_drafting.py, "grantedcase …")
    for text in ("a" + " " * 20000 + "x", "x don't " * 2500 + ". y", "a and " * 4000 + "x"):
        assert _REFUSAL.search(text) is None
