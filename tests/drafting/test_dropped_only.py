"""An "only" dropped from a kept rule for a case appended to it (a made-up library, not a
scenario's domain): "Students may book the group study rooms from 8 to 10am only, every day."
became "… from 8 to 10am every day, and also from 6 to 8pm on Fridays." for `is_student = true
and visit_day = friday`. KB sentences saying "10am only" in the rule's words get the appended
case in place of "only"; the same time said of another topic, and everything else, stay byte
for byte; the note quotes the new rule, so it names the appended window."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.droppedonly import dropped_only, dropped_only_reason
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Students may book the group study rooms from 8 to 10am only, every day."
NEW = (
    "Students may book the group study rooms from 8 to 10am every day, and also from 6 to 8pm "
    "on Fridays."
)
TAIL = ", and also from 6 to 8pm on Fridays"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. I'm sorry, but students can book "
    "the group study rooms from 8 to 10am only, so we can't hold one for {{ticket.custom_field_"
    "time}}.\n\nThe printers are free until 10am only.\n\nBest,\nCity Library"
)
ARTICLE = """# Study rooms

- Students: 8 to 10am only, with a library card
- Printing is 10p a page
"""
OPENING = "Hi {{ticket.requester.first_name}},\n\nWe open at 10am only on Sundays.\n\nCity Library"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_room(start=18:00)",
        kind="actions",
        facets=["actions"],
        probe_ids=["s1", "s2", "s3"],
        after_actions=[ActionFact("book_room")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "is_student = true and visit_day = friday",
                    "atoms": [
                        {"feature": "is_student", "op": "=", "value": True},
                        {"feature": "visit_day", "op": "=", "value": "friday"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Study rooms", OLD, NEW, "sentence changed")],
        others=9,
    )


def test_the_dropped_only_is_read_from_the_kept_sentence() -> None:
    case = dropped_only(_facts())
    assert case is not None
    assert (case.anchor, case.tail, case.new_value) == ("10am", TAIL, "8pm")


def test_only_the_old_value_said_as_the_only_one_in_the_rules_words_conflicts() -> None:
    case = dropped_only(_facts())
    assert case is not None
    assert dropped_only_reason(case, "Students can book a room from 8 to 10am only.") is not None
    assert dropped_only_reason(case, "The printers are free until 10am only.") is None
    assert dropped_only_reason(case, "Students can book a room from 8 to 10am.") is None
    assert dropped_only_reason(case, f"Students can book a room from 8 to 10am{TAIL}.") is None


def test_the_case_is_said_in_place_of_only_and_the_rest_kept() -> None:
    facts = _facts()
    items = [
        kb_item("refused", MACRO, kind="macro"),
        kb_item("rooms", ARTICLE),
        kb_item("opening", OPENING, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:refused", "article:rooms"}
    macro = TemplateDrafter().edit(facts, impacts["macro:refused"])
    assert macro.new_body == MACRO.replace("10am only, so", f"10am{TAIL}, so")
    article = TemplateDrafter().edit(facts, impacts["article:rooms"])
    assert article.new_body == ARTICLE.replace("10am only,", f"10am{TAIL},")


def test_the_note_quotes_the_rule_with_the_appended_case() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "6 to 8pm on Fridays" in note.after
