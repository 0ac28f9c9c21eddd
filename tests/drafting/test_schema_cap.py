"""A cap that lives in the config's tool schema, the prompt unchanged: the maximum of the amount a
call pays moved for everyone, so a KB sentence giving the old cap gives the new one (in figures
as the KB writes money, and in words), and the amount where a share the item states reaches the
cap moves with it. A made-up gym whose goodwill voucher is 10% of the membership fee, up to
`issue_voucher`'s maximum amount_eur, lowered from 60 to 30 (fees over €300 now get €30); a
flat €60 joining fee elsewhere is another subject."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.drafters import _EDITED_BODY_CHECKS, LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.schemacap import cap_fact, schema_cap, still_old_cap
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

CAPPED = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the class was cancelled. We've sent you a "
    "voucher for 10% of your membership fee, up to a maximum of €60.\n\nSee you soon,\nThe Gym"
)
WHY = (
    "Hi,\n\nOur voucher is 10% of the fee, and the most we give for one cancelled class is €60. "
    "That means every fee over €600 gets the full €60, however large it is.\n\nThe Gym"
)
JOINING = "Hi,\n\nJoining costs a flat €60, whatever your plan.\n\nThe Gym"
ARTICLE = (
    "# Cancelled classes\n\nIf we cancel a class, we send you a voucher.\n\n"
    "| Your fee | Your voucher |\n| --- | --- |\n"
    "| Up to €600 | 10% of the fee |\n"
    "| Over €600 | €60, the most we give for one class |\n\n"
    "So the voucher is ten per cent of your fee, up to sixty euros (€60).\n\n"
    "## Lockers\n\nLockers are free for members. A guest pass costs a flat €60.\n"
)


def _facts(
    summary: str = "tool issue_voucher.parameters.properties.amount_eur.maximum: 60 → 30",
    values: tuple[tuple[str, float, float], ...] = (
        ("fee-320", 32.0, 30.0),
        ("fee-450", 45.0, 30.0),
        ("fee-900", 60.0, 30.0),
    ),
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="issue_voucher: amount_eur 32 → 30, 45 → 30 …",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=[probe for probe, _, _ in values],
        after_actions=[ActionFact("issue_voucher")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "get_member.fee > 300",
                    "atoms": [{"feature": "get_member.fee", "op": ">", "value": 300}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[Rule("H1", "tool_changed", None, None, None, summary)],
        moved=[MovedValue(ActionFact("issue_voucher"), "amount_eur", values)],
        excerpts=[Excerpt(probe_id="fee-900", old="A €60.00 voucher.", new="A €30.00 voucher.")],
        others=6,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Classes::Cancelled - voucher", CAPPED, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Classes::Why capped", WHY, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Joining::Fee", JOINING, "text", "kb", "m"),
            KnowledgeItem("article", "4", "Cancelled classes", ARTICLE, "markdown", "kb", "a"),
        ]
    )


def test_the_cap_is_read_from_the_config_hunk_and_the_moved_call() -> None:
    cap = schema_cap(_facts())
    assert cap is not None
    assert (cap.tool, cap.argument, cap.old, cap.new, cap.currency) == (
        "issue_voucher",
        "amount_eur",
        60.0,
        30.0,
        "€",
    )
    # another key of the schema, or a call whose values do not sit within the maxima, is not it
    assert schema_cap(_facts("tool issue_voucher.description: 'a' → 'b'")) is None
    assert schema_cap(_facts(values=(("fee-900", 60.0, 45.0),))) is None
    assert schema_cap(_facts(values=(("fee-900", 70.0, 30.0),))) is None


def test_every_sentence_giving_the_old_cap_or_its_break_even_is_marked_and_no_other() -> None:
    impacts = {impact.item.key: impact for impact in rank_items(_facts(), _kb())}
    marked = {key: [c.sentence for c in impact.conflicts] for key, impact in impacts.items()}
    assert marked["article:4"] == [
        "| Up to €600 | 10% of the fee |",
        "| Over €600 | €60, the most we give for one class |",
        "So the voucher is ten per cent of your fee, up to sixty euros (€60).",
    ]
    assert (
        "That means every fee over €600 gets the full €60, however large it is."
        in (marked["macro:2"])
    )
    # a flat €60 fee is never called a cap: another subject
    assert not marked.get("macro:3")


def test_the_edit_gives_the_new_cap_as_the_kb_writes_money_and_moves_the_break_even() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    drafter = TemplateDrafter()
    capped = drafter.edit(facts, impacts["macro:1"]).new_body
    assert capped == CAPPED.replace("up to a maximum of €60.", "up to a maximum of €30.")
    why = drafter.edit(facts, impacts["macro:2"]).new_body
    assert why is not None
    assert "the most we give for one cancelled class is €30." in why
    assert "every fee over €300 gets the full €30, however large it is." in why
    assert "€60" not in why and "€600" not in why and "€30.00" not in why
    article = drafter.edit(facts, impacts["article:4"]).new_body
    assert article is not None
    assert "| Up to €300 | 10% of the fee |" in article
    assert "| Over €300 | €30, the most we give for one class |" in article
    assert "up to thirty euros (€30)." in article
    # the same amount as a flat price in the same article is another subject
    assert "Lockers are free for members. A guest pass costs a flat €60." in article


def test_a_raised_cap_moves_the_same_way() -> None:
    facts = _facts(
        "tool issue_voucher.parameters.properties.amount_eur.maximum: 60 → 90",
        (("fee-700", 60.0, 70.0), ("fee-1200", 60.0, 90.0)),
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    why = TemplateDrafter().edit(facts, impacts["macro:2"]).new_body
    assert why is not None
    assert "every fee over €900 gets the full €90" in why


def test_a_model_edit_keeping_the_old_cap_is_refused_and_the_model_is_told_the_cap() -> None:
    facts = _facts()
    conflicting = ["That means every fee over €600 gets the full €60, however large it is."]
    kept = WHY.replace("is €60.", "is €30.")
    assert still_old_cap(facts, conflicting, WHY, kept, "text") == conflicting
    right = kept.replace("over €600 gets the full €60", "over €300 gets the full €30")
    assert still_old_cap(facts, conflicting, WHY, right, "text") == []
    assert any(check is still_old_cap for check, _ in _EDITED_BODY_CHECKS)
    fact = cap_fact(facts)
    assert fact is not None and "€30" in fact and "€60" in fact


def test_a_drafting_model_gets_the_cap_and_an_edit_keeping_the_old_one_falls_back() -> None:
    facts = _facts()
    assert any("now takes at most €30" in said for said in draft_facts(facts))
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:2")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            # the old cap kept as a case of the new one, as a model tends to write it
            kept = WHY.replace("is €60.", "is €60 (€30.00 for fees over €300).")
            return json.dumps({"new_body": kept, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert "now takes at most €30" in asked[0]
    assert "still gives the old cap" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed
