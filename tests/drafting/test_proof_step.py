"""A check put before an action on one topic, an action the new prompt still takes once the
check passes: a made-up pharmacy's assistant used to look a prescription's status up at once
with `check_prescription` and now first asks for the patient's date of birth and checks it
with `verify_patient`; only once it matches does it look the prescription up. The KB's
"We don't need to see any ID" / "No ID needed" about prescriptions says the check instead, in
the KB's own voice; the flu-jab article, which says "no need to prove who you are" of another
topic, and every other sentence stay byte for byte. A sentence with nothing "we" do to put
the check before is flagged, never rewritten wrong."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, FacetShift, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.proofstep import (
    PROOF_STEP_REASON,
    asked_unsaid,
    denies_proof,
    proof_step,
    still_unproved,
    with_gated_kept,
    with_proof_step,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.kb.settings import review_settings, shift_of
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item, model_edit

OLD = (
    "When a patient asks about a prescription, call `check_prescription` (order_id) and tell "
    "them its status."
)
NEW = (
    "Before you say anything about an order, make sure you're speaking to the "
    "patient: ask them for their date of birth and check it with `verify_patient` "
    "(order_id, dob)."
)
THEN = (
    "Once the date of birth matches, call `check_prescription` (order_id) and tell them its status."
)
FAILED = "If it doesn't match, say you can't discuss the prescription."
ARTICLE = """# Prescription status

Ask us in the chat whether your prescription is ready.

## Do I need ID?

We don't need to see any ID: we'll check your prescription straight away and tell
you when it's ready.

## Step by step

1. Give us your order number.
2. No ID needed: we check your prescription at once.
3. Collect it from the counter.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThere's nothing you need to show us: we'll check "
    "your prescription straight away.\n\nYour pharmacy team"
)
FLU = (
    "# Flu jabs\n\nThere's no need to prove who you are for a flu jab: we book it straight away.\n"
)


def _facts(old: str | None = OLD, then: str = THEN) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls check_prescription",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("check_prescription")],
        after_actions=[],
        conditions=[
            Condition.from_dict({"atoms": [{"variable": "tag:prescription-status", "op": "tag"}]})
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed" if old else "sentence_added",
                "Prescriptions",
                old,
                NEW,
                "c",
            ),
            Rule("H2", "sentence_added", "Prescriptions", None, then, "added"),
            Rule("H3", "sentence_added", "Prescriptions", None, FAILED, "added"),
        ],
        excerpts=[
            Excerpt("p1", "Your prescription is ready.", "Could you tell me your date of birth?")
        ],
        shifts=[
            FacetShift(
                "refusal",
                "added",
                ("p3",),
                3,
                "Your prescription is ready to collect.",
                "Sorry, that date of birth doesn't match, so I can't discuss it.",
            )
        ],
        others=4,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("status", ARTICLE, title="Prescription status"),
            kb_item("ready", MACRO, kind="macro", title="Prescriptions::Ready"),
            kb_item("flu", FLU, title="Flu jabs"),
        ]
    )


def test_the_check_is_read_with_the_action_it_gates() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert step.action == "check_prescription"
    assert step.asked == "their date of birth"
    assert step.step == "ask them for their date of birth and check it"
    assert step.said == "ask you for your date of birth and check it"
    assert step.tool == "verify_patient"


def test_no_check_when_the_action_is_gone_or_the_old_prompt_asked_already() -> None:
    # no sentence still takes the action once the check passes: the action is simply gone
    assert proof_step(_facts(then="Tell them to ask at the counter.")) is None
    # the old sentence already asked for it
    assert proof_step(_facts(old=NEW.replace("Before you", "Before you ever"))) is None


def test_nothing_to_prove_is_found_only_about_the_checks_topic() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert denies_proof(step, "No ID needed: we check your prescription at once.", "")
    assert denies_proof(step, "We don't ask you to prove who you are.", "Prescription status")
    assert denies_proof(step, "There's nothing you need to show us.", "Prescriptions::Ready")
    assert not denies_proof(step, "There's no need to prove who you are for a flu jab.", "Flu")
    assert not denies_proof(step, "We check your prescription at once.", "Prescriptions")


def test_the_check_goes_before_what_we_do_in_the_items_voice() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert with_proof_step(step, "2. No ID needed: we check your prescription at once.") == (
        "2. We ask you for your date of birth and check it, then check your prescription."
    )
    assert with_proof_step(
        step, "We don't need to see any ID: we'll check it straight away and tell you."
    ) == ("We'll ask you for your date of birth and check it, then check it and tell you.")
    # nothing "we" do to put the check before: no text is written
    assert with_proof_step(step, "No ID is needed.") is None


