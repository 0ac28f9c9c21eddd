"""A rule rewritten in two prompt sentences side by side, the change attributed only the one
naming its call (`drafting.splitrule`), and the old side of the other found and rewritten
(`drafting.oldside`) though the new side denies something else in its place.

Made-up agent: an airport shuttle whose missed pickups, with less than 2 hours' notice, were
billed in full with no voucher, and now get a third of the fare back as a voucher. Traps: the
pickups cancelled in good time (refunded, no denial), a denial about luggage, a row of the
same table on another band."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import OLD_SIDE_REASON, old_sides
from behaviordiff.drafting.splitrule import split_rules
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

STATED_OLD = "Missed pickups, with less than 2 hours' notice, are billed in full, with no voucher."
STATED_NEW = (
    "Missed pickups, with less than 2 hours' notice, are not refunded, but we give a third of "
    "the fare back as a voucher."
)
DONE_OLD = "Do not refund or discount anything, and explain this politely."
DONE_NEW = (
    "Add a third of the fare with `issue_voucher` (the amount in euros) and tell the rider they "
    "get a third of the fare back as a voucher for a later trip."
)
SECTIONS = {
    "Missed pickups": [
        "Pickups cancelled with 2 hours' notice or more are refunded in full.",
        STATED_NEW,
        DONE_NEW,
    ],
    "Luggage": ["We can't carry bikes or surfboards."],
}


def _hunks(stated_new: str = STATED_NEW) -> dict[str, dict[str, Any]]:
    return {
        hunk_id: {
            "kind": "sentence_changed",
            "file": "system.md",
            "section": "Missed pickups",
            "old": old,
            "new": new,
        }
        for hunk_id, old, new in (("H1", STATED_OLD, stated_new), ("H2", DONE_OLD, DONE_NEW))
    }


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _done() -> Rule:
    return Rule("H2", "sentence_changed", "Missed pickups", DONE_OLD, DONE_NEW, "changed")


def test_the_sentence_stating_the_rule_beside_the_attributed_one_is_taken_in() -> None:
    [taken] = split_rules([_done()], _hunks(), {"H2"}, _text, Rule)
    assert (taken.hunk_id, taken.kind, taken.old, taken.new) == (
        "H1",
        "sentence_changed",
        STATED_OLD,
        STATED_NEW,
    )
    # attributed to another change, or saying another new thing, it stays out
    assert split_rules([_done()], _hunks(), {"H1", "H2"}, _text, Rule) == []
    other = "Missed pickups, with less than 2 hours' notice, are billed at the night rate."
    assert split_rules([_done()], _hunks(other), {"H2"}, _text, Rule) == []


def _facts() -> ChangeFacts:
    stated = Rule("H1", "sentence_changed", "Missed pickups", STATED_OLD, STATED_NEW, "changed")
    return ChangeFacts(
        id="C1",
        title="now calls issue_voucher",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=8,
        after_actions=[ActionFact("issue_voucher", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hours_notice < 2",
                    "atoms": [{"feature": "hours_notice", "op": "<", "value": 2}],
                }
            )
        ],
        rules=[_done(), stated],
        prompt_sections=SECTIONS,
    )


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI've cancelled your pickup. As it was cancelled with "
    "less than 2 hours' notice, the fare is billed in full and we can't offer any voucher for "
    "it. Our drivers were already on the road.\n\nSafe travels,\n{{current_user.first_name}}\n"
)
ARTICLE = """# Missing a pickup

If you cancel with 2 hours' notice or more, we refund the fare in full.

Missed pickups are billed in full, with no voucher. The driver has already set off.

We can't carry bikes or surfboards, so please don't bring them.
"""
TABLE = """# Fares

| When | What happens |
|---|---|
| Cancelled with 2 hours' notice or more | Refunded in full |
| Cancelled with less than 2 hours' notice | Billed in full, no voucher |
| Bikes and surfboards | Not carried |
"""


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("missed", MACRO, kind="macro"),
            kb_item("missing", ARTICLE),
            kb_item("fares", TABLE),
        ]
    )


def test_a_denial_lifted_while_the_new_side_denies_another_thing_is_a_flip() -> None:
    sides = {side.rule.hunk_id: side for side in old_sides(_facts())}
    assert sides["H1"].flipped
    assert sides["H1"].said is not None
    assert sides["H1"].said.startswith(
        "Missed pickups, with less than 2 hours' notice, are not refunded, but we give a third"
    )
    # the aside on the call's argument goes with the call
    assert "euros" not in sides["H1"].said and "issue_voucher" not in sides["H1"].said


def test_the_old_rule_is_found_in_prose_and_in_the_row_keyed_by_its_case() -> None:
    marked = {
        impact.item.key: [(c.sentence, c.reasons) for c in impact.conflicts]
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert marked["macro:missed"] == [
        (
            "As it was cancelled with less than 2 hours' notice, the fare is billed in full and "
            "we can't offer any voucher for it.",
            (OLD_SIDE_REASON,),
        )
    ]
    assert marked["article:missing"] == [
        ("Missed pickups are billed in full, with no voucher.", (OLD_SIDE_REASON,))
    ]
    assert [sentence for sentence, _ in marked["article:fares"]] == [
        "| Cancelled with less than 2 hours' notice | Billed in full, no voucher |"
    ]


def test_the_template_says_the_new_rule_where_the_old_one_was() -> None:
    facts = _facts()
    edits = {
        impact.item.key: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, _kb())
        if impact.affected
    }
    article = edits["article:missing"].new_body
    assert article is not None
    assert "no voucher" not in article
    assert "we give a third of the fare back as a voucher" in article
    # a statement, not an instruction made "ours"
    assert "We missed" not in article and "we missed" not in article
    for kept in (
        "If you cancel with 2 hours' notice or more, we refund the fare in full.",
        "The driver has already set off.",
        "We can't carry bikes or surfboards, so please don't bring them.",
    ):
        assert kept in article
