"""A step put before an action the old prompt took for anyone who gave one thing (a made-up
pharmacy, not a scenario's domain): "Anyone who gives a prescription number can collect the
order: call `release_order` …" became "Before you release an order, confirm who you're talking
to: ask for the patient's date of birth, and check it with `verify_patient` …", and those who
don't match are offered a call from the pharmacist. KB units restating the old offer or
claiming the number is all that is needed say the step; the note says the way for those the
step turns away; other items and every other byte stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts, note_values_missing
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, FacetShift, Rule
from behaviordiff.drafting.failedstep import failed_step_rule
from behaviordiff.drafting.givenenough import given_enough, given_enough_marks, with_step_said
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "Anyone who gives a prescription number can collect the order: call `release_order` "
    "(prescription_number) and tell them which counter to go to."
)
STEP = (
    "Before you release an order, confirm who you're talking to: ask for the patient's date of "
    "birth, and check it with `verify_patient` (prescription_number, date_of_birth)."
)
FAILED = (
    "If it doesn't match, or the caller won't give it, say you can't release the order and "
    "offer a call from the pharmacist instead."
)
SECTION = [
    STEP,
    "Once it matches, call `release_order` (prescription_number) and tell them which counter.",
    FAILED,
]
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nJust give us your prescription number and we'll "
    "have your order waiting when you collect: there's nothing else you need to bring. "
    "Opening hours are on our website.\n\nThanks,\nMeadow Pharmacy"
)
ARTICLE = """# Collecting a prescription

1. Find your prescription number on the text we send you.
2. That's all we need: we'll have your order ready at the counter.

We're open 8am to 8pm.
"""
OTHER = "Hi {{ticket.requester.first_name}},\n\nYour order is ready at counter 2."


def _facts() -> ChangeFacts:
    refused = FacetShift(
        "refusal",
        "added",
        ("p1",),
        3,
        "Your order is at counter 2.",
        "I'm sorry, but I can't release the order.",
    )
    return ChangeFacts(
        id="C1",
        title="no longer calls release_order",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("release_order")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag collection",
                    "atoms": [{"feature": "tag:collection", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Collections", OLD, STEP, "sentence changed")],
        excerpts=[Excerpt("p1", "Your order is at counter 2.", "I can't release the order.")],
        shifts=[refused],
        prompt_sections={"Collections": SECTION},
        others=9,
    )


def test_the_step_and_what_the_old_rule_asked_for_are_read() -> None:
    case = given_enough(_facts())
    assert case is not None
    assert case.thing == "prescription number"
    assert case.step.startswith("Before we release an order, we ask for the patient's date")


def test_the_claim_goes_and_the_step_is_said() -> None:
    case = given_enough(_facts())
    assert case is not None
    said = with_step_said(case, "2. That's all we need: we'll have your order ready.")
    assert said == f"2. {case.step} We'll have your order ready."
    said = with_step_said(case, "Give us your prescription number and we'll release it.")
    assert said is not None and "date of birth" in said and said.endswith(").")


def test_the_items_saying_the_number_is_enough_are_edited_and_the_rest_kept() -> None:
    facts = _facts()
    items = [
        kb_item("collect", MACRO, kind="macro"),
        kb_item("how", ARTICLE),
        kb_item("ready", OTHER, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:collect", "article:how"}
    case = given_enough(facts)
    assert case is not None
    macro = TemplateDrafter().edit(facts, impacts["macro:collect"])
    assert macro.new_body == MACRO.replace(
        ": there's nothing else you need to bring.", f". {case.step}"
    )
    article = TemplateDrafter().edit(facts, impacts["article:how"])
    assert article.new_body == ARTICLE.replace("That's all we need: we'll", f"{case.step} We'll")


def test_the_note_says_the_way_for_those_the_step_turns_away() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "a call from the pharmacist" in note.customer_impact


def _with(facts: ChangeFacts, **changed: object) -> ChangeFacts:
    return ChangeFacts(**{**facts.__dict__, **changed})


def test_a_claim_ended_by_a_comma_takes_only_its_clause() -> None:
    case = given_enough(_facts())
    assert case is not None
    said = with_step_said(
        case, "Quote your prescription number, that is all you need, so we can post it to you."
    )
    assert said == f"Quote your prescription number. {case.step} We can post it to you."


def test_a_question_is_not_turned_into_a_statement() -> None:
    case = given_enough(_facts())
    assert case is not None
    assert with_step_said(case, "Could you send us the prescription number to collect it?") is None


def test_what_the_old_rule_asked_for_stops_before_a_verb_and_is_named_by_its_stems() -> None:
    old = OLD.replace("gives a prescription number can", "gives a barcode can")
    rules = [Rule("H1", "sentence_changed", "Collections", old, STEP, "sentence changed")]
    case = given_enough(_with(_facts(), rules=rules))
    assert case is not None and case.thing == "barcode"
    body = "Bring the barcodes on your phone. All you need is the screen: we'll find the bag."
    assert given_enough_marks(case, units(body), "Collecting with a barcode") == [1]


def test_the_failed_way_is_the_condition_said_of_the_step_not_a_later_rule() -> None:
    facts = _facts()
    later = "When the shelf has no stock, say when the delivery is due."
    next_one = "If no bench is free, ask them to stand by the door."
    for section in ([STEP, SECTION[1], later], [STEP, next_one, FAILED]):
        said = failed_step_rule(_with(facts, prompt_sections={"C": section}), STEP)
        assert said == (FAILED if FAILED in section else None)


def test_a_drafting_model_is_told_the_step_and_the_failed_way_and_held_to_it() -> None:
    facts = _facts()
    told = "\n".join(draft_facts(facts))
    case = given_enough(facts)
    assert case is not None and case.step in told and FAILED in told
    template = TemplateDrafter().note(facts, [], None).text()
    kept = "Patients now confirm their date of birth first; if not, a pharmacist calls them."
    assert note_values_missing(facts, kept, template) == []
    lost = "Patients now confirm their date of birth first before the order is released."
    assert any("when the new step fails" in p for p in note_values_missing(facts, lost, template))


def test_the_other_bytes_of_the_unit_are_kept() -> None:
    case = given_enough(_facts())
    assert case is not None
    raw = "- Bring your card  with you, that's all we need:\n  we'll find it.\n"
    assert with_step_said(case, raw) == f"- Bring your card  with you. {case.step} We'll find it.\n"
