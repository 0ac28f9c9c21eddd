"""A value the prompt glosses in other words is the old value wherever the KB says only the
gloss. A tailor's assistant promised every alteration "within 10 working days (a fortnight)";
now a suit fitting (lookup_alteration.kind = suit) goes to the master tailor and takes "20
working days (four weeks)". The suit macro says "in about a fortnight": the prompt itself
says that is the old promise, though a fortnight is not 10 working days by arithmetic. It
takes the new gloss in its own words ("about four weeks"); a sentence on another topic that
happens to say a fortnight ("we keep your measurements for a fortnight") stays. An insurer's
claims, paid "within 10 business days (two weeks)", now "within 15 business days": with no
new gloss, "in about two weeks" is flagged for a writer, never guessed."""

from __future__ import annotations

import asyncio
import json

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.categories import category_moves, rewrite_category
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.glosses import prompt_gloss
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import (
    RuleMove,
    rewrite_sentence,
    rule_moves,
    states_old_rule,
    where_stated,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import stem
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.kit import kb_item

OLD = (
    "Every alteration, whether a hem, a zip or a suit fitting, is ready to collect within 10 "
    "working days (a fortnight) of the fitting appointment."
)
KEPT = "Hems and zips are ready to collect within 10 working days (a fortnight) of the appointment."
NEIGHBOUR = "We text the customer when it's ready."
ADDED = (
    "Suit fittings now go to our master tailor, so a suit is ready to collect within 20 working "
    "days (four weeks) of the fitting appointment."
)


def _category_move(added: str = ADDED) -> RuleMove:
    rules = [
        Rule("H1", "sentence_changed", "Alterations", OLD, KEPT, "sentence changed"),
        Rule("H2", "sentence_changed", "Alterations", NEIGHBOUR, added, "sentence changed"),
    ]
    [move] = category_moves(
        rules,
        {
            "H1": {
                "kind": "sentence_changed",
                "section": "Alterations",
                "file": "s.md",
                "old": OLD,
            },
            "H2": {
                "kind": "sentence_changed",
                "section": "Alterations",
                "file": "s.md",
                "old": NEIGHBOUR,
            },
        },
        {"Alterations": [KEPT, added, "We text the customer when the alteration is ready."]},
        [
            Condition.from_dict(
                {
                    "text": "lookup_alteration.kind = suit",
                    "atoms": [{"feature": "lookup_alteration.kind", "op": "=", "value": "suit"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 10},
                }
            )
        ],
        [Promise("duration", "10 business days", "alteration")],
        [Promise("duration", "20 business days", "alteration")],
    )
    return move


@pytest.mark.parametrize(
    ("old_sentence", "new_sentence", "old", "new", "glossed"),
    [
        # the gloss after the value, hedged or not; after a bare number's unit
        (
            "ready within 10 working days (a fortnight).",
            "ready within 20 working days (four weeks).",
            "10 working days",
            "20 working days",
            ("a fortnight", "four weeks"),
        ),
        (
            "paid within 5 business days (about a week).",
            "paid within 10 business days (about two weeks).",
            "5 business days",
            "10 business days",
            ("a week", "two weeks"),
        ),
        (
            "paid within 10 business days (two weeks).",
            "paid within 15 business days (three weeks).",
            "10",
            "15",
            ("two weeks", "three weeks"),
        ),
        # the value in brackets after the gloss
        (
            "answered in a fortnight (10 working days).",
            "answered in a month (20 working days).",
            "10 working days",
            "20 working days",
            ("a fortnight", None),
        ),
        # no new gloss: the new value itself where it is in the gloss's measure
        (
            "back within 1 working day (24 hours).",
            "back within 2 working days.",
            "1 working day",
            "2 working days",
            ("24 hours", None),
        ),
        (
            "within 3 working days (72 hours).",
            "within 3 working days (48 hours).",
            "3 working days",
            "2 working days",
            ("72 hours", None),
        ),
    ],
)
def test_the_prompt_glosses_a_value_in_brackets(
    old_sentence: str,
    new_sentence: str,
    old: str,
    new: str,
    glossed: tuple[str, str | None],
) -> None:
    gloss = prompt_gloss(old, new, old_sentence, new_sentence, where_stated)
    assert gloss is not None
    assert (gloss.old.plain, gloss.new.plain if gloss.new else None) == glossed


@pytest.mark.parametrize(
    ("old_sentence", "old"),
    [
        ("refunded within 48 hours (two days).", "48 hours"),  # the same amount: no gloss
        # another amount of the value's own measure is another value, not a gloss
        ("refunded within 14 days (30 days).", "14 days"),
        ("refunded within 10 business days (15 business days).", "10"),
        ("refunded within 3 working days.", "3 working days"),
        ("refunded within 3 working days (Monday to Friday).", "3 working days"),
    ],
)
def test_no_gloss_where_the_brackets_say_no_other_amount(old_sentence: str, old: str) -> None:
    assert prompt_gloss(old, "5 working days", old_sentence, "", where_stated) is None


def test_a_sentence_stating_only_the_gloss_states_the_old_rule_on_its_topic() -> None:
    move = _category_move()
    assert (move.old, move.new, move.category) == ("10 working days", "20 working days", "suit")
    assert states_old_rule(move, "It'll be ready to collect in about a fortnight.")
    # the gloss on another topic, or the new gloss beside it, is not the old rule
    assert not states_old_rule(move, "We keep your measurements on file for a fortnight.")
    assert not states_old_rule(move, "It'll be ready in about a fortnight (four weeks for suits).")


def test_the_gloss_takes_the_new_gloss_in_the_kbs_words() -> None:
    move = _category_move()
    nouns = {stem("alteration")}
    # an item about suits alone: the new gloss in place
    assert rewrite_category(
        move, "It'll be ready to collect in about a fortnight.", None, nouns, alone=True
    ) == ("It'll be ready to collect in about four weeks.")
    # any other: the suit's gloss beside the old one
    assert rewrite_category(
        move, "Alterations are ready to collect in about a fortnight.", None, nouns
    ) == (f"Alterations are ready to collect in about a fortnight (four weeks {move.scope}).")


def test_with_no_new_gloss_the_gloss_is_left_to_a_writer() -> None:
    move = _category_move(ADDED.replace(" (four weeks)", ""))
    raw = "It'll be ready to collect in about a fortnight."
    assert states_old_rule(move, raw)
    assert rewrite_category(move, raw, None, alone=True) is None


# a value move of the whole rule -------------------------------------------------------------

CLAIMS_OLD = (
    "Approved claims are paid into the customer's account within 10 business days (two weeks) "
    "of approval."
)
CLAIMS_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: your claim is approved. The money will "
    "be paid into your account in about two weeks.\n\nWe keep copies of your documents for two "
    "weeks.\n\nBest,\n{{current_user.first_name}}"
)


def _claims_facts(new: str) -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="claims: 10 business days → 15 business days",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag:claims",
                    "atoms": [{"feature": "tag:claims", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[Rule("H1", "sentence_changed", "Claims", CLAIMS_OLD, new, "sentence changed")],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _claims_edit(new: str) -> tuple[list[str], str | None, str]:
    facts = _claims_facts(new)
    [impact] = [
        impact
        for impact in rank_items(facts, KnowledgeBase([kb_item("paid", CLAIMS_MACRO, "macro")]))
        if impact.affected
    ]
    edit = TemplateDrafter().edit(facts, impact)
    return [c.sentence for c in impact.conflicts], edit.new_body, edit.rationale


def test_a_gloss_the_new_prompt_moves_too_is_rewritten_once() -> None:
    conflicts, body, _ = _claims_edit(
        CLAIMS_OLD.replace("10 business days (two weeks)", "15 business days (three weeks)")
    )
    assert conflicts == ["The money will be paid into your account in about two weeks."]
    assert body == CLAIMS_MACRO.replace("in about two weeks", "in about three weeks")


def test_a_gloss_the_new_prompt_drops_is_flagged_not_guessed() -> None:
    new = CLAIMS_OLD.replace("10 business days (two weeks)", "15 business days")
    conflicts, body, rationale = _claims_edit(new)
    # "two weeks" of the documents is another topic
    assert conflicts == ["The money will be paid into your account in about two weeks."]
    assert body is None and "a writer should restate it" in rationale
    [move] = _claims_facts(new).moves
    assert rewrite_sentence(move, conflicts[0]) is None


# the drafting model gets the same facts and checks -------------------------------------------

SUIT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour suit is booked in with our tailor.\n\nIt'll be "
    "ready to collect in about a fortnight.\n\n{{current_user.first_name}}"
)


def _suit_facts() -> ChangeFacts:
    move = _category_move()
    facts = ChangeFacts(
        id="C1",
        title="alteration: 10 business days → 20 business days for suits",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup_alteration.kind = suit",
                    "atoms": [{"feature": "lookup_alteration.kind", "op": "=", "value": "suit"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 10},
                }
            )
        ],
        others=10,
        rules=[Rule("H2", "sentence_changed", "Alterations", NEIGHBOUR, ADDED, "changed")],
    )
    facts.moves = [move]
    return facts


