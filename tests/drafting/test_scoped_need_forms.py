"""A requirement added for part of a range, said the other common ways ("you'll have to send us
X first", "once we have X, we …", "X must reach us before …", "ask them to send X first"), and
the rest of its process said after it (what we send, what we ask for, what the customer is told,
in the KB's voice and without the agent's tools), but not a step for every case that follows it.
A made-up case: an aquarium shop refunding fish that died within a week of delivery; fish that
cost more than £40 now need a photo first."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.nextsteps import next_steps
from behaviordiff.drafting.scopedneed import scoped_need
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "Refund fish that died within 7 days straight away with `refund_livestock`."
KEPT = "If the fish cost £40 or less, refund them straight away with `refund_livestock`."
PROCESS = (
    "If they cost more than £40, we need a photo of the fish before we refund: email the upload "
    "form with `send_photo_form` and don't refund yet."
)
STEPS = [
    "Ask for a photo that shows the tank's thermometer, and tell the customer we refund within "
    "2 working days of getting the photo.",
    "Tell the customer refunds reach their card within 5 days.",
]
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI'm so sorry about your fish. There's no need to "
    "send us a photo: we trust you.\n\nAll the best,\nThe fish room"
)


def _rules(added: str) -> list[Rule]:
    return [
        Rule("H2", "sentence_added", "Fish that died", None, added, "…"),
        Rule("H1", "sentence_changed", "Fish that died", OLD, KEPT, "…"),
    ]


@pytest.mark.parametrize(
    ("added", "what", "statement"),
    [
        (
            "If they cost more than £40, you'll have to send us a photo of the fish first.",
            "a photo of the fish",
            "If the fish cost more than £40, you'll have to send us a photo of the fish first.",
        ),
        (
            "If they cost more than £40, the customer must send a photo before we refund.",
            "a photo",
            "If the fish cost more than £40, you must send a photo before we refund.",
        ),
        (
            "If they cost more than £40, once we have a photo, we refund them.",
            "a photo",
            "If the fish cost more than £40, once we have a photo, we refund them.",
        ),
        (
            "If they cost more than £40, a photo of the tank must reach us before we refund.",
            "a photo of the tank",
            "If the fish cost more than £40, a photo of the tank must reach us before we refund.",
        ),
        (
            "If they cost more than £40, ask the customer to send a photo first.",
            "a photo",
            "If the fish cost more than £40, we'll ask you to send a photo first.",
        ),
    ],
)
def test_each_common_form_of_a_requirement_is_read(added: str, what: str, statement: str) -> None:
    need = scoped_need(_rules(added))
    assert need is not None
    assert (need.what, need.noun, need.tool) == (what, "photo", "refund_livestock")
    assert need.rest == "if the fish cost £40 or less"
    assert need.statement == statement


def test_a_tool_in_the_requirement_or_no_number_in_its_case_is_no_requirement() -> None:
    assert scoped_need(_rules("If they cost more than £40, call `send_photo_form` first.")) is None
    assert scoped_need(_rules("If they are rare, you'll have to send us a photo first.")) is None


def test_the_rest_of_the_process_is_said_without_tools_or_a_step_for_every_case() -> None:
    rules = _rules(PROCESS)
    steps = next_steps(rules, {"Fish that died": [KEPT, PROCESS, *STEPS]})
    assert steps == {PROCESS: STEPS}
    need = scoped_need(rules, steps)
    assert need is not None
    assert need.process == (
        "We'll email you the upload form, ask you for a photo that shows the tank's "
        "thermometer, and refund within 2 working days of getting the photo."
    )
    assert "5 days" not in need.said and "`" not in need.said
    # the sentence itself alone: what it says after the requirement
    alone = scoped_need(rules)
    assert alone is not None and alone.process == "We'll email you the upload form."


def _facts() -> ChangeFacts:
    rules = _rules(PROCESS)
    return ChangeFacts(
        id="C1",
        title="now calls send_photo_form",
        kind="actions",
        facets=["actions"],
        probe_ids=["fish-55", "fish-90"],
        after_actions=[ActionFact("send_photo_form")],
        before_actions=[ActionFact("refund_livestock")],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "order.fish_value", "op": ">", "value": 40}]}
            )
        ],
        rules=rules,
        excerpts=[Excerpt(probe_id="fish-55", old="Refunded.", new="Form sent.")],
        others=4,
        next_steps=next_steps(rules, {"Fish that died": [KEPT, PROCESS, *STEPS]}),
    )


def test_the_edit_and_the_model_fact_say_the_whole_process() -> None:
    facts = _facts()
    item = KnowledgeItem("macro", "1", "Livestock::Fish died", MACRO, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body == MACRO.replace(
        "There's no need", "If the fish cost £40 or less, there's no need"
    ).replace(
        "we trust you.",
        "we trust you. If the fish cost more than £40, we need a photo of the fish before we "
        "refund. We'll email you the upload form, ask you for a photo that shows the tank's "
        "thermometer, and refund within 2 working days of getting the photo.",
    )
    said = " ".join(draft_facts(facts))
    assert "refund within 2 working days of getting the photo" in said