def test_the_edits_keep_every_other_sentence_and_the_other_topic() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    assert "article:flu" not in impacts or not impacts["article:flu"].conflicts
    article = TemplateDrafter().edit(facts, impacts["article:status"])
    assert article.new_body == ARTICLE.replace(
        "We don't need to see any ID: we'll check your prescription straight away",
        "We'll ask you for your date of birth and check it, then check your prescription",
    ).replace(
        "2. No ID needed: we check your prescription at once.",
        "2. We ask you for your date of birth and check it, then check your prescription.",
    )
    macro = TemplateDrafter().edit(facts, impacts["macro:ready"])
    assert macro.new_body == MACRO.replace(
        "There's nothing you need to show us: we'll check your prescription straight away.",
        "We'll ask you for your date of birth and check it, then check your prescription.",
    )


def test_a_sentence_the_check_cannot_be_said_in_is_flagged() -> None:
    facts = _facts()
    body = "# Prescription status\n\nNo ID is needed. Ask us any time.\n"
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("s", body)])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "nothing to prove" in edit.rationale


def test_the_note_says_what_is_asked_and_the_failed_check_as_such() -> None:
    facts = _facts()
    note = TemplateDrafter().note(facts, rank_items(facts, _kb()), None)
    assert note.title.startswith("Now asks for their date of birth first")
    assert "asks them for their date of birth and checks it (`verify_patient`)" in note.after
    assert "If the check fails (1 of 3 test conversations)" in note.after
    assert "refuses the request it accepted" not in note.after
    assert "used to be accepted" not in note.customer_impact


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "nothing to prove" in f]
    assert "ask you for your date of birth and check it" in fact
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("ready", MACRO, kind="macro")]))
        if i.affected
    )
    assert any(r.startswith(PROOF_STEP_REASON) for c in impact.conflicts for r in c.reasons)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reworded = MACRO.replace("straight away.", "straight away, no ID needed.")
    assert still_unproved(facts, reworded, "text") == [
        "There's nothing you need to show us: we'll check your prescription straight away, "
        "no ID needed."
    ]
    edit, failure = model_edit(facts, impact, template_edit, reworded)
    assert edit is None
    assert failure is not None and "nothing to prove" in str(failure)


NAMED = (
    "Before checking a prescription, ask them for their date of birth and check it with "
    "`verify_patient` (order_id, dob)."
)


def test_a_step_before_the_actions_own_name_keeps_its_note_and_the_kb_says_the_check() -> None:
    """The step says which action it comes before ("Before checking a prescription, …"): the
    note says it as a new step, as before; the KB's "no ID needed" still says the check."""
    facts = _facts()
    facts.rules[0] = Rule("H1", "sentence_changed", "Prescriptions", OLD, NAMED, "c")
    note = TemplateDrafter().note(facts, rank_items(facts, _kb()), None)
    assert "Before checking a prescription, the agent now asks the customer for" in note.after
    assert "(order_id, dob)" not in note.after and "(order_id, dob)" not in note.customer_impact
    impacts = {impact.item.key: impact for impact in rank_items(facts, _kb())}
    macro = TemplateDrafter().edit(facts, impacts["macro:ready"])
    assert macro.new_body == MACRO.replace(
        "There's nothing you need to show us: we'll check your prescription straight away.",
        "We'll ask you for your date of birth and check it, then check your prescription.",
    )


def test_a_macros_tag_for_the_gated_action_still_holds() -> None:
    """The action is still taken once the check passes: a macro tagged for it
    ("prescription-checked") is no setting to review, as it would be for an action gone."""
    macro = KnowledgeItem(
        kind="macro",
        id="ready",
        title="Prescriptions::Ready",
        body=MACRO,
        body_format="text",
        source="macros.json",
        record="macros[0]",
        metadata={
            "format": "zendesk",
            "actions": [
                {"field": "comment_value", "value": MACRO},
                {"field": "set_tags", "value": "check-prescription done"},
            ],
        },
    )
    facts = _facts()
    assert review_settings(macro, shift_of(facts)) is not None
    assert review_settings(macro, shift_of(with_gated_kept(facts))) is None
    note = TemplateDrafter().note(facts, rank_items(facts, KnowledgeBase([macro])), None)
    assert not any(action.startswith("Check the settings") for action in note.cs_actions)


def test_a_model_edit_that_only_takes_the_no_id_claim_out_is_refused() -> None:
    facts = _facts()
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("ready", MACRO, kind="macro")]))
        if i.affected
    )
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    assert asked_unsaid(facts, impact, template_edit.new_body, template_edit.new_body) == []
    trimmed = MACRO.replace("There's nothing you need to show us: w", "W")
    assert still_unproved(facts, trimmed, "text") == []
    [problem] = asked_unsaid(facts, impact, template_edit.new_body, trimmed)
    assert "ask you for your date of birth and check it" in problem
    reply = json.dumps({"new_body": trimmed, "rationale": "Took the claim out."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "date of birth" in str(failure)
