"""The free side of a moved fee line said without "free" or "no charge": "on us", "included",
"we cover it", "costs you nothing", "complimentary" (a climbing gym's late-cancellation fee
that now starts 48 hours before a session, not 24). Each such sentence is the old rule and
moves; the same words on another subject stay."""

from __future__ import annotations

import pytest

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.newcharge import ABSENCE
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

GYM = [
    Rule(
        "H1",
        "sentence_changed",
        "Cancellations",
        "Cancellations with less than 24 hours' notice pay a £10 late fee (fee 10).",
        "Cancellations with less than 48 hours' notice pay a £10 late fee (fee 10).",
        "sentence changed",
    )
]


def _gym() -> ChangeFacts:
    return moved_facts(
        GYM,
        [{"feature": "hours_notice", "op": "between", "low": 24, "high": 48}],
        title="cancel_session(fee) 0 → 10",
    )


def _macro(sentence: str) -> str:
    return f"Hi,\n\nThanks for letting us know. {sentence}\n\nSee you on the wall,\nThe gym"


SAVINGS = (
    "# Cancelling a session\n\nYou can cancel in the app.\n\nCancel with at least 24 hours' "
    "notice and there is no charge. With less than 24 hours' notice, we take a £10 late fee.\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Cancel with at least 24 hours' notice and the change is on us.",
        "Cancel with at least 24 hours' notice: rebooking is included.",
        "Cancel with at least 24 hours' notice and we cover it.",
        "Cancel with at least 24 hours' notice and it costs you nothing.",
        "Cancel with at least 24 hours' notice and a rebooking is complimentary.",
    ],
)
def test_a_free_side_in_other_words_is_the_old_rule_and_moves(sentence: str) -> None:
    facts = _gym()
    macro = _macro(sentence)
    knowledge = KnowledgeBase(
        [kb_item("late", macro, kind="macro", title="Gym::Cancel"), kb_item("s", SAVINGS)]
    )
    [impact] = [i for i in rank_items(facts, knowledge) if i.item.title == "Gym::Cancel"]
    assert [conflict.sentence for conflict in impact.conflicts] == [sentence]
    # read as the free side of the line, or as the old value said in other words about the
    # same subject (the rule's "cancel" and the item's "cancellations" are one topic)
    reason = impact.conflicts[0].reasons[0]
    assert "nothing is paid" in reason or "in other words, about the same subject" in reason
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == macro.replace("24 hours", "48 hours")


def test_the_same_words_on_another_subject_stay() -> None:
    facts = _gym()
    other = _macro("Chalk is on us for climbs of up to 24 hours.")
    knowledge = KnowledgeBase(
        [kb_item("chalk", other, kind="macro", title="Gym::Chalk"), kb_item("s", SAVINGS)]
    )
    assert not [
        i for i in rank_items(facts, knowledge) if i.item.title == "Gym::Chalk" and i.affected
    ]


def test_a_new_charge_reads_the_same_words_as_no_charge() -> None:
    for said in (
        "Parking is on us.",
        "We cover it.",
        "Parking costs you nothing.",
        "It's complimentary.",
    ):
        assert ABSENCE.search(said), said
