"""The old prompt's claim for every case, narrowed to the cases the change does not reach, is
read as part of the change even when no change was attributed its hunk (`grants.narrows_claim`
through `facts.scope_rules`): "every bike can be hired for up to 7 days, whatever its type
(road, hybrid or electric)" → "road and hybrid bikes can be hired for up to 7 days" when
electric bikes now get 3 days. Its new sentence is then no rule the new prompt keeps, so a KB
sentence or row stating the old value for every case is found. Made-up domains: a bike hire
(a claim in an aside listing the cases), a gym (a claim in the subject, "any plan"), a car
park, a ticket office, a delivery promise."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule, scope_rules
from behaviordiff.drafting.grants import narrows_claim
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptrules import kept_rules
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD_LENGTH = (
    "Hire length: every bike can be hired for up to 7 days, whatever its type (road, hybrid or "
    "electric)."
)
NEW_LENGTH = "Hire length: road and hybrid bikes can be hired for up to 7 days."
OLD_AFTER = "After 7 days we ask for the bike back."
NEW_AFTER = (
    "After that (7 days for road and hybrid bikes, 3 days for electric bikes) we ask for the "
    "bike back."
)
ADDED = "Electric bikes can be hired for up to 3 days."
OPEN = "Our shop is open 7 days a week, 8am to 6pm."

ROW = "| Hire length | Up to 7 days for every bike, then we ask for the bike back |"
ARTICLE = f"""# Hiring a bike

## How long can I keep it?

Take it for a day or a week.

| | Details |
|---|---|
{ROW}
| Opening hours | {OPEN} |
"""

_ATOMS: list[dict[str, object]] = [
    {"feature": "bike_type", "op": "in", "value": ["electric"]},
    {
        "feature": "hire_days",
        "op": "between",
        "low": 3.0,
        "high": 7.0,
        "low_inclusive": False,
        "high_inclusive": True,
    },
]


def _hunks() -> dict[str, dict[str, Any]]:
    return {
        "H1": {"kind": "sentence_changed", "section": "Hire", "old": OLD_LENGTH, "new": NEW_LENGTH},
        "H2": {"kind": "sentence_added", "section": "Hire", "new": ADDED},
        "H3": {"kind": "sentence_changed", "section": "Hire", "old": OLD_AFTER, "new": NEW_AFTER},
    }


def _facts(*, narrowed: bool) -> ChangeFacts:
    """The change as attribution left it (H2 and H3), with the narrowed claim's rule or not."""
    rules = [
        Rule("H3", "sentence_changed", "Hire", OLD_AFTER, NEW_AFTER, "changed"),
        Rule("H2", "sentence_added", "Hire", None, ADDED, "added"),
    ]
    facts = moved_facts(rules, _ATOMS, title="no longer calls extend_hire")
    if narrowed:
        facts.rules += scope_rules(facts.rules, _hunks(), {"H2", "H3"}, facts.conditions)
    facts.prompt_sections = {"Hire": [NEW_LENGTH, ADDED, NEW_AFTER, OPEN]}
    facts.kept_rules = kept_rules(facts.moves, facts.rules, facts.prompt_sections)
    return facts


def _found(facts: ChangeFacts) -> list[str]:
    knowledge = KnowledgeBase([kb_item("hire", ARTICLE, title="Hiring a bike")])
    return [c.sentence for i in rank_items(facts, knowledge) for c in i.conflicts]


def test_the_narrowed_claim_is_read_as_the_changes_rule() -> None:
    condition = Condition.from_dict(
        {
            "text": "bike_type = electric",
            "atoms": _ATOMS,
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 12},
        }
    )
    rules = [Rule("H3", "sentence_changed", "Hire", OLD_AFTER, NEW_AFTER, "changed")]
    [rule] = scope_rules(rules, _hunks(), {"H2", "H3"}, [condition])
    assert (rule.hunk_id, rule.kind, rule.old, rule.new) == (
        "H1",
        "scope_narrowed",
        OLD_LENGTH,
        NEW_LENGTH,
    )
    # attributed to another change: not this one's
    assert scope_rules(rules, _hunks(), {"H1", "H2", "H3"}, [condition]) == []


def test_a_row_claiming_the_old_value_for_every_case_is_found_and_another_topic_is_not() -> None:
    # without the narrowed claim, the new prompt's sentence for road and hybrid bikes reads as
    # a kept rule stating 7 days, and the row claiming it for every bike is taken for it
    assert NEW_LENGTH in _facts(narrowed=False).kept_rules
    assert ROW not in _found(_facts(narrowed=False))
    facts = _facts(narrowed=True)
    assert NEW_LENGTH not in facts.kept_rules
    found = _found(facts)
    assert ROW in found
    assert not any(OPEN in sentence for sentence in found)


def test_a_claim_in_the_subject_narrowed_to_the_other_plan() -> None:
    assert narrows_claim(
        "Members on any plan can bring a guest once a month.",
        "Premium members can bring a guest once a month.",
        ["Basic"],
    )
    assert narrows_claim(
        "Cars of every kind can stay for up to 4 hours, whichever car park you use.",
        "Petrol and diesel cars can stay for up to 4 hours.",
        ["electric"],
    )


def test_what_is_no_narrowed_claim() -> None:
    # the claim stays
    assert not narrows_claim(
        "Every order ships within 2 days.", "Every order ships within 3 days.", ["express"]
    )
    # the new sentence is about the changed case itself
    assert not narrows_claim(
        "Any car can be parked for 4 hours.",
        "Electric cars can be parked for 4 hours.",
        ["electric"],
    )
    # another rule altogether
    assert not narrows_claim(
        "All tickets are refundable.",
        "Tickets for the Saturday match need photo ID at the gate.",
        ["Saturday"],
    )
    # no category to narrow from
    assert not narrows_claim(
        "Members on any plan can bring a guest once a month.",
        "Premium members can bring a guest once a month.",
        [],
    )


def test_a_value_changed_or_an_incidental_any_is_no_narrowed_claim() -> None:
    # review fb5 #5: a value moved beside a dropped "all" is another rule
    assert not narrows_claim(
        "Offer all customers a callback within 2 hours.",
        "Offer customers a callback within 4 working hours.",
        ["gold"],
    )
    assert not narrows_claim(
        "Couriers deliver to all addresses Monday to Saturday.",
        "Couriers deliver to home addresses Monday to Friday.",
        ["express"],
    )
    # "any questions" qualifies no case of the rule: nothing claimed for every case
    assert not narrows_claim(
        "If the customer has any questions about delivery, say couriers deliver on weekdays.",
        "If the customer asks about delivery, say couriers deliver on weekdays.",
        ["express"],
    )
    # the same values kept, a claim in the subject narrowed: still read
    assert narrows_claim(
        "All customers get a callback within 2 hours.",
        "Gold and silver customers get a callback within 2 hours.",
        ["bronze"],
    )
