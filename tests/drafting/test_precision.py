"""Precision of notes and edits: a change touches only what it is about. Other rows of a
prompt table, KB sentences that share a number or a word but are about another subject, and
the lines around a rewritten one stay out of the drafts (made-up agents, none of the
scenarios' text)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, build_facts, rules_by_row
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves
from behaviordiff.drafting.tables import changed_rows
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

TABLE_OLD = (
    "| Device | Repair comes back within | |---|---| | Phone | 2 days | "
    "| Tablet | 12 days | | Laptop | 5 days: laptop chargers stay with the customer |"
)
TABLE_NEW = TABLE_OLD.replace("| Phone | 2 days |", "| Phone | 6 days |")


def _condition(atoms: list[dict[str, object]]) -> Condition:
    return Condition.from_dict(
        {
            "text": "condition",
            "atoms": atoms,
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 9},
        }
    )


def _repair_facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="book_repair(express=true) → book_repair(express=false)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("book_repair", (("express", "true"),))],
        after_actions=[ActionFact("book_repair", (("express", "false"),))],
        conditions=[
            _condition(
                [
                    {"feature": "device", "op": "in", "value": ["phone"]},
                    {"feature": "days_waited", "op": "between", "low": 2.0, "high": 6.0},
                ]
            )
        ],
        others=9,
        rules=rules_by_row(
            [Rule("H1", "sentence_changed", "Repairs", TABLE_OLD, TABLE_NEW, "table changed")]
        ),
        excerpts=[Excerpt("p1", "Your phone repair is booked.", "Your phone repair is booked.")],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


REPAIRS = """# Repairs

We repair phones, tablets and laptops at every store.

## How long does a repair take?

- **Phones:** your repaired phone comes back within 2 days.
- **Tablets:** your tablet comes back within 12 days.

You can track the repair in the app at any time.
"""
ACCESSORIES = """# Accessories

