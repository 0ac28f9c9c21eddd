"""A value whose unit the diff left out of it: a dental practice's invoice disputes were
answered "within 10 working days" and are now answered by the Practice Manager "within 21
days", so the moved value reads "10 working" → "21" and "days" is left in both sentences. The
unit says what the value measures, not what it is about: a KB sentence giving the old value
of another subject ("Your crown will be fitted within 10 working days") is not the changed
rule, while the dispute macro still is."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import (
    _shared_unit,
    measure_words,
    rank_items,
    said_of_other_subject,
)
from behaviordiff.drafting.rules import RuleMove, rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD_RULE = (
    "If a patient wants to dispute an invoice, log it with `log_dispute` (invoice_no) and tell "
    "them we'll answer their dispute within 10 working days."
)
NEW_RULE = (
    "If a patient wants to dispute an invoice, hand it to the Practice Manager with "
    '`escalate_to` (invoice_no, team "practice_manager") and tell them the Practice Manager '
    "will answer their dispute within 21 days."
)
DISPUTE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the invoice looks wrong. I've logged your "
    "dispute and we'll answer your dispute within 10 working days.\n\nThanks,\nBrightsmile Dental"
)
CROWN_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: the lab has your impression. Your new "
    "crown will be fitted within 10 working days, at a time that suits you.\n\nThanks,\n"
    "Brightsmile Dental"
)


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="log_dispute → escalate_to(team=practice_manager)",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["dispute-1", "dispute-2", "dispute-3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag dispute",
                    "atoms": [{"feature": "tag:dispute", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Invoices", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                f"dispute-{n}",
                "I've logged your dispute, and we'll answer it within 10 working days.",
                "I've passed your dispute to the Practice Manager, who will answer within 21 days.",
            )
            for n in (1, 2, 3)
        ],
        others=6,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_the_old_value_of_another_subject_is_not_the_change() -> None:
    facts = _facts()
    assert [(move.old, move.new) for move in facts.moves if move.kind == "value"] == [
        ("10 working", "21")
    ]
    knowledge = KnowledgeBase(
        [
            kb_item("dispute", DISPUTE_MACRO, kind="macro", title="Invoices::Dispute logged"),
            kb_item("crown", CROWN_MACRO, kind="macro", title="Treatment::Crown from the lab"),
        ]
    )
    affected = {i.item.key for i in rank_items(facts, knowledge) if i.affected}
    assert "macro:dispute" in affected
    assert "macro:crown" not in affected


def test_the_unit_left_out_of_the_value_names_no_subject() -> None:
    facts = _facts()
    assert "day" in {word.rstrip("s") for word in measure_words(facts)}
    assert said_of_other_subject(
        facts, "Your new crown will be fitted within 10 working days, at a time that suits you."
    )
    assert not said_of_other_subject(
        facts, "I've logged your dispute and we'll answer your dispute within 10 working days."
    )


def test_a_bare_number_moved_keeps_its_unit_as_the_subject() -> None:
    facts = _facts()
    facts.rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Cots",
            "We lend a travel cot for children up to 2 years old.",
            "We lend a travel cot for children up to 3 years old.",
            "…",
        )
    ]
    facts.moves = rule_moves(facts.rules)
    assert all(_shared_unit(move) == "" for move in facts.moves)


def test_the_unit_is_read_after_the_value_not_inside_another_number() -> None:
    # "21" is in the phone number before the new value
    old = "Call 0121 496 0100 and we'll answer within 10 working days."
    move = RuleMove(
        hunk_id="h1",
        old_sentence=old,
        new_sentence=old.replace("10 working days", "21 days"),
        old="10 working",
        new="21",
        kind="value",
    )
    assert _shared_unit(move) == "days"
