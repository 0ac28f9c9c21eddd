"""A denial lifted for one case the prompt opens its sentence with (`drafting.oldside`): "If
our tuner cancels the visit on the day because of illness, do not refund the call-out fee." now
refunds it. The KB says the case in its own words ("when a visit is called off through
illness") and offers the old alternative beside the denial ("but we'll gladly rebook it"), which
the new prompt keeps as the customer's other choice: the sentence is found and rewritten, the
alternative kept after the new rule. A value the reworded sentence beside the rule still states
(a rebooking "in the next 8 weeks") is no promise the change removed.

Made-up agent: a piano-tuning service. Traps: the customer's own late cancellation (the same
words, a case the new prompt keeps the denial for), a sentence saying the case with no denial."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import TemplateDrafter, build_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import OLD_SIDE_REASON, old_sides
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "If our tuner cancels the visit on the day because of illness, do not refund the call-out fee."
)
NEW = (
    "If our tuner cancels the visit on the day because of illness, refund the call-out fee "
    "with `refund_fee` and tell the customer it reaches their card within 4 working days."
)
OLD_REBOOK = (
    "Rebook the visit for another day free of charge with `rebook_visit`; the customer can "
    "choose any free slot in the next 8 weeks."
)
NEW_REBOOK = (
    "If they would rather rebook the visit for another day, do that free of charge with "
    "`rebook_visit` instead; they can choose any free slot in the next 8 weeks."
)
KEPT = (
    "Customers who cancel less than 24 hours before the visit pay the call-out fee: don't "
    "refund it."
)
SECTIONS = {
    "Visits called off": [NEW, NEW_REBOOK],
    "Customer cancellations": [KEPT],
}
DENIAL = (
    "We can't refund the call-out fee when a visit is called off through illness, but we'll "
    "gladly rebook it for another day at no extra cost."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry our tuner couldn't make it today. "
    + DENIAL
    + " Just reply with a day that suits you.\n\nKeys & Strings\n"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nAs you cancelled less than 24 hours before the "
    "visit, we can't refund the call-out fee.\n\nKeys & Strings\n"
)
ARTICLE = """# When a visit is called off

Our tuners only call off a visit when they're ill.

You can choose any free slot in the next eight weeks.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls refund_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=5,
        after_actions=[ActionFact("refund_fee", ())],
        rules=[Rule("H1", "sentence_changed", "Visits called off", OLD, NEW, "sentence changed")],
        prompt_sections=SECTIONS,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("called-off", MACRO, kind="macro"),
            kb_item("late-cancel", TRAP, kind="macro"),
            kb_item("visits", ARTICLE),
        ]
    )


def test_the_case_both_sides_open_with_is_no_word_of_the_denial() -> None:
    [side] = old_sides(_facts())
    assert {"tuner", "cancel", "visit"} <= side.case
    # the "do" of "do not refund" is the negation's
    assert "do" not in side.old_words


def test_a_denial_said_of_the_case_in_the_kbs_words_is_found_and_the_traps_are_not() -> None:
    marked = {
        impact.item.key: [(c.sentence, c.reasons) for c in impact.conflicts]
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert marked == {"macro:called-off": [(DENIAL, (OLD_SIDE_REASON,))]}


def test_the_alternative_the_new_prompt_keeps_follows_the_new_rule() -> None:
    [impact] = [i for i in rank_items(_facts(), _kb()) if i.affected]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == MACRO.replace(
        DENIAL,
        "If our tuner cancels the visit on the day because of illness, we refund the call-out "
        "fee, and it reaches your card within 4 working days. If you'd prefer, we'll gladly "
        "rebook it for another day at no extra cost.",
    )


def _analysis() -> dict[str, Any]:
    return {
        "probes": [
            {
                "probe_id": "ill-1",
                "verdict": "behavior-changed",
                "facets": ["actions", "promises"],
                "old_samples": 2,
                "new_samples": 2,
                "evidence": {
                    "actions": {"status": "changed", "before": [], "after": ["refund_fee"]},
                    "promises": {
                        "status": "changed",
                        "removed": ["duration:8 weeks"],
                        "added": ["duration:4 business days"],
                        "old_counts": {"duration:8 weeks": 2},
                        "new_counts": {"duration:4 business days": 2},
                    },
                    "excerpts": {
                        "old": "No refund, sorry: pick any free slot in the next 8 weeks.",
                        "new": "The call-out fee is back on your card within 4 working days.",
                    },
                },
            }
        ],
        "changes": [
            {
                "id": "C1",
                "title": "now calls refund_fee",
                "probe_ids": ["ill-1"],
                "facets": ["actions", "promises"],
                "kind": "actions",
                "before": [],
                "after": ["refund_fee"],
                "attribution": [
                    {
                        "hunk_id": "H1",
                        "score": 4.0,
                        "reasons": ["names refund_fee"],
                        "summary": f"sentence changed: {OLD} → {NEW}",
                        "kind": "sentence_changed",
                        "file": "system.md.j2",
                        "section": "Visits called off",
                    }
                ],
            }
        ],
    }


def _hunk(hunk_id: str, section: str, old: str, new: str) -> dict[str, Any]:
    return {"id": hunk_id, "kind": "sentence_changed", "section": section, "old": old, "new": new}


def test_a_value_the_reworded_sentence_beside_the_rule_keeps_is_no_removed_promise() -> None:
    rule = _hunk("H1", "Visits called off", OLD, NEW)
    beside = _hunk("H2", "Visits called off", OLD_REBOOK, NEW_REBOOK)
    [facts] = build_facts(_analysis(), {"prompt": [rule, beside]}, SECTIONS)
    assert facts.removed_promises == []
    # the value a reworded sentence drops, or one of another section, stays removed
    dropped = _hunk("H2", "Visits called off", OLD_REBOOK, "Rebook the visit if they ask.")
    [facts] = build_facts(_analysis(), {"prompt": [rule, dropped]}, SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["8 weeks"]
    elsewhere = _hunk("H2", "Customer cancellations", OLD_REBOOK, NEW_REBOOK)
    [facts] = build_facts(_analysis(), {"prompt": [rule, elsewhere]}, SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["8 weeks"]
