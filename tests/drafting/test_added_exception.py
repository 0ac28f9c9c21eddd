"""An exception added to a rule the new prompt keeps word for word (a made-up climbing wall,
not a scenario's domain): "Climbers must be 14 or older." became "… 14 or older, with one
exception: 12- and 13-year-olds can climb if a parent belays them." for `climber_age in [12,
14) and parent_belays = true`. KB units saying "14 or older" keep their words and say the
exception beside them; the same number with other words ("groups of 14 or more") and every
other byte stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.addedexception import (
    added_exception,
    added_exception_reason,
    exception_said,
)
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Climbers must be 14 or older."
NEW = (
    "Climbers must be 14 or older, with one exception: 12- and 13-year-olds can climb if a "
    "parent belays them."
)
EXCEPTION = "12- and 13-year-olds can climb if a parent belays them"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nClimbers must be 14 or older to use the main wall. "
    "Groups of 14 or more get their own instructor.\n\nSee you on the wall,\nCragside"
)
ARTICLE = """# Before you climb

- Age: 14 or older
- Shoes: rental shoes are included
"""
GROUPS = "Hi {{ticket.requester.first_name}},\n\nGroups of 14 or more get their own instructor."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_climb",
        kind="actions",
        facets=["actions"],
        probe_ids=["c1", "c2", "c3"],
        after_actions=[ActionFact("book_climb")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "12 <= climber_age < 14 and parent_belays = true",
                    "atoms": [
                        {
                            "feature": "climber_age",
                            "op": "between",
                            "low": 12.0,
                            "high": 14.0,
                            "low_inclusive": True,
                            "high_inclusive": False,
                        },
                        {"feature": "parent_belays", "op": "=", "value": True},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Who can climb", OLD, NEW, "sentence changed")],
        others=9,
    )


def test_the_exception_is_read_from_the_kept_sentence() -> None:
    case = added_exception(_facts())
    assert case is not None
    assert (case.value, case.exception) == ("14 or older", EXCEPTION)


def test_only_the_old_value_in_its_words_conflicts() -> None:
    case = added_exception(_facts())
    assert case is not None
    assert added_exception_reason(case, "Climbers must be 14 or older to climb.") is not None
    assert added_exception_reason(case, "Groups of 14 or more get an instructor.") is None
    assert added_exception_reason(case, f"Climbers must be 14 or older; {EXCEPTION}.") is None


def test_the_exception_is_said_beside_a_sentence_and_in_brackets_after_a_list_item() -> None:
    case = added_exception(_facts())
    assert case is not None
    assert exception_said(case, "Climbers must be 14 or older.") == (
        "Climbers must be 14 or older. 12- and 13-year-olds can climb if a parent belays them."
    )
    assert exception_said(case, "- Age: 14 or older") == f"- Age: 14 or older ({EXCEPTION})"


def test_the_items_keep_every_other_byte_and_the_other_numbers_stay() -> None:
    facts = _facts()
    items = [
        kb_item("age", MACRO, kind="macro"),
        kb_item("before", ARTICLE),
        kb_item("groups", GROUPS, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:age", "article:before"}
    macro = TemplateDrafter().edit(facts, impacts["macro:age"])
    assert macro.new_body == MACRO.replace(
        "main wall. ", f"main wall. {EXCEPTION[:1].upper()}{EXCEPTION[1:]}. "
    )
    article = TemplateDrafter().edit(facts, impacts["article:before"])
    assert article.new_body == ARTICLE.replace("14 or older\n", f"14 or older ({EXCEPTION})\n")


def _with_new(new: str) -> ChangeFacts:
    facts = _facts()
    rule = Rule("H1", "sentence_changed", "Who can climb", OLD, new, "sentence changed")
    return ChangeFacts(**{**facts.__dict__, "rules": [rule]})


def test_a_bare_except_or_unless_keeps_its_word_and_is_joined_as_a_clause() -> None:
    for new, exception in (
        (
            "Climbers must be 14 or older unless a guardian stays on the mat and signs the form.",
            "unless a guardian stays on the mat and signs the form",
        ),
        (
            "Climbers must be 14 or older, except that younger ones may climb on the low wall.",
            "except that younger ones may climb on the low wall",
        ),
    ):
        case = added_exception(_with_new(new))
        assert case is not None and case.exception == exception
        assert exception_said(case, "Climbers must be 14 or older to use the main wall.") == (
            f"Climbers must be 14 or older to use the main wall, {exception}."
        )


def test_a_table_row_takes_the_exception_inside_the_cell_holding_the_value() -> None:
    case = added_exception(_facts())
    assert case is not None
    assert exception_said(case, "| Minimum age | 14 or older |  \n") == (
        f"| Minimum age | 14 or older ({EXCEPTION}) |  \n"
    )
    facts = _facts()
    table = (
        "# Before you climb\n\n| Rule | Limit |\n|---|---|\n| Age | 14 or older |\n"
        "| Chalk | free |\n"
    )
    impacts = [i for i in rank_items(facts, KnowledgeBase([kb_item("t", table)])) if i.affected]
    assert len(impacts) == 1
    edited = TemplateDrafter().edit(facts, impacts[0]).new_body
    assert edited == table.replace("14 or older |", f"14 or older ({EXCEPTION}) |")


def test_the_old_value_said_of_another_topic_stays() -> None:
    case = added_exception(_facts())
    assert case is not None
    assert added_exception_reason(case, "Our shop sells energy bars to anyone 14 or older.") is None
    assert added_exception_reason(case, "Climbers must be 14 or older.") is not None
    assert added_exception_reason(case, "Minimum age: 14 or older") is not None
    assert added_exception_reason(case, "| Wall | Age | 14 or older | Photo ID |") is not None
    shop = "Hi {{ticket.requester.first_name}},\n\nThe kiosk rents lockers to anyone 14 or older."
    impacts = rank_items(_facts(), KnowledgeBase([kb_item("kiosk", shop, kind="macro")]))
    assert not any(i.affected for i in impacts)


def test_the_exception_said_in_other_words_is_not_a_conflict() -> None:
    case = added_exception(_facts())
    assert case is not None
    said = (
        "Climbers must be 14 or older to use the main wall; 12- and 13-year-olds can climb too "
        "when a parent belays them."
    )
    assert added_exception_reason(case, said) is None


def test_a_drafting_model_is_told_the_exception() -> None:
    told = "\n".join(draft_facts(_facts()))
    assert f"adds an exception: “{EXCEPTION}”" in told
