"""A charge waived for a group past one line: a made-up leisure pool charged "$6 for every
swimmer" with "no concessions"; now "Swimmers aged 65 or over swim free" (`swimmer_age >= 65`:
`book_swim` price 6 -> 0), everyone else paying $6 as before. A KB sentence or table cell giving
the $6 swim with a claim that everyone pays it keeps the $6 and says the exemption beside it;
"There are no concessions" says there are no other ones. The $6 locker (the same amount, with
its own "for every visit") and the opening hours stay; a $6 swim said without a claim gets the
exemption beside it too. A ferry
whose under-4s now travel free (an upper line, `passenger_age < 4`) reads the same way."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.drafters import _EDITED_BODY_CHECKS, LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.waivedgroup import _narrowed, still_charged_to_all, waived_group
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

OLD_FEE = "A swim costs $6 for every swimmer."
NEW_FEE = "A swim costs $6 for swimmers under 65."
OLD_NONE = "There are no concessions."
NEW_FREE = (
    "Swimmers aged 65 or over swim free: book it with a price of 0 and tell them swimmers aged "
    "65 and over don't pay."
)
LOCKER = "Locker hire costs $6 for every visit, paid at the desk."
HOURS = "The pool is open 6am to 9pm every day."

SWIM = (
    "Hello {{ticket.requester.first_name}},\n\nYour swim is booked. A swim costs $6 for every "
    "swimmer. Please arrive 10 minutes early.\n\nBayside Pool"
)
LOCKERS = (
    "Hello {{ticket.requester.first_name}},\n\nLocker hire costs $6 for every visit, paid at "
    "the desk.\n\nBayside Pool"
)
PRICES = (
    "# Swimming prices\n\nSwims cost $6 for everyone, whatever your age. There are no "
    "concessions.\n\nThe pool is open 6am to 9pm every day.\n\n"
    "| What | Price |\n| --- | --- |\n| Swim | $6 for every swimmer |\n"
    "| Locker | $6 for every visit |\n"
)
BOOKING = "# Booking a swim\n\nBook online or at the desk. A swim costs $6 and lasts an hour.\n"


def _facts(
    *,
    variable: str = "swimmer_age",
    op: str = ">=",
    line: float = 65,
    rules: tuple[tuple[str, str], ...] = ((OLD_FEE, NEW_FEE), (OLD_NONE, NEW_FREE)),
    others: tuple[str, ...] = (LOCKER, HOURS),
    amount: float = 6.0,
) -> ChangeFacts:
    """An actions change C1 on four probes (of 14): `book_swim` price `amount` -> 0 where
    `variable op line` (and the tag), the prompt's `rules` (old, new) and `others` sentences."""
    condition = Condition.from_dict(
        {
            "text": f"{variable} {op} {line:g} and tag swim",
            "atoms": [
                {"feature": variable, "op": op, "value": line},
                {"feature": "tag:swim", "op": "tag"},
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    action = ActionFact("book_swim")
    probes = ("p1", "p2", "p3", "p4")
    sentences = [new for _, new in rules] + list(others)
    return ChangeFacts(
        id="C1",
        title="book_swim: price 6 → 0",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(probes),
        after_actions=[action],
        conditions=[condition],
        rules=[
            Rule(f"H{at}", "sentence_changed", "Prices", old, new, "…")
            for at, (old, new) in enumerate(rules, start=1)
        ],
        excerpts=[Excerpt(probe_id="p1", old="That's $6.", new="That's free.")],
        others=10,
        moved=[MovedValue(action, "price", tuple((p, amount, 0.0) for p in probes))],
        prompt_sections={"Prices": sentences},
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Swims::Booked", SWIM, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Lockers::Hire", LOCKERS, "text", "kb", "m"),
            KnowledgeItem("article", "3", "Swimming prices", PRICES, "markdown", "kb", "a"),
            KnowledgeItem("article", "4", "Booking a swim", BOOKING, "markdown", "kb", "a"),
        ]
    )


def test_the_charge_keeps_its_amount_and_says_who_no_longer_pays_it() -> None:
    facts = _facts()
    waived = waived_group(facts)
    assert waived is not None and waived.group == "Swimmers aged 65 or over"
    impacts = {i.item.key: i for i in rank_items(facts, _kb())}
    drafter = TemplateDrafter()
    swim = drafter.edit(facts, impacts["macro:1"]).new_body
    assert swim == SWIM.replace(
        "A swim costs $6 for every swimmer.",
        "A swim costs $6 per swimmer (free for swimmers aged 65 or over).",
    )
    prices = drafter.edit(facts, impacts["article:3"]).new_body
    assert prices == PRICES.replace(
        "Swims cost $6 for everyone, whatever your age. There are no concessions.",
        "Swims cost $6 (free for swimmers aged 65 or over). There are no other concessions.",
    ).replace(
        "| Swim | $6 for every swimmer |",
        "| Swim | $6 per swimmer; free for swimmers aged 65 or over |",
    )
    # the same amount on another topic stays; the charge said without a claim gets the
    # exemption too (it said the charge for everyone all the same)
    assert "macro:2" not in impacts or not impacts["macro:2"].conflicts
    booking = drafter.edit(facts, impacts["article:4"]).new_body
    assert booking == BOOKING.replace(
        "A swim costs $6 and lasts an hour.",
        "A swim costs $6 and lasts an hour (free for swimmers aged 65 or over).",
    )


def test_a_denial_alone_gets_the_exemption_before_it() -> None:
    facts = _facts()
    body = "# Concessions\n\nThere are no concessions on swimming.\n"
    kb = KnowledgeBase(
        [KnowledgeItem("article", "5", "Swim concessions", body, "markdown", "kb", "a")]
    )
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    said = TemplateDrafter().edit(facts, impact).new_body
    assert said == body.replace(
        "There are no concessions on swimming.",
        "Swimmers aged 65 or over swim free. There are no other concessions on swimming.",
    )


def test_an_upper_line_and_a_group_named_by_a_condition() -> None:
    old = "A foot passenger ticket costs €12 for each passenger."
    new = "A foot passenger ticket costs €12 for passengers aged 4 and over."
    free = "If the passenger is under 4, they travel free: issue the ticket at 0."
    facts = _facts(
        variable="passenger_age",
        op="<",
        line=4,
        rules=((old, new), ("", free)),
        others=("A bike costs €12 for each crossing.",),
        amount=12.0,
    )
    waived = waived_group(facts)
    assert waived is not None and waived.group == "If the passenger is under 4"
    body = (
        "Hello,\n\nA foot passenger ticket costs €12 for each passenger.\n\n"
        "A bike costs €12 for each crossing.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("macro", "9", "Tickets::Foot", body, "text", "kb", "m")])
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    said = TemplateDrafter().edit(facts, impact).new_body
    assert said == body.replace(
        "€12 for each passenger.", "€12 per passenger (free if the passenger is under 4)."
    )


def test_an_instruction_naming_the_group_is_no_group() -> None:
    told = "Tell swimmers aged 65 or over the swim is free."
    assert waived_group(_facts(rules=((OLD_FEE, NEW_FEE), (OLD_NONE, told)))) is None


def test_a_drafting_model_gets_the_fact_and_an_edit_keeping_the_claim_falls_back() -> None:
    facts = _facts()
    assert any("free for swimmers aged 65 or over" in said for said in draft_facts(facts))
    assert any(check is still_charged_to_all for check, _ in _EDITED_BODY_CHECKS)
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:1")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            kept = SWIM.replace(
                "Please arrive", "Swimmers aged 65 or over swim free. Please arrive"
            )
            return json.dumps({"new_body": kept, "rationale": "Added the exemption."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed


def test_a_claim_going_on_into_its_noun_phrase_is_flagged_not_rewritten() -> None:
    facts = _facts()
    body = "Hello,\n\nSwims cost $6 for all swimmers over 18 years, paid at the desk.\n"
    kb = KnowledgeBase([KnowledgeItem("macro", "7", "Swims::Adults", body, "text", "kb", "m")])
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None and edit.conflicts == [body.split("\n")[2]]


def test_a_long_run_of_spaces_before_a_claim_clause_is_flagged() -> None:
    facts = _facts()
    body = "Swims cost $6 for everyone" + " " * 20_000 + "whatever your age."
    kb = KnowledgeBase([KnowledgeItem("macro", "8", "Swims::Spaces", body, "text", "kb", "m")])
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None and len(edit.conflicts) == 1


def test_a_group_said_after_free_is_read_from_there() -> None:
    free = "Swims are free for swimmers aged 65 or over: book them with a price of 0."
    facts = _facts(rules=((OLD_FEE, NEW_FEE), (OLD_NONE, free)))
    waived = waived_group(facts)
    assert waived is not None and waived.group == "for swimmers aged 65 or over"
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:1")
    assert TemplateDrafter().edit(facts, impact).new_body == SWIM.replace(
        "A swim costs $6 for every swimmer.",
        "A swim costs $6 per swimmer (free for swimmers aged 65 or over).",
    )


def _edited(body: str, body_format: str = "markdown", title: str = "Swimming prices") -> str | None:
    """The template's new body for one made-up pool item (None: flagged for a writer)."""
    facts = _facts()
    kb = KnowledgeBase([KnowledgeItem("article", "6", title, body, body_format, "kb", "a")])
    [impact] = [i for i in rank_items(facts, kb) if i.conflicts]
    return TemplateDrafter().edit(facts, impact).new_body


def test_a_whatever_clause_goes_to_its_comma_and_the_rest_of_the_sentence_stays() -> None:
    body = "# Prices\n\nA swim costs $6 for every swimmer, whatever your age, and a towel is $2.\n"
    assert _edited(body) == body.replace(
        "for every swimmer, whatever your age,",
        "per swimmer (free for swimmers aged 65 or over),",
    )
    alone = "# Prices\n\nA swim costs $6, whatever your age, and a towel is $2.\n"
    assert _edited(alone) == alone.replace(
        "$6, whatever your age,", "$6 (free for swimmers aged 65 or over),"
    )


def test_a_denial_in_a_list_item_gets_the_exemption_after_its_marker() -> None:
    plain = "# Prices\n\nSwims cost $6.\n\n- There are no concessions.\n"
    assert _edited(plain) == plain.replace(
        "Swims cost $6.", "Swims cost $6 (free for swimmers aged 65 or over)."
    ).replace("no concessions", "no other concessions")
    body = (
        "# Prices\n\nSwim prices are on the board.\n\n- There are no concessions.\n"
        "- Towels are $2.\n"
    )
    assert _edited(body) == body.replace(
        "- There are no concessions.",
        "- Swimmers aged 65 or over swim free. There are no other concessions.",
    )


def test_an_instruction_is_no_group_and_the_agents_word_for_the_customer_is_flagged() -> None:
    told = "Book swimmers aged 65 or over free of charge: use a price of 0."
    assert waived_group(_facts(rules=((OLD_FEE, NEW_FEE), (OLD_NONE, told)))) is None
    for free in (
        "Callers aged 65 or over swim free: book it with a price of 0.",
        "Swims are free for callers aged 65 or over: book them with a price of 0.",
    ):
        facts = _facts(rules=((OLD_FEE, NEW_FEE), (OLD_NONE, free)))
        waived = waived_group(facts)
        assert waived is not None and not waived.sayable
        for impact in rank_items(facts, _kb()):
            if impact.item.key in ("macro:1", "article:3"):
                assert TemplateDrafter().edit(facts, impact).new_body is None


def test_the_group_is_said_in_lower_case_unless_the_prompt_writes_it_as_a_name() -> None:
    for free, said in (
        ("Seniors aged 65 or over swim free: book them at 0.", "free for seniors aged 65"),
        (
            "Members aged 65 or over swim free: ask Members for their card.",
            "free for Members aged 65",
        ),
    ):
        facts = _facts(rules=((OLD_FEE, NEW_FEE), (OLD_NONE, free)))
        impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:1")
        assert said in (TemplateDrafter().edit(facts, impact).new_body or "")


def test_a_denial_about_another_thing_stays() -> None:
    facts = _facts()
    hours = "# Swimming pool hours\n\nThere is no reduction in opening hours in the holidays.\n"
    kb = KnowledgeBase(
        [KnowledgeItem("article", "6", "Swimming pool hours", hours, "markdown", "kb", "a")]
    )
    assert not any(i.conflicts for i in rank_items(facts, kb))
    body = "# Prices\n\nSwims cost $6 for everyone. There are no concessions on towels.\n"
    assert _edited(body) == body.replace(
        "$6 for everyone.", "$6 (free for swimmers aged 65 or over)."
    )


def test_a_claim_filling_a_bracket_is_swapped_for_the_exemption() -> None:
    body = "# Prices\n\nA swim costs $6 (for everyone).\n"
    assert _edited(body) == body.replace("(for everyone)", "(free for swimmers aged 65 or over)")
    assert _edited("# Prices\n\nA swim costs $6 (for every swimmer).\n") is None


def test_and_after_the_claims_noun_is_not_its_end() -> None:
    assert _edited("# Prices\n\nA swim costs $6 for every child and adult.\n") is None
    body = "# Prices\n\nA swim costs $6 for every swimmer and a towel is $2.\n"
    assert _edited(body) == body.replace(
        "for every swimmer", "per swimmer (free for swimmers aged 65 or over)"
    )


def test_a_second_sentence_in_one_unit_stays() -> None:
    waived = waived_group(_facts())
    assert waived is not None
    two = "A swim costs $6 for everyone. Whatever the weather, bring a towel."
    assert _narrowed(waived, two, cell=False) == two.replace(
        "$6 for everyone.", "$6 (free for swimmers aged 65 or over)."
    )
    body = (
        "# Prices\n\n| What | Price |\n| --- | --- |\n"
        "| Swim | $6 for everyone. Whatever the weather, bring a towel. |\n"
    )
    assert _edited(body) is None  # a row split into sentences: flagged, not rewritten


def test_html_emphasis_inside_the_claim_is_flagged() -> None:
    body = "<h1>Prices</h1><ul><li>Swims are $6 for <b>every swimmer</b>.</li></ul>"
    assert _edited(body, "html") is None


def test_free_said_far_after_the_group_is_no_exemption_of_it() -> None:
    free = "Swimmers over 65 never pay a booking charge and swim free on quiet mornings."
    assert waived_group(_facts(rules=((OLD_FEE, NEW_FEE), (OLD_NONE, free)))) is None


def test_a_flag_that_only_labels_a_tag_does_not_silence_the_rule() -> None:
    """Detection may state a flag beside the bound when a tag labels it (`tag_label`): it
    restates the tag, so the rule still reads one bound."""
    facts = _facts()
    condition = facts.conditions[0].to_dict()
    label = {"feature": "has_membership", "op": "=", "value": False, "tag_label": True}
    condition["atoms"] = [*condition["atoms"], label]
    facts.conditions = [Condition.from_dict(condition)]
    assert waived_group(facts) is not None
    condition["atoms"][-1] = {"feature": "has_membership", "op": "=", "value": False}
    facts.conditions = [Condition.from_dict(condition)]
    assert waived_group(facts) is None  # a flag of its own is a second rule atom
