"""An "only" dropped from a kept rule for a case appended to it (a made-up marina, not a
scenario's domain): "Members may launch from the slipway from 8 to 10am only, every day."
became "… from 8 to 10am every day, and also from 6 to 8pm on Fridays." for `is_member = true
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

OLD = "Members may launch from the slipway from 8 to 10am only, every day."
NEW = (
    "Members may launch from the slipway from 8 to 10am every day, and also from 6 to 8pm "
    "on Fridays."
)
TAIL = ", and also from 6 to 8pm on Fridays"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. I'm sorry, but members can launch "
    "from the slipway from 8 to 10am only, so we can't book {{ticket.custom_field_time}}.\n\n"
    "The fuel dock is open until 10am only.\n\nBest,\nHarbour Marina"
)
ARTICLE = """# Slipway

- Members: 8 to 10am only, with a launch permit
- Parking is £5 a day
"""
OPENING = (
    "Hi {{ticket.requester.first_name}},\n\nWe open at 10am only on Sundays.\n\nHarbour Marina"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_launch(start=18:00)",
        kind="actions",
        facets=["actions"],
        probe_ids=["s1", "s2", "s3"],
        after_actions=[ActionFact("book_launch")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "is_member = true and visit_day = friday",
                    "atoms": [
                        {"feature": "is_member", "op": "=", "value": True},
                        {"feature": "visit_day", "op": "=", "value": "friday"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Slipway", OLD, NEW, "sentence changed")],
        others=9,
    )


def test_the_dropped_only_is_read_from_the_kept_sentence() -> None:
    case = dropped_only(_facts())
    assert case is not None
    assert (case.anchor, case.tail, case.new_value) == ("10am", TAIL, "8pm")


def test_only_the_old_value_said_as_the_only_one_in_the_rules_words_conflicts() -> None:
    case = dropped_only(_facts())
    assert case is not None
    assert dropped_only_reason(case, "Members can launch from 8 to 10am only.") is not None
    assert dropped_only_reason(case, "The fuel dock is open until 10am only.") is None
    assert dropped_only_reason(case, "Members can launch from 8 to 10am.") is None
    assert dropped_only_reason(case, f"Members can launch from 8 to 10am{TAIL}.") is None


def test_the_case_is_said_in_place_of_only_and_the_rest_kept() -> None:
    facts = _facts()
    items = [
        kb_item("refused", MACRO, kind="macro"),
        kb_item("slipway", ARTICLE),
        kb_item("opening", OPENING, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:refused", "article:slipway"}
    macro = TemplateDrafter().edit(facts, impacts["macro:refused"])
    assert macro.new_body == MACRO.replace("10am only, so", f"10am{TAIL}, so")
    article = TemplateDrafter().edit(facts, impacts["article:slipway"])
    assert article.new_body == ARTICLE.replace("10am only,", f"10am{TAIL},")


def test_the_note_quotes_the_rule_with_the_appended_case() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "6 to 8pm on Fridays" in note.after