def _prompt(request: ChatRequest) -> str:
    return "\n".join(str(message["content"]) for message in request.messages)


def test_the_template_and_the_model_rewrite_the_gloss_alike() -> None:
    facts = _suit_facts()
    kb = KnowledgeBase([kb_item("suits", SUIT_MACRO, "macro", title="Suits::Booked in")])
    [impact] = [impact for impact in rank_items(facts, kb) if impact.affected]
    template_edit = TemplateDrafter().edit(facts, impact)
    fixed = SUIT_MACRO.replace("about a fortnight", "about four weeks")
    assert template_edit.new_body == fixed
    assert "writes “four weeks” for “a fortnight”" in template_edit.rationale

    kept = SUIT_MACRO.replace("in about a fortnight", "in roughly a fortnight")
    model = FakeChatModel(
        [
            json.dumps({"new_body": body, "rationale": "Says the new time."})
            for body in (kept, fixed)
        ],
        default=None,
    )
    drafter = LLMDrafter(model, "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [impact], None))
    grounding = Grounding([facts.corpus(), impact.item.body, fixed])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    prompt = _prompt(model.requests[0])
    assert "the old prompt glosses 10 working days as “a fortnight”" in prompt
    assert "write “four weeks” (the new prompt's words) in their place" in prompt
    # the model's reworded gloss still says the old promise: refused, the fixed one kept
    assert "It'll be ready to collect in roughly a fortnight." in _prompt(model.requests[1])
    assert failure == "" and edit.new_body == fixed
