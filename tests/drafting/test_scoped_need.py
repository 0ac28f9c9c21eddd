"""A requirement the new prompt adds before an action for part of a range ("If it is worth more
than $500, we need the serial number before we issue a label") beside the rest of the range kept
as it was ("If the order is worth $500 or less, issue the return label straight away"): the KB
sentences saying it is not needed, or that the action is taken at once, keep their claim for the
rest of the range and the item says what the scoped part now needs; a table row says both parts
in its cells, or is flagged when the table has no column for what is needed; the same words on
other topics stay. A made-up case: an electronics shop's returns."""

from __future__ import annotations

import asyncio

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.scopedneed import (
    says_at_once,
    says_not_needed,
    scoped_edit,
    scoped_need,
    scoped_need_unsaid,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD = "Issue the return label straight away with `issue_return_label` for the `order_id`."
KEPT = (
    "If the order is worth $500 or less, issue the return label straight away with "
    "`issue_return_label` for the `order_id`."
)
ADDED = (
    "If it is worth more than $500, we need the serial number before we issue a label: send "
    "the form with `request_serial` and don't issue a label yet."
)
RETURNS = """# Returning a device

1. Tell us your order number.
2. We issue your return label straight away. You don't need to give us the serial number.
3. Drop the parcel at any post office.

## Warranty repairs

Please send us the serial number and a photo of the fault, and we'll book a repair.
"""
LABEL = (
    "Hi {{ticket.requester.first_name}},\n\nYour return label is attached. There's no need to "
    "send us the serial number: we trust you.\n\nThe team"
)
GLANCE = """# Returns at a glance

| What's happened | What we need | What we do |
| --- | --- | --- |
| You changed your mind | Nothing, just tell us | Issue a return label straight away |
| It stopped working | The serial number | Book a repair |
"""
SHIPPING = (
    "Hi {{ticket.requester.first_name}},\n\nShipping is free on orders over $500, and we "
    "dispatch straight away.\n\nThe team"
)


def _rules() -> list[Rule]:
    return [
        Rule("H2", "sentence_added", "Returns", None, ADDED, "…"),
        Rule("H3", "tool_added", None, None, None, "tool request_serial added", "Ask."),
        Rule("H1", "sentence_changed", "Returns", OLD, KEPT, "…"),
    ]


def _item(kind: str, title: str, body: str) -> KnowledgeItem:
    return KnowledgeItem(kind, title.lower(), title, body, "markdown", "kb", title)  # type: ignore[arg-type]


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls request_serial",
        kind="actions",
        facets=["actions"],
        probe_ids=["return-620", "return-900"],
        after_actions=[ActionFact("request_serial")],
        before_actions=[ActionFact("issue_return_label")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "order.value", "op": ">", "value": 500}]})
        ],
        rules=_rules(),
        excerpts=[Excerpt(probe_id="return-620", old="Label sent.", new="Form sent.")],
        others=5,
    )


def test_the_scoped_requirement_and_the_rest_of_the_range_are_read_from_the_pair() -> None:
    need = scoped_need(_rules())
    assert need is not None
    assert (need.what, need.noun, need.tool) == (
        "the serial number",
        "number",
        "issue_return_label",
    )
    assert need.rest == "if the order is worth $500 or less"
    # the pronoun is read as the other case's subject
    assert need.statement == (
        "If the order is worth more than $500, we need the serial number before we issue a label."
    )
    # with no kept case beside it, it is no requirement for part of a range
    assert scoped_need(_rules()[:2]) is None


def test_not_needed_and_at_once_sentences_are_found_and_other_topics_are_not() -> None:
    need = scoped_need(_rules())
    assert need is not None
    assert says_not_needed(need, "You don't need to give us the serial number.")
    assert says_not_needed(need, "There's no need to send us the serial number: we trust you.")
    assert says_at_once(need, "We issue your return label straight away.")
    assert not says_not_needed(need, "Please send us the serial number and a photo of the fault.")
    assert not says_at_once(
        need, "Shipping is free on orders over $500, and we dispatch straight away."
    )