A tablet or laptop case you leave with us is kept for 2 days, then it goes to the customer
service desk. Book a repair slot in the app.
"""


def test_a_changed_table_row_is_the_rule_not_the_whole_table() -> None:
    assert changed_rows(TABLE_OLD, TABLE_NEW) == [
        (
            "| Device | Repair comes back within | |---|---| | Phone | 2 days |",
            "| Device | Repair comes back within | |---|---| | Phone | 6 days |",
        )
    ]
    # not a table, or a row added: left whole
    assert changed_rows("Phones come back within 2 days.", "Phones: 6 days.") is None
    assert changed_rows(TABLE_OLD, TABLE_NEW + " | Watch | 9 days |") is None
    [rule] = _repair_facts().rules
    assert rule.new == "| Device | Repair comes back within | |---|---| | Phone | 6 days |"


def test_a_value_inside_a_bigger_number_is_no_reason_to_drop_the_move() -> None:
    # "2 days" is still written in "12 days": the move 2 → 6 days is there all the same
    [move] = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Repairs",
                "Phones come back within 2 days, tablets within 12 days.",
                "Phones come back within 6 days, tablets within 12 days.",
                "sentence changed",
            )
        ]
    )
    assert (move.old, move.new) == ("2 days", "6 days")


def test_only_items_stating_the_changed_row_are_edited_and_other_lines_are_kept() -> None:
    facts = _repair_facts()
    knowledge = KnowledgeBase([kb_item("repairs", REPAIRS), kb_item("accessories", ACCESSORIES)])
    affected = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [impact.item.id for impact in affected] == ["repairs"]
    edit = TemplateDrafter().edit(facts, affected[0])
    assert edit.new_body == REPAIRS.replace(
        "phone comes back within 2 days", "phone comes back within 6 days"
    )


def test_the_note_quotes_the_changed_row_only() -> None:
    facts = _repair_facts()
    knowledge = KnowledgeBase([kb_item("repairs", REPAIRS), kb_item("accessories", ACCESSORIES)])
    note = TemplateDrafter().note(facts, rank_items(facts, knowledge), None)
    text = " ".join([note.title, note.before, note.after, note.customer_impact, *note.cs_actions])
    assert "6 days" in text
    for other_row in ("Tablet", "Laptop", "charger", "12 days", "Accessories"):
        assert other_row not in text


FREEZE = Rule(
    "H1",
    "sentence_changed",
    "Memberships",
    "Members can freeze their membership for up to 30 days a year.",
    "Members can freeze their membership for up to 60 days a year.",
    "sentence changed",
)


def test_a_number_in_a_products_name_is_not_the_rules_value() -> None:
    [move] = rule_moves([FREEZE])
    facts = ChangeFacts(
        id="C1",
        title="now calls freeze_membership",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        after_actions=[ActionFact("freeze_membership")],
        conditions=[
            _condition([{"feature": "freeze_days", "op": "between", "low": 30.0, "high": 60.0}])
        ],
        others=6,
        rules=[FREEZE],
        moves=[move],
    )
    body = (
        "# Freezing\n\n"
        "- **Full members** can freeze their membership for up to 30 days a year.\n"
        "- **30-Day Trial** members can't freeze their membership; it ends after a year of "
        "no visits.\n"
    )
    trial = "The 30-Day Trial Membership can't be frozen and renews once a year."
    knowledge = KnowledgeBase(
        [kb_item("freezing", body), kb_item("trial", trial, "macro", "Trial::30-Day Trial")]
    )
    affected = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [impact.item.id for impact in affected] == ["freezing"]
    edit = TemplateDrafter().edit(facts, affected[0])
    assert edit.new_body == body.replace("up to 30 days", "up to 60 days")
    note = TemplateDrafter().note(facts, affected, None)
    assert "Trial" not in " ".join(note.cs_actions)


def test_a_value_written_as_a_label_is_still_the_value() -> None:
    [move] = rule_moves([FREEZE])
    assert rewrite_sentence(move, "| 30 Days | Full members |") == "| 60 Days | Full members |"
    assert (
        rewrite_sentence(move, "Unlike the 30-Day Trial, members can freeze for 30 days a year.")
        == "Unlike the 30-Day Trial, members can freeze for 60 days a year."
    )


def _verdict(
    probe_id: str, changed: bool, promise: str, *, still_said: bool = True
) -> dict[str, object]:
    """A probe that called `dispatch_locksmith` and promised `promise` in the old version; a
    changed one no longer does either."""
    key = f"duration:{promise}"
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed" if changed else "unchanged",
        "facets": ["actions", "promises"] if changed else [],
        "old_samples": 3,
        "new_samples": 3,
        "evidence": {
            "actions": {
                "status": "changed" if changed else "same",
                "p_value": 0.1 if changed else 1.0,
                "method": "fisher",
                "old_counts": {"dispatch_locksmith": 3},
                "new_counts": {"dispatch_locksmith": 0 if changed else 3},
            },
            "promises": {
                "status": "changed" if changed else "same",
                "p_value": 0.1 if changed else 1.0,
                "method": "fisher",
                "old_counts": {key: 3},
                "new_counts": {key: 0 if changed or not still_said else 3},
                **({"removed": [key]} if changed else {}),
            },
            "excerpts": {"old": f"A locksmith is on the way: within {promise}.", "new": "Hi."},
        },
        **({"change_id": "C1"} if changed else {}),
    }


def _lockout_analysis() -> dict[str, object]:
    changed = [_verdict(f"day-{i}", True, "3 hours") for i in range(3)]
    night = [_verdict(f"night-{i}", False, "90 minutes") for i in range(3)]
    change = {
        "id": "C1",
        "title": "no longer calls dispatch_locksmith",
        "probe_ids": [probe["probe_id"] for probe in changed],
        "facets": ["actions", "promises"],
        "kind": "actions",
        "before": ["dispatch_locksmith"],
        "after": [],
        "conditions": [
            {
                "text": "hour in {day}",
                "atoms": [{"feature": "hour", "op": "in", "value": ["day"]}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 3},
            }
        ],
        "attribution": [],
        "excerpts": [],
    }
    return {"probes": [*changed, *night], "changes": [change]}


def test_a_sentence_stating_what_only_unchanged_conversations_say_is_left_alone() -> None:
    """Daytime lockouts now need proof of address first; night callouts (unchanged) still
    get a locksmith within 90 minutes. The night macro shares every word of the old action
    and is about other customers."""
    [facts] = build_facts(_lockout_analysis())
    assert [promise.value for promise in facts.unchanged_promises] == ["90 minutes"]
    day = "We've dispatched a locksmith to your door, and they'll arrive within 3 hours."
    night = "It's after hours, so we've dispatched a locksmith to you within 90 minutes."
    knowledge = KnowledgeBase(
        [
            kb_item("day", day, "macro", "Lockouts::Locksmith sent"),
            kb_item("night", night, "macro", "Lockouts::Night callout"),
        ]
    )
    affected = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [impact.item.id for impact in affected] == ["day"]


def test_a_table_row_is_never_restated_as_prose_in_a_kb_sentence() -> None:
    """A row whose words changed (no value moved): no rule `kb_rule` can say, so no KB
    sentence gains the table's cells and pipes."""
    old = (
        "| Boat | Refund when cancelled | |---|---| | Kayak | never: kayak hire is final | "
        "| Canoe | up to 24 hours ahead |"
    )
    new = old.replace("never: kayak hire is final", "48 hours ahead: we refund kayak hire in full")
    facts = ChangeFacts(
        id="C1",
        title="cancel_hire(refund=false) → cancel_hire(refund=true)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("cancel_hire", (("refund", "false"),))],
        after_actions=[ActionFact("cancel_hire", (("refund", "true"),))],
        conditions=[_condition([{"feature": "boat", "op": "in", "value": ["kayak"]}])],
        others=9,
        rules=rules_by_row([Rule("H1", "sentence_changed", "Hire", old, new, "table changed")]),
    )
    facts.moves = rule_moves(facts.rules)
    body = (
        "# Cancelling a hire\n\nYou can cancel a hire in the app: we cancel the hire and tell "
        "you what comes back.\n\nKayak hire is final once booked.\n"
    )
    knowledge = KnowledgeBase([kb_item("cancelling", body)])
    for impact in rank_items(facts, knowledge):
        if impact.affected:
            edit = TemplateDrafter().edit(facts, impact)
            assert edit.new_body is None or edit.new_body.count("|") == body.count("|")
    note = TemplateDrafter().note(facts, rank_items(facts, knowledge), None)
    assert "Canoe" not in note.after
