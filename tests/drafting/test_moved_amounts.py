"""Drafting a change whose calls stayed and whose amounts moved (every shipping refund doubled):
the notes say the amount changed, with every number grounded, and texts stating the old
percentage get edited."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from behaviordiff.drafting import TemplateDrafter, build_facts, rank_items
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grounding import Grounding, diff_text
from behaviordiff.kb import KnowledgeBase
from behaviordiff.kb.model import KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

OLD_RULE = (
    "If an order over $50 is delayed more than 48 hours, offer a partial shipping refund of 50% "
    "of the shipping fee using `issue_refund` with type `shipping` instead of escalating, and "
    "tell the customer the exact amount refunded."
)
NEW_RULE = OLD_RULE.replace("50% of", "100% of")
DOUBLED = [("late-a", 4.5, 9.0), ("late-b", 7.5, 15.0), ("late-c", 4.0, 8.0), ("late-d", 6.0, 12.0)]
WHO = "orders over $50 delayed more than 48 hours"


def _label(amount: float, kind: str = "shipping") -> str:
    return f"issue_refund(amount={amount:g}, type={kind})"


def _reply(amount: float) -> str:
    return (
        f"Hi Dana, I've looked up your order. Since it's running well behind schedule, I've "
        f"refunded ${amount:.2f} of your shipping fee to your original payment method."
    )


def _probe(probe_id: str, old: float, new: float, change_id: str | None) -> dict[str, Any]:
    changed = old != new
    actions: dict[str, Any] = {
        "status": "changed" if changed else "same",
        "old_counts": {_label(old): 3, "lookup_order": 3},
        "new_counts": {_label(new): 3, "lookup_order": 3},
    }
    if changed:
        actions.update(removed=[_label(old)], added=[_label(new)])
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed" if changed else "unchanged",
        "facets": ["actions", "promises", "meaning"] if changed else [],
        "old_samples": 3,
        "new_samples": 3,
        "evidence": {
            "actions": actions,
            "promises": {
                "status": "changed" if changed else "same",
                "removed": [f"money:${old:.2f}"] if changed else [],
                "added": [f"money:${new:.2f}"] if changed else [],
            },
            "excerpts": {"old": _reply(old), "new": _reply(new)},
        },
        **({"change_id": change_id} if change_id else {}),
    }


def moved_analysis(
    values: list[tuple[str, float, float]] = DOUBLED,
    *,
    ratio: float | None = 2,
    difference: float | None = None,
    refunded_elsewhere: bool = False,
    with_rule: bool = True,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The analysis (as stored JSON) of one doubled-refund change among 10 unchanged probes,
    and the diff whose sentence moved 50% → 100%."""
    others = [_probe(f"other-{i}", 5.0, 5.0, None) for i in range(2 if refunded_elsewhere else 0)]
    others += [
        {
            "probe_id": f"fine-{i}",
            "verdict": "unchanged",
            "facets": [],
            "old_samples": 3,
            "new_samples": 3,
            "evidence": {
                "actions": {"status": "same", "old_counts": {"lookup_order": 3}},
                "excerpts": {"old": "Your order is on time.", "new": "Your order is on time."},
            },
        }
        for i in range(10 - len(others))
    ]
    probes = [_probe(probe_id, old, new, "C1") for probe_id, old, new in values]
    change = {
        "id": "C1",
        "title": "issue_refund(type=shipping): amount 4.5 → 9, 7.5 → 15, 4 → 8 … (×2)",
        "probe_ids": [probe_id for probe_id, _, _ in values],
        "facets": ["actions", "promises", "meaning"],
        "kind": "actions",
        "before": list(dict.fromkeys(_label(old) for _, old, _ in values)),
        "after": list(dict.fromkeys(_label(new) for _, _, new in values)),
        "conditions": [
            {
                "text": "delay_hours > 48 and order_total > 50",
                "summary": "delay_hours > 48 and order_total > 50: 4 of 4 changed; 0 of 10 others",
                "atoms": [
                    {"feature": "delay_hours", "op": ">", "value": 48.0},
                    {"feature": "order_total", "op": ">", "value": 50.0},
                ],
                "changed": {"matched": len(values), "total": len(values)},
                "others": {"matched": 0, "total": 10},
            }
        ],
        "attribution": [
            {
                "hunk_id": "H1",
                "score": 2.9,
                "reasons": ["shares terms: refunds"],
                "summary": f"section Refunds: sentence changed: {OLD_RULE} → {NEW_RULE}",
                "kind": "sentence_changed",
                "file": "system.md.j2",
                "section": "Refunds",
            }
        ]
        if with_rule
        else [],
        "excerpts": [
            {"probe_id": probe_id, "old": _reply(old), "new": _reply(new)}
            for probe_id, old, new in values[:3]
        ],
        "moved_arguments": [
            {
                "call": "issue_refund(type=shipping)",
                "name": "issue_refund",
                "argument": "amount",
                "ratio": ratio,
                "difference": difference,
                "values": [
                    {"probe_id": probe_id, "old": old, "new": new} for probe_id, old, new in values
                ],
            }
        ],
    }
    diff = {
        "prompt": [
            {
                "id": "H1",
                "kind": "sentence_changed",
                "file": "system.md.j2",
                "section": "Refunds",
                "old": OLD_RULE,
                "new": NEW_RULE,
                "summary": f"section Refunds: sentence changed: {OLD_RULE} → {NEW_RULE}",
            }
        ],
        "config": [],
    }
    return {"probes": [*probes, *others], "changes": [change]}, diff


