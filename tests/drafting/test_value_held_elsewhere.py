"""A value the old replies mentioned on the way, from a rule the diff never touched (made-up
agents, no scenario's text): a music school's lesson fee is now refunded with 9 or more days'
notice; asked "would I get my fee back?", the old replies said no and offered a swap "with at
least 24 hours' notice", the new ones say yes and no longer mention swaps. The swap rule is
unchanged in the new prompt, so 24 hours is no promise the change removed and the swap macro
stating it is not edited; a value the changed rule states, or one in a section the diff
changed, stays a removed promise."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import build_facts
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD_RULE = "Lesson fees are non-refundable, however much notice the pupil gives."
NEW_RULE = (
    "If the pupil cancels 9 or more days before the lesson, refund the fee with `refund_fee` "
    "and tell them it is back within 3 working days."
)
SWAP = "A pupil can swap a lesson once, with at least 24 hours' notice, using `swap_lesson`."
SECTIONS = {
    "Cancelling a lesson": [NEW_RULE],
    "Swapping a lesson": [SWAP],
    "Exams": ["Exam entries close 6 weeks before the exam."],
}
SWAP_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour lesson is swapped. You can swap a lesson once, "
    "with at least 24 hours' notice.\n\nMelody Music School"
)


def _analysis(old_rule: str = OLD_RULE) -> dict[str, Any]:
    return {
        "probes": [
            {
                "probe_id": "fee-back-12",
                "verdict": "behavior-changed",
                "facets": ["promises", "meaning"],
                "old_samples": 2,
                "new_samples": 2,
                "evidence": {
                    "promises": {
                        "status": "changed",
                        "removed": ["duration:24 hours"],
                        "added": ["duration:12 days", "duration:3 business days"],
                        "old_counts": {"duration:24 hours": 2},
                        "new_counts": {"duration:12 days": 2, "duration:3 business days": 2},
                    },
                    "excerpts": {
                        "old": "No refunds, sorry. You could swap it with 24 hours' notice.",
                        "new": "Yes: with 12 days to go, it's back within 3 working days.",
                    },
                },
            }
        ],
        "changes": [
            {
                "id": "C1",
                "title": "24 hours → 12 days, 3 business days",
                "probe_ids": ["fee-back-12"],
                "facets": ["promises", "meaning"],
                "kind": "promises",
                "before": ["24 hours"],
                "after": ["12 days", "3 business days"],
                "attribution": [
                    {
                        "hunk_id": "H1",
                        "score": 4.5,
                        "reasons": ["states 3"],
                        "summary": f"sentence changed: {old_rule} → {NEW_RULE}",
                        "kind": "sentence_changed",
                        "file": "system.md.j2",
                        "section": "Cancelling a lesson",
                    }
                ],
            }
        ],
    }


def _diff(*more: dict[str, Any], old_rule: str = OLD_RULE) -> dict[str, Any]:
    hunk = {
        "id": "H1",
        "kind": "sentence_changed",
        "section": "Cancelling a lesson",
        "old": old_rule,
        "new": NEW_RULE,
    }
    return {"prompt": [hunk, *more]}


def test_a_value_an_untouched_rule_still_states_is_no_removed_promise() -> None:
    [facts] = build_facts(_analysis(), _diff(), SECTIONS)
    assert facts.removed_promises == []
    kb = KnowledgeBase(
        [KnowledgeItem("macro", "31", "Lessons::Swapped", SWAP_MACRO, "text", "kb", "m")]
    )
    assert not [impact for impact in rank_items(facts, kb) if impact.affected]


def test_a_value_of_a_changed_section_or_rule_stays_removed() -> None:
    swap_changed = {
        "id": "H2",
        "kind": "sentence_changed",
        "section": "Swapping a lesson",
        "old": "A pupil can swap a lesson as often as they like.",
        "new": SWAP,
    }
    [facts] = build_facts(_analysis(), _diff(swap_changed), SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["24 hours"]
    said = "Lesson fees are non-refundable; swap with 24 hours' notice instead."
    [facts] = build_facts(_analysis(said), _diff(old_rule=said), SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["24 hours"]
    # with no diff, nothing is known untouched
    [facts] = build_facts(_analysis(), None, SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["24 hours"]


def test_a_value_of_a_handling_that_moved_stays_removed() -> None:
    """The old handling's own value (Customer Care's "within 24 hours", still stated for the
    other products in an untouched section) goes with the handling when the change's customers
    are now handled another way (another call)."""
    analysis = _analysis()
    change = analysis["changes"][0]
    change.update(kind="actions", before=["log_request"], after=["refer_to_specialist"])
    change["facets"] = ["actions", "promises"]
    [facts] = build_facts(analysis, _diff(), SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["24 hours"]


def test_a_value_a_hunk_not_attributed_to_the_change_states_stays_removed() -> None:
    """The old rule's value stated by a sentence the diff narrowed ("Every pupil can swap with
    24 hours' notice" → "Beginners can swap …"), even when the change was attributed to
    another hunk and an untouched section still says "24 hours" of something else."""
    narrowed = {
        "id": "H2",
        "kind": "sentence_changed",
        "section": "Cancelling a lesson",
        "old": "Every pupil can swap a lesson with 24 hours' notice.",
        "new": "Beginners can swap a lesson with 24 hours' notice.",
    }
    [facts] = build_facts(_analysis(), _diff(narrowed), SECTIONS)
    assert [p.value for p in facts.removed_promises] == ["24 hours"]