def test_each_sentence_is_said_for_the_rest_of_the_range_and_the_new_part_follows() -> None:
    need = scoped_need(_rules())
    assert need is not None
    marked = {
        "We issue your return label straight away.",
        "You don't need to give us the serial number.",
    }
    assert scoped_edit(RETURNS, need, marked) == RETURNS.replace(
        "2. We issue your return label straight away. You don't need to give us the serial number.",
        "2. If the order is worth $500 or less, we issue your return label straight away. In that "
        "case, you don't need to give us the serial number. If the order is worth more than $500, "
        "we need the serial number before we issue a label. We'll send you the form.",
    )
    # a table row says both parts in its own cells
    row = "| You changed your mind | Nothing, just tell us | Issue a return label straight away |"
    assert scoped_edit(GLANCE, need, {row}) == GLANCE.replace(
        row,
        "| You changed your mind | Nothing if it is worth $500 or less; the serial number if it "
        "is worth more than $500; tell us | Issue a return label straight away if it is worth "
        "$500 or less |",
    )
    # a table with no column for what is needed cannot say it: no text
    bare = "| Problem | What we do |\n| --- | --- |\n| Changed your mind | Label straight away |\n"
    assert scoped_edit(bare, need, {"| Changed your mind | Label straight away |"}) is None


def test_the_kb_is_edited_the_row_flagged_and_the_traps_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            _item("article", "Returning a device", RETURNS),
            _item("macro", "Returns::Label sent", LABEL),
            _item("article", "Returns at a glance", GLANCE),
            _item("macro", "Shipping::Free over 500", SHIPPING),
        ]
    )
    impacts = rank_items(facts, knowledge)
    edits = {
        impact.item.title: TemplateDrafter().edit(facts, impact)
        for impact in impacts
        if impact.affected
    }
    assert edits["Returns::Label sent"].new_body == LABEL.replace(
        "There's no need",
        "If the order is worth $500 or less, there's no need",
    ).replace(
        "we trust you.",
        "we trust you. If the order is worth more than $500, we need the serial number before we "
        "issue a label. We'll send you the form.",
    )
    article = edits["Returning a device"].new_body
    assert article is not None and "If the order is worth $500 or less, we issue" in article
    assert "Please send us the serial number and a photo of the fault" in article
    glance = edits["Returns at a glance"].new_body
    assert (
        glance is not None
        and "| It stopped working | The serial number | Book a repair |" in glance
    )
    assert "Issue a return label straight away if it is worth $500 or less |" in glance
    assert "Shipping::Free over 500" not in edits


# the drafting model's path: the same facts, and the same check --------------------------------


def test_the_model_is_told_the_scoped_requirement_not_a_requirement_for_everyone() -> None:
    facts = _facts()
    said = draft_facts(facts)
    assert any("only for part of the range" in fact for fact in said)
    assert not any("text saying it is not needed says that it is" in fact for fact in said)
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([_item("macro", "Returns::Label sent", LABEL)]))
        if i.affected
    )
    model = FakeChatModel(default=None, responder=lambda request: "not json")
    template = TemplateDrafter()
    note = template.note(facts, [impact], None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), LABEL])
    asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    prompts = ["\n".join(str(m["content"]) for m in r.messages) for r in model.requests]
    assert prompts and all("only for part of the range" in prompt for prompt in prompts)


def test_the_check_refuses_the_old_way_or_no_requirement_and_passes_the_template() -> None:
    facts = _facts()
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([_item("macro", "Returns::Label sent", LABEL)]))
        if i.affected
    )
    template_body = TemplateDrafter().edit(facts, impact).new_body
    assert template_body is not None

    def check(body: str) -> list[str]:
        return scoped_need_unsaid(facts.rules, impact.conflicts, LABEL, body)

    assert check(template_body) == []
    # the old sentence kept for the whole range
    assert check(LABEL.replace("The team", "Thanks,\nThe team"))[0].endswith(
        "what the scoped part now needs"
    )
    # scoped to the rest of the range, but the new part's requirement never said
    only_rest = LABEL.replace(
        "There's no need", "If the order is worth $500 or less, there's no need"
    )
    assert check(only_rest)[0].startswith("the new body does not say")