def _facts(analysis: dict[str, Any], diff: dict[str, Any] | None) -> ChangeFacts:
    [facts] = build_facts(analysis, diff)
    return facts


def _grounding(facts: ChangeFacts, diff: dict[str, Any] | None) -> Grounding:
    return Grounding([facts.corpus(), diff_text(diff, [rule.hunk_id for rule in facts.rules])])


def _knowledge() -> KnowledgeBase:
    def item(kind: Any, title: str, body: str) -> KnowledgeItem:
        return KnowledgeItem(kind, title.lower(), title, body, "text", "kb", title)

    return KnowledgeBase(
        [
            item(
                "macro",
                "Shipping::Delayed order",
                "Hi {{ticket.requester.first_name}},\n\nYour order is more than 48 hours late. As "
                "your order is over $50, I've refunded 50% of your shipping fee to your original "
                "payment method.\n\nBest regards,\nAcme Support",
            ),
            item(
                "article",
                "My order is late",
                "If your order is over $50 and more than 48 hours late, we refund 50% of the "
                "shipping fee right in the chat.",
            ),
            item("article", "Returns", "You can return items within 30 days of delivery."),
        ]
    )


def test_the_note_says_the_refunds_doubled_not_that_one_action_replaced_another() -> None:
    analysis, diff = moved_analysis()
    facts = _facts(analysis, diff)
    note = TemplateDrafter().note(facts, rank_items(facts, _knowledge()), None)

    assert note.title == f"Shipping refunds doubled for {WHO}"
    assert note.before == (
        f"For {WHO}, the agent refunds 50% of the shipping fee ($4.50, $7.50, $4.00 …) with "
        "`issue_refund` (type shipping)."
    )
    assert note.after == (
        f"For {WHO}, the agent now refunds 100% of the shipping fee ($9.00, $15.00, $8.00 …) "
        "with `issue_refund` (type shipping): twice the old amount in every probe. The new prompt "
        f"(section Refunds) says: “{NEW_RULE}”"
    )
    assert note.customer_impact == (
        f"Customers with {WHO} now get twice the refund they got before ($9.00 instead of $4.50, "
        "$15.00 instead of $7.50 …). Other customers get the same handling as before."
    )
    assert "handoff" not in note.text() and "instead of issues" not in note.text()
    assert note.severity == "high"
    assert (note.evidence[0].old, note.evidence[0].new) == (
        "Since it's running well behind schedule, I've refunded $4.50 of your shipping fee to "
        "your original payment method.",
        "Since it's running well behind schedule, I've refunded $9.00 of your shipping fee to "
        "your original payment method.",
    )
    assert _grounding(facts, diff).check(note.text()).ok


def test_texts_stating_the_old_percentage_are_flagged_and_edited() -> None:
    analysis, diff = moved_analysis()
    facts = _facts(analysis, diff)
    impacts = [impact for impact in rank_items(facts, _knowledge()) if impact.affected]
    assert sorted(impact.item.title for impact in impacts) == [
        "My order is late",
        "Shipping::Delayed order",
    ]
    note = TemplateDrafter().note(facts, impacts, None)
    assert any(a.startswith("Update macro “Shipping::Delayed order”") for a in note.cs_actions)

    grounding = _grounding(facts, diff)
    for impact in impacts:
        edit = TemplateDrafter().edit(facts, impact)
        assert edit.new_body == impact.item.body.replace("50%", "100%")
        assert edit.rationale.startswith(
            f"The agent now refunds 100% of the shipping fee for {WHO} instead of 50%; this "
        )
        assert grounding.check(edit.new_body + "\n" + edit.rationale, extra=[edit.old_body]).ok


