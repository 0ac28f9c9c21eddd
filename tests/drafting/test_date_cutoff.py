"""A value changed from a date on (a language school's cancellation fee, 10% → 15% for
bookings made from 3 March 2025): the note says the date line in the prompt's words, and each
KB text says the new value with the old one kept for the earlier bookings; the share's
complement moves with it and a worked example of the old share goes."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from behaviordiff.detect.model import Atom
from behaviordiff.drafting import TemplateDrafter, build_facts, rank_items
from behaviordiff.drafting.datecutoff import (
    complement_rewrite,
    date_cutoff,
    without_worked_example,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, DateWords, atom_words
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.quoteclause import quoted_clauses
from behaviordiff.kb import KnowledgeBase
from behaviordiff.kb.model import KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

OLD_RULE = "Every cancellation costs 10% of the course price: charge it with `charge_fee`."
NEW_RULE = (
    "From 3 March 2025 a cancellation costs 15% of the course price: charge it with "
    "`charge_fee`. Bookings made before 3 March 2025 keep the 10% fee."
)
CHANGED = [
    ("c-0303", "2025-03-03", 600.0),
    ("c-0410", "2025-04-10", 420.0),
    ("c-0522", "2025-05-22", 380.0),
]
EARLIER = [("c-0214", "2025-02-14", 500.0), ("c-0302", "2025-03-02", 460.0)]


def _label(percent: int, price: float) -> str:
    return f"charge_fee(amount={price * percent / 100:g}, percent={percent})"


def _probe(probe_id: str, booked: str, price: float, changed: bool) -> dict[str, Any]:
    old, new = _label(10, price), _label(15 if changed else 10, price)
    actions: dict[str, Any] = {
        "status": "changed" if changed else "same",
        "old_counts": {old: 2},
        "new_counts": {new: 2},
    }
    reply = "Your booking is cancelled; the fee is {}% of the course price."
    if changed:
        actions.update(removed=[old], added=[new])
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed" if changed else "unchanged",
        "facets": ["actions", "promises"] if changed else [],
        "old_samples": 2,
        "new_samples": 2,
        "features": {"booked_on": booked, "course_price": price, "tag:cancel": True},
        "evidence": {
            "actions": actions,
            "promises": {
                "status": "changed" if changed else "same",
                "removed": ["percent:10%"] if changed else [],
                "added": ["percent:15%"] if changed else [],
            },
            "excerpts": {"old": reply.format(10), "new": reply.format(15 if changed else 10)},
        },
        **({"change_id": "C1"} if changed else {}),
    }


def _analysis() -> tuple[dict[str, Any], dict[str, Any]]:
    probes = [_probe(pid, booked, price, True) for pid, booked, price in CHANGED]
    probes += [_probe(pid, booked, price, False) for pid, booked, price in EARLIER]
    probes += [
        {
            "probe_id": f"level-{i}",
            "verdict": "unchanged",
            "facets": [],
            "old_samples": 2,
            "new_samples": 2,
            "evidence": {"excerpts": {"old": "Level B1.", "new": "Level B1."}},
        }
        for i in range(8)
    ]
    change = {
        "id": "C1",
        "title": "charge_fee: amount 60 → 90, 42 → 63, 38 → 57 (×1.5); percent 10 → 15",
        "probe_ids": [pid for pid, _, _ in CHANGED],
        "facets": ["actions", "promises"],
        "kind": "actions",
        "before": [_label(10, price) for _, _, price in CHANGED],
        "after": [_label(15, price) for _, _, price in CHANGED],
        "conditions": [
            {
                "text": "booked_on >= 2025-03-03 and tag cancel",
                "atoms": [
                    {"feature": "booked_on", "op": ">=", "value": "2025-03-03"},
                    {"feature": "tag:cancel", "op": "tag"},
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 10},
            }
        ],
        "attribution": [
            {
                "hunk_id": "H1",
                "score": 2.5,
                "reasons": ["shares terms: cancellation"],
                "summary": f"section Cancelling: sentence changed: {OLD_RULE} → {NEW_RULE}",
                "kind": "sentence_changed",
                "file": "system.md",
                "section": "Cancelling",
            }
        ],
        "excerpts": [],
        "moved_arguments": [
            {
                "call": "charge_fee",
                "name": "charge_fee",
                "argument": argument,
                "ratio": ratio,
                "difference": None,
                "values": [
                    {
                        "probe_id": pid,
                        "old": price / 10 if argument == "amount" else 10,
                        "new": price * 0.15 if argument == "amount" else 15,
                    }
                    for pid, _, price in CHANGED
                ],
            }
            for argument, ratio in (("amount", 1.5), ("percent", None))
        ],
    }
    diff = {
        "prompt": [
            {
                "id": "H1",
                "kind": "sentence_changed",
                "file": "system.md",
                "section": "Cancelling",
                "old": OLD_RULE,
                "new": NEW_RULE,
                "summary": f"section Cancelling: sentence changed: {OLD_RULE} → {NEW_RULE}",
            }
        ],
        "config": [],
    }
    return {"probes": probes, "changes": [change]}, diff


def _facts() -> ChangeFacts:
    [facts] = build_facts(*_analysis())
    return facts


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry to see you go. We charge a cancellation fee "
    "of ten per cent (10%) of the course price. Your refund follows within 5 days.\n\n"
    "Best wishes,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# Cancelling a course\n\n| What | How much |\n|---|---|\n"
    "| Cancellation fee | 10% of the course price |\n| Refund | The remaining 90% |\n\n"
    "- **What does cancelling cost?** Ten per cent of the course price, so $50 on a $500 course.\n"
    "- **Can I move to another level instead?** Yes, free of charge, once per term.\n"
)


def _knowledge() -> KnowledgeBase:
    def item(kind: Any, title: str, body: str) -> KnowledgeItem:
        if kind == "article":
            return KnowledgeItem(kind, title.lower(), title, body, "markdown", "kb", title)
        return KnowledgeItem(kind, title.lower(), title, body, "text", "kb", title)

    return KnowledgeBase(
        [
            item("macro", "Cancellations::Fee", MACRO),
            item("article", "Cancelling a course", ARTICLE),
            item("article", "Levels", "Every course has six levels, from A1 to C2."),
        ]
    )


def test_the_note_states_the_date_line_in_the_prompts_words() -> None:
    facts = _facts()
    assert facts.who() == "bookings made on or after 3 March 2025"
    impacts = [impact for impact in rank_items(facts, _knowledge()) if impact.affected]
    note = TemplateDrafter().note(facts, impacts, None)
    text = " ".join([note.title, note.when, note.customer_impact, *note.cs_actions])
    assert "bookings made on or after 3 March 2025" in text
    assert ">=" not in text and "2025-03-03" not in text
    # the worked example's figures are no fact of the change: the quote leaves them out
    assert "$50" not in text and "$500" not in text


def test_each_text_says_the_new_value_and_keeps_the_old_one_for_earlier_bookings() -> None:
    facts = _facts()
    earlier = "bookings made before 3 March 2025"
    assert date_cutoff(facts) is not None
    impacts = {i.item.title: i for i in rank_items(facts, _knowledge()) if i.affected}
    macro = TemplateDrafter().edit(facts, impacts["Cancellations::Fee"])
    assert macro.new_body == MACRO.replace(
        "of ten per cent (10%) of the course price.",
        f"of fifteen per cent (15%) of the course price (10% for {earlier}).",
    )
    article = TemplateDrafter().edit(facts, impacts["Cancelling a course"])
    assert article.new_body == (
        ARTICLE.replace(
            "| 10% of the course price |", f"| 15% (10% for {earlier}) of the course price |"
        )
        .replace("The remaining 90% |", f"The remaining 85% (90% for {earlier}) |")
        .replace(
            "Ten per cent of the course price, so $50 on a $500 course.",
            f"Fifteen per cent of the course price (ten per cent for {earlier}).",
        )
    )
    assert earlier in article.rationale


def test_a_date_bound_reads_in_the_prompts_date_words() -> None:
    atom = Atom("signed_up_on", ">", "2024-06-09")
    assert atom_words(atom) == ("qualifier", "with signed up on after 9 June 2024")
    assert atom_words(Atom("renewed_on", "<", "2024-06-09")) == (
        "qualifier",
        "renewed before 9 June 2024",
    )
    assert atom_words(
        Atom("renewed_on", "<=", "2024-06-09"), dated=DateWords(None, "plans renewed")
    ) == (
        "subject",
        "plans renewed on or before 9 June 2024",
    )


def test_a_complement_moves_with_its_share_and_a_worked_example_goes() -> None:
    assert complement_rewrite("| Balance | The remaining 75% |", "25%", "40%", None) == (
        "| Balance | The remaining 60% |"
    )
    # a share that is no complement of the old one stays
    assert complement_rewrite("The other 50% is refunded.", "25%", "40%", None) is None
    assert without_worked_example("A quarter up front, e.g. £25 of a £100 order.", "25%") == (
        "A quarter up front."
    )
    # an example at another share is no example of this one
    assert without_worked_example("Ten per cent, so $5 on a $100 bill.", "10%") is None
    assert quoted_clauses("Ten per cent of the price, so $50 on a $500 course.", {"10"}) == (
        "Ten per cent of the price …"
    )


def _prompt(request: ChatRequest) -> str:
    return "\n".join(str(message["content"]) for message in request.messages)


def test_a_drafting_model_gets_the_same_facts_and_a_kept_complement_falls_back() -> None:
    facts = _facts()
    said = draft_facts(facts)
    earlier = "bookings made before 3 March 2025"
    assert any(earlier in line and "keep the old one" in line for line in said)
    assert any("(“the remaining 90%”) is now “the remaining 85%”" in line for line in said)
    impact = next(
        i for i in rank_items(facts, _knowledge()) if i.item.title == "Cancelling a course"
    )
    template = TemplateDrafter()
    note = template.note(facts, [impact], None)
    template_edit = template.edit(facts, impact)
    # a model's body that moves the fee and leaves the refund at the old complement
    broken = (template_edit.new_body or "").replace(
        f"The remaining 85% (90% for {earlier})", "The remaining 90%"
    )
    assert broken != template_edit.new_body
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        if "<<<BODY" in _prompt(request):
            return json.dumps({"new_body": broken, "rationale": "Says the new fee."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding(
        [facts.corpus(), impact.item.body, note.text(), template_edit.new_body or ""]
    )
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert asked and all(earlier in prompt for prompt in asked)
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body
    assert "what is left of the old share 10%" in draft.fallbacks[0]["reason"]
