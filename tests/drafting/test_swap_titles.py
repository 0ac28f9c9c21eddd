"""A word argument of the same tool swapped is titled by what the customer now gets against
what they got, in the prompt's words for the values, and a condition's category value is said
as the prompt writes it: a courier whose Saturday delivery is withdrawn for one zone
(`book_delivery` slot saturday → weekday, zone = scottish_highlands_islands), a gym whose class
booking swaps (`book_class` studio main_hall → annex) for one membership type. None of these is
the domain of a scenario."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import (
    ActionFact,
    ChangeFacts,
    FacetShift,
    Rule,
    condition_words,
)
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.plaintitle import tool_in_title
from behaviordiff.drafting.swaptitle import swap_title, swap_title_problems, word_swap
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.valuewords import prompt_phrase
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

_COURIER_RULE = (
    "If the zone is far_north_isles, don't book a Saturday slot: call `book_delivery` with "
    'slot "weekday" and explain that Saturday delivery doesn\'t reach the Far North and Isles.'
)


def _zone(feature: str, value: str) -> Condition:
    return Condition.from_dict(
        {
            "text": f"{feature} = {value}",
            "atoms": [{"feature": feature, "op": "=", "value": value}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 6},
        }
    )


def _facts(tool: str, key: str, old: str, new: str, condition: Condition, rule: str) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=f"now calls {tool}({key}={new})",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact(tool, ((key, old),))],
        after_actions=[ActionFact(tool, ((key, new),))],
        conditions=[condition],
        others=6,
        rules=[Rule("H1", "sentence_added", "Delivery", None, rule, "sentence added")],
    )


def _courier() -> ChangeFacts:
    facts = _facts(
        "book_delivery",
        "slot",
        "saturday",
        "weekday",
        _zone("zone", "far_north_isles"),
        _COURIER_RULE,
    )
    # a customer asking for Saturday delivery there is now refused
    facts.shifts = [FacetShift("refusal", "added", ("p1",), 3, "Booked.", "Sorry, we can't.")]
    return facts


def test_a_category_value_is_said_in_the_prompts_words() -> None:
    facts = _courier()
    assert facts.when() == "conversations where zone is the Far North and Isles"
    assert "far north isles" not in facts.who()
    # with no prompt naming it otherwise, the value's own words
    atoms = facts.conditions[0].atoms
    assert condition_words(atoms) == "conversations where zone is far north isles"


def test_a_prompt_phrase_keeps_articles_and_hyphens_and_skips_the_bare_value() -> None:
    texts = ["Book an off_peak slot: off-peak sessions run until 4pm at the Annex."]
    assert prompt_phrase("off_peak", texts) == "off-peak"
    assert prompt_phrase("annex", texts) is None  # only case differs: the value's words stand
    assert prompt_phrase("main_hall", texts) is None  # not written in the prompt
    assert prompt_phrase("far_north_isles", [_COURIER_RULE]) == "the Far North and Isles"


def test_a_swapped_word_argument_is_titled_by_what_the_customer_gets() -> None:
    facts = _courier()
    title = TemplateDrafter().note(facts, [], None).title
    assert title == (
        "Saturday delivery no longer offered for conversations where zone is the Far North "
        "and Isles (weekday delivery instead)"
    )
    assert tool_in_title(facts, title) == []
    assert tool_in_title(facts, "Now calls `book_delivery` with weekday")
    assert swap_title_problems(facts, "Weekday instead of saturday book delivery")


def test_a_gym_class_swap_names_both_studios() -> None:
    rule = "Off-peak members can't use the main hall: book their classes in the Annex studio."
    facts = _facts(
        "book_class", "studio", "main_hall", "annex", _zone("pass_type", "off_peak"), rule
    )
    swap = word_swap(facts)
    assert swap is not None and swap.thing == "class"
    # nothing refused: the class moved, no offer withdrawn
    assert swap_title(facts, " for off-peak members") == (
        "Class now annex instead of main hall for off-peak members"
    )
    assert facts.when() == "conversations where pass type is off-peak"
    facts.conditions = [_zone("membership", "off_peak")]
    assert facts.when() == "off-peak customers"
    facts.rules[0] = Rule(
        "H1", "sentence_added", "Passes", None, "On an off-peak pass, book the annex.", "added"
    )
    assert facts.when() == "off-peak customers"  # no "an off-peak customers"


def test_no_swap_title_for_another_tool_or_a_number() -> None:
    facts = _courier()
    facts.after_actions = [ActionFact("refund_delivery", (("slot", "weekday"),))]
    assert word_swap(facts) is None
    facts = _courier()
    facts.after_actions = [ActionFact("book_delivery", (("slot", "2"),))]
    assert word_swap(facts) is None


def test_a_drafting_model_gets_the_swap_and_its_title_is_checked() -> None:
    facts = _courier()
    note = TemplateDrafter().note(facts, [], None)
    assert swap_title_problems(facts, note.title) == []
    assert swap_title_problems(facts, "Now books a weekday delivery for the Far North")
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")
    answers = iter(
        [
            {**{key: getattr(note, key) for key in keys}, "title": "Weekday slot now used"},
            {key: getattr(note, key) for key in keys},
        ]
    )

    def answer(request: ChatRequest) -> str:
        return json.dumps(next(answers))

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), note.text()])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [], grounding, None))
    prompts = ["\n".join(str(m["content"]) for m in r.messages) for r in model.requests]
    assert "customers now get weekday delivery instead of saturday delivery" in prompts[0]
    assert "the title does not say saturday" in prompts[1]
    assert draft.note.origin == "llm" and draft.note.title == note.title
