"""Settings advice and the "narrows a general macro" warning only when a change is really
scoped to customers the macro does not already name: not for a macro stating a rule whose
value moved for everyone (its edit moves the value), nor for a macro naming the condition
(made-up domain: a bike shop's repair desk)."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.export.collect import narrowing
from behaviordiff.kb import KnowledgeItem
from behaviordiff.kb.settings import review_settings, shift_of


def _facts(atoms: list[dict[str, Any]], moves: list[RuleMove] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="hands the repair to a mechanic",
        kind="escalation",
        facets=["escalation"],
        probe_ids=["p1", "p2"],
        escalation="added",
        conditions=[
            Condition.from_dict(
                {
                    "text": "condition",
                    "atoms": atoms,
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        moves=moves or [],
    )


def _macro(body: str) -> KnowledgeItem:
    return KnowledgeItem(
        kind="macro",
        id="7",
        title="Repairs::Quote",
        body=body,
        body_format="text",
        source="macros.json",
        record="macros[0]",
        metadata={
            "format": "zendesk",
            "actions": [
                {"field": "comment_value", "value": body},
                {"field": "status", "value": "solved"},
            ],
        },
    )


# the repair estimate above which a mechanic takes over moved from €120 to €80, for everyone
MOVED = RuleMove(
    hunk_id="H1",
    old_sentence="Repairs estimated over €120 go to a mechanic.",
    new_sentence="Repairs estimated over €80 go to a mechanic.",
    old="€120",
    new="€80",
    kind="value",
)
BAND = [{"feature": "estimate", "op": "between", "low": 80, "high": 120}]
QUOTE = "We fix repairs estimated up to €120 at the desk, while you wait."


def test_a_macro_stating_a_rule_that_moved_for_everyone_keeps_its_settings() -> None:
    facts = _facts([{"feature": "wheel_size", "op": ">", "value": 26}], [MOVED])
    assert review_settings(_macro(QUOTE), shift_of(facts)) is None
    new = QUOTE.replace("€120", "€80")
    assert narrowing(facts, "macro", "Repairs::Quote", QUOTE, new) is None


def test_a_general_macro_still_gets_the_advice() -> None:
    facts = _facts([{"feature": "wheel_size", "op": ">", "value": 26}], [MOVED])
    general = "Bring the bike to the desk and we will quote the repair."
    review = review_settings(_macro(general), shift_of(facts))
    assert review is not None and review.flags[0].suggested_value == "open"
    assert "keep a macro for them" in review.cs_action()
    handed = "Bring the bike to the desk; a mechanic will call you with the quote."
    said = narrowing(facts, "macro", "Repairs::Quote", general, handed)
    assert said is not None and said.startswith("narrows a general macro")


def test_a_macro_naming_the_condition_is_not_general() -> None:
    facts = _facts([{"feature": "frame", "op": "=", "value": "carbon"}])
    carbon = "Carbon frames are inspected before any repair quote."
    review = review_settings(_macro(carbon), shift_of(facts))
    assert review is not None and not review.restricted
    assert "keep a macro for them" not in review.cs_action()
    assert (
        narrowing(facts, "macro", "Repairs::Quote", carbon, carbon + " A mechanic calls.") is None
    )


def test_a_moved_value_with_a_scope_of_its_own_is_not_for_everyone() -> None:
    scoped = RuleMove(**{**MOVED.__dict__, "scope": "for e-bikes"})
    facts = _facts(BAND, [scoped])
    assert review_settings(_macro(QUOTE), shift_of(facts)) is not None


def test_a_change_for_everyone_on_the_macros_topic_is_no_narrowing() -> None:
    """A condition that is the topic itself (a topic tag alone, no unchanged probe under it)
    leaves no customer of the topic's macro with the old handling: no narrowing warning, no
    "keep a macro for them", and the suggested settings are applicable."""
    facts = _facts([{"feature": "tag:repairs", "op": "tag"}])
    general = "Bring the bike to the desk and we will quote the repair."
    handed = "Bring the bike to the desk; a mechanic will call you with the quote."
    review = review_settings(_macro(general), shift_of(facts))
    assert review is not None and not review.restricted
    assert "keep a macro for them" not in review.cs_action()
    assert narrowing(facts, "macro", "Repairs::Quote", general, handed) is None


def test_a_topic_tag_that_unchanged_probes_share_still_narrows() -> None:
    """Under the same tag some probes kept the old handling (2 of 9 others match it): the
    change is for part of the topic, and the macro's other customers keep the old text."""
    facts = _facts([{"feature": "tag:repairs", "op": "tag"}])
    facts.conditions = [
        Condition.from_dict(
            {
                "text": "tag repairs",
                "atoms": [{"feature": "tag:repairs", "op": "tag"}],
                "changed": {"matched": 2, "total": 2},
                "others": {"matched": 2, "total": 9},
            }
        )
    ]
    general = "Bring the bike to the desk and we will quote the repair."
    handed = "Bring the bike to the desk; a mechanic will call you with the quote."
    review = review_settings(_macro(general), shift_of(facts))
    assert review is not None and review.restricted
    said = narrowing(facts, "macro", "Repairs::Quote", general, handed)
    assert said is not None and said.startswith("narrows a general macro")