def test_the_old_percentage_is_kept_for_others_who_still_get_it() -> None:
    analysis, diff = moved_analysis(refunded_elsewhere=True)
    facts = _facts(analysis, diff)
    assert facts.moved_elsewhere
    impact = next(i for i in rank_items(facts, _knowledge()) if i.item.title == "My order is late")
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        "If your order is over $50 and more than 48 hours late, we refund 50% of the shipping fee "
        f"right in the chat (100% for {WHO})."
    )


def test_without_the_rule_the_note_states_the_amounts_and_their_ratio() -> None:
    analysis, _ = moved_analysis(with_rule=False)
    facts = _facts(analysis, None)
    assert facts.moved_rule is None and not facts.removed_promises
    note = TemplateDrafter().note(facts, rank_items(facts, _knowledge()), None)

    assert note.before == (
        f"For {WHO}, the agent issues a shipping refund of $4.50, $7.50, $4.00 … "
        "(`issue_refund`, type shipping)."
    )
    assert note.after == (
        f"For {WHO}, the agent now issues a shipping refund of $9.00, $15.00, $8.00 … "
        "(`issue_refund`, type shipping): twice the old amount in every probe."
    )
    assert "%" not in note.text()
    assert not [impact for impact in rank_items(facts, _knowledge()) if impact.affected]
    assert _grounding(facts, None).check(note.text()).ok


def test_a_shared_difference_is_stated_in_money() -> None:
    values = [("late-a", 4.5, 9.5), ("late-b", 7.5, 12.5)]
    analysis, diff = moved_analysis(values, ratio=None, difference=5)
    facts = _facts(analysis, diff)
    note = TemplateDrafter().note(facts, [], None)
    assert facts.moved_rule is None  # 50% → 100% is not "+$5.00"
    assert note.title == f"Shipping refunds up $5.00 for {WHO}"
    assert note.customer_impact.startswith(
        f"Customers with {WHO} now get a refund $5.00 larger than before ($9.50 instead of $4.50, "
        "$12.50 instead of $7.50)."
    )
    assert _grounding(facts, diff).check(note.text()).ok


def test_a_change_stored_before_moved_arguments_existed_reads_the_same_way() -> None:
    analysis, diff = moved_analysis([("late-c", 4.0, 8.0)], ratio=None)
    del analysis["changes"][0]["moved_arguments"]
    facts = _facts(analysis, diff)
    assert [(m.call.name, m.argument, m.values) for m in facts.moved] == [
        ("issue_refund", "amount", (("late-c", 4.0, 8.0),))
    ]
    assert not facts.before_actions
    note = TemplateDrafter().note(facts, [], None)
    assert note.title == f"Shipping refunds raised for {WHO}"
    assert "($8.00 instead of $4.00)" in note.customer_impact


@pytest.mark.parametrize(
    ("after", "grounded"),
    [
        ("The agent now refunds 100% of the shipping fee ($9.00, $15.00, $12.00).", True),
        ("The agent now refunds the full shipping fee, $30.00 at most.", False),
    ],
)
def test_the_llm_drafter_gets_the_amount_change_and_may_state_only_its_numbers(
    after: str, grounded: bool
) -> None:
    analysis, diff = moved_analysis()
    facts = _facts(analysis, diff)
    reply = {
        "title": "Shipping refunds doubled for late orders over $50",
        "before": "The agent refunds 50% of the shipping fee.",
        "after": after,
        "when": f"{WHO}.",
        "customer_impact": "Customers get twice the refund.",
        "cs_actions": ["Brief reps."],
    }
    model = FakeChatModel(default=json.dumps(reply))
    drafter = LLMDrafter(model, "fake-model")
    draft = asyncio.run(drafter.draft(facts, [], _grounding(facts, diff), None))

    prompt = "\n".join(str(m["content"]) for m in _first(model.requests).messages)
    assert "twice the old amount in every probe" in prompt
    assert "refunds 50% of the shipping fee ($4.50, $7.50, $4.00 …)" in prompt
    assert "instead of a handoff" not in prompt
    assert draft.note.origin == ("llm" if grounded else "llm-fallback")
    if not grounded:
        assert "$30.00" in draft.fallbacks[0]["reason"]
        assert draft.note.title == f"Shipping refunds doubled for {WHO}"


def _first(requests: list[ChatRequest]) -> ChatRequest:
    assert requests
    return requests[0]
