"""The drafting model gets every fact the template drafter's later edits rest on and its reply
goes through their checks (made-up cases, no scenario's text): all the change's prompt rules
(cut at a whole rule past a size, saying so); what the new prompt tells the customer after a
re-routed hand-off; a sentence denying a promise's new way; a requirement the new prompt adds
where the item says it is not needed; and a change that only adds an argument to a call the
agent still makes. Each check: a reply that breaks it is refused, asked again with the reason
in the prompt, and the template's draft is kept when the retry breaks it too (with the fake
model, and through the local OpenAI-compatible server on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import moved_rule_in_place_problems, other_case_problems
from behaviordiff.drafting.drafters import (
    LLMDrafter,
    all_claims_changed,
    call_replaced,
    draft_facts,
    new_way_denied,
    note_values_missing,
    requirement_unsaid,
    rule_lines,
    told_unsaid,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.text import plain_text, units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from behaviordiff.llm.openai_client import OpenAIChatModel
from tests.drafting.test_per_case_items import ARTICLE as PARCELS
from tests.drafting.test_per_case_items import OVERSIZED, STANDARD
from tests.drafting.test_per_case_items import _facts as _parcel_facts
from tests.drafting.test_window_start_moves import ARTICLE as POOL_ARTICLE
from tests.drafting.test_window_start_moves import _facts as _pool_facts
from tests.openai_server import OpenAIServer, text_reply

# a yoga studio's refunds: the hand-off moves from reception (a call) to billing (an email) ---

ROUTE_OLD = (
    'Pass the caller on with `transfer_to_team` (team "reception", reason "refund") and tell '
    "them our reception will ring them within 2 days to talk it through."
)
ROUTE_NEW = (
    'Pass the caller on with `transfer_to_team` (team "billing", reason "refund") and tell '
    "them our billing team will email them within 3 days with a refund form."
)
TOLD = "Our billing team will email you within 3 days with a refund form."
ROUTE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch about a refund. Our "
    "reception team will ring you within 2 days to talk it through.\n\nRefunds go back to "
    "the card you paid with.\n\nBest,\nThe studio"
)


def _route_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_to_team(team=reception) → transfer_to_team(team=billing)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["r1", "r2"],
        before_actions=[ActionFact("transfer_to_team", (("team", "reception"),))],
        after_actions=[ActionFact("transfer_to_team", (("team", "billing"),))],
        removed_promises=[Promise("callback", "a call to the customer")],
        added_promises=[Promise("channel", "email"), Promise("duration", "3 days")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:refund", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Refunds", ROUTE_OLD, ROUTE_NEW, "changed")],
        excerpts=[
            Excerpt("r1", "Reception will ring you.", "Billing will email you a form soon."),
            Excerpt("r2", "I've passed this on.", "Done: billing will be in touch by email."),
        ],
        others=4,
    )


# a bike workshop: a late repair is handed to the manager instead of nudging the workshop ---

LATE_OLD = "If the repair is over 10 days late, send the workshop a nudge with `send_nudge`."
LATE_NEW = (
    "If the repair is over 10 days late, don't send a nudge: hand it to the workshop manager "
    "with `escalate_to_manager` and tell them the workshop manager will email them within 2 days."
)
CALLS = "The workshop manager will email you within 2 days."
LATE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your repair is running late. As it's been "
    "over 10 days, we'll send the workshop a nudge.\n\nThanks for your patience,\nThe shop"
)


def _late_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="send_nudge → escalate_to_manager",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["w1", "w2"],
        before_actions=[ActionFact("send_nudge")],
        after_actions=[ActionFact("escalate_to_manager")],
        escalation="added",
        added_promises=[
            Promise("channel", "email"),
            Promise("duration", "2 days"),
        ],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "days_late", "op": ">", "value": 10}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Repairs", LATE_OLD, LATE_NEW, "changed")],
        excerpts=[
            Excerpt("w1", "Nudge sent.", "The manager will email you."),
            Excerpt("w2", "I've nudged them.", "Handed over; an email is coming."),
        ],
        others=5,
    )


# a gym's lockers: the key handed over at the desk becomes a code sent by text -------------

WAY_OLD = (
    "Tell the member their locker is booked and that the gym staff will hand them their "
    "locker key at the front desk."
)
WAY_NEW = (
    "Tell the member their locker is booked and that we'll text their locker key code to them "
    "the evening before."
)
DENIAL = "We don't give out locker keys before you arrive."
WAY_ARTICLE = (
    "# Lockers\n\nThe gym staff will hand you your locker key at the front desk. "
    f"{DENIAL}\n\nLockers are emptied every night.\n"
)
NEW_WAY = "We'll text your locker key code to you the evening before."


def _way_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="locker code texted",
        kind="promises",
        facets=["promises"],
        probe_ids=["l1", "l2"],
        added_promises=[Promise("channel", "text message")],
        rules=[Rule("h1", "sentence_changed", "Lockers", WAY_OLD, WAY_NEW, "changed")],
        excerpts=[
            Excerpt("l1", "Staff will hand you your key.", "We'll text your code tonight."),
            Excerpt("l2", "Your key is at the desk.", "Code coming by text."),
        ],
    )


# a bike parts shop: a shorter return window, and the packing slip now needed ---------------

NEED_OLD = "If the customer returns unused parts within 30 days, refund them with `refund_part`."
NEED_NEW = (
    "If the customer returns unused parts within 14 days and includes the packing slip, refund "
    "them with `refund_part`."
)
NOT_NEEDED = "You don't need to include the packing slip: we can find your order."
NEED_ARTICLE = (
    f"# Returning parts\n\nSend unused parts back within 30 days for a refund. {NOT_NEEDED}\n\n"
    "## Exchanges\n\nWe swap a part for another size at no cost.\n"
)


def _need_facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C2",
        title="no longer calls refund_part",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("refund_part")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "has_slip", "op": "=", "value": False}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Returns", NEED_OLD, NEED_NEW, "changed")],
        excerpts=[Excerpt("p1", "Refunded.", "Could you send the packing slip?")],
        others=6,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


# a hotel whose room booking now adds a free late checkout for two rooms or more -----------

ADD_RULE = (
    "When a guest books two or more rooms, the booking includes a free late checkout: set "
    "`late_checkout` to true on `book_room` and tell them they can stay until 1pm."
)
EVERY = "Breakfast is included on every booking."
ADD_ARTICLE = f"# Checkout\n\nCheckout is at 11am, late checkout costs £20. {EVERY}\n"


def _add_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_room with late_checkout",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["b2", "b3"],
        before_actions=[ActionFact("book_room", (("hotel", "quay"),))],
        after_actions=[ActionFact("book_room", (("hotel", "quay"), ("late_checkout", "true")))],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "room_count", "op": ">=", "value": 2}]})
        ],
        rules=[Rule("H1", "sentence_added", "Bookings", None, ADD_RULE, "sentence added")],
        excerpts=[
            Excerpt("b2", "Booked 2 rooms.", "Booked 2 rooms, checkout at 1pm."),
            Excerpt("b3", "Booked 3 rooms.", "Booked 3 rooms, stay till 1pm."),
        ],
        others=4,
    )


def _add_impact() -> Impact:
    """The checkout article with its £20 sentence as the conflict (an addition alone leaves
    no sentence untrue, so the detector finds none: the conflict is set by hand)."""
    item = KnowledgeItem("article", "checkout", "Checkout", ADD_ARTICLE, "markdown", "kb", "a")
    found = units(plain_text(item.body, item.body_format))
    index = next(i for i, unit in enumerate(found) if "£20" in unit.text)
    conflict = Conflict(index, found[index].text, ("states a charge the new agent drops",))
    return Impact(item, 1.0, [conflict], found)


# helpers ------------------------------------------------------------------------------------


def _impact(facts: ChangeFacts, item: KnowledgeItem) -> Impact:
    filler = KnowledgeItem(
        "article", "hours", "Hours", "# Hours\n\nWe open at 7am.\n", "markdown", "kb", "h"
    )
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item, filler])) if i.affected]
    return impact


def _edit_reply(body: str) -> str:
    return json.dumps({"new_body": body, "rationale": "Says what the agent does now."})


def _prompt(request: ChatRequest) -> str:
    return "\n".join(str(message["content"]) for message in request.messages)


@dataclass
class Case:
    """A change, an item it makes untrue, and a body breaking exactly one check."""

    facts: Callable[[], ChangeFacts]
    impact: Callable[[ChangeFacts], Impact]
    broken: str
    check: Callable[[ChangeFacts, Impact, str | None, str], list[str]]
    problem: str
    fixed: str | None = None
    """A body that keeps to every check, when the template only flags the item."""


POOL_BOOKED = "Tell us the time you want in chat and we'll book your slot."
POOL_FIXED = POOL_ARTICLE.replace("lanes from 6am", "lanes from 7am").replace(
    "| Lane swimming, booked swims only | 06:00", "| Lane swimming, booked swims only | 07:00"
)

CASES = {
    "told-unsaid": Case(
        _route_facts,
        lambda facts: _impact(
            facts, KnowledgeItem("macro", "1", "Refunds::Passed on", ROUTE_MACRO, "text", "kb", "m")
        ),
        ROUTE_MACRO.replace(
            "Our reception team will ring you within 2 days to talk it through.",
            "Our billing team will email you with a refund form.",
        ),
        told_unsaid,
        f"the new body does not say 3 days, which the new prompt tells the customer: “{TOLD}”",
    ),
    "told-after-replaced-action": Case(
        _late_facts,
        lambda facts: _impact(
            facts, KnowledgeItem("macro", "1", "Repairs::Late", LATE_MACRO, "text", "kb", "m")
        ),
        LATE_MACRO.replace(
            "we'll send the workshop a nudge.",
            "we'll hand it to the workshop manager, who will email you.",
        ),
        told_unsaid,
        f"the new body does not say 2 days, which the new prompt tells the customer: “{CALLS}”",
    ),
    "other-case-kept": Case(
        # a courier's oversized parcels: 2 → 5 working days; standard parcels keep 2
        _parcel_facts,
        lambda facts: _impact(
            facts, KnowledgeItem("article", "c", "Collections", PARCELS, "markdown", "kb", "a")
        ),
        PARCELS.replace(OVERSIZED, OVERSIZED.replace("2 working", "5 working")).replace(
            STANDARD, STANDARD.replace("2 working", "5 working")
        ),
        lambda facts, impact, template_body, body: other_case_problems(facts, impact, body),
        f"the new body changes “{STANDARD}”, which states what another case keeps",
    ),
    "new-way-denied": Case(
        _way_facts,
        lambda facts: _impact(
            facts,
            KnowledgeItem("article", "lockers", "Lockers", WAY_ARTICLE, "markdown", "kb", "a"),
        ),
        WAY_ARTICLE.replace(
            "The gym staff will hand you your locker key at the front desk.", NEW_WAY
        ),
        new_way_denied,
        f"“{DENIAL}” denies what the agent now does (“{NEW_WAY}”): delete it",
    ),
    "requirement-unsaid": Case(
        _need_facts,
        lambda facts: _impact(
            facts,
            KnowledgeItem(
                "article", "parts", "Returning parts", NEED_ARTICLE, "markdown", "kb", "a"
            ),
        ),
        NEED_ARTICLE.replace("within 30 days", "within 14 days").replace(f" {NOT_NEEDED}", ""),
        requirement_unsaid,
        "the new body does not say that the packing slip is now needed, where the article said "
        f"“{NOT_NEEDED}”: say it, as the draft does in “You need to include the packing slip.”",
    ),
    "moved-rule-in-place": Case(
        # a leisure centre's pool opens at 7am, not 6am: "we'll book your slot" stays true
        _pool_facts,
        lambda facts: _impact(
            facts,
            KnowledgeItem("article", "o", "Opening hours", POOL_ARTICLE, "markdown", "kb", "a"),
        ),
        POOL_FIXED.replace(
            POOL_BOOKED,
            "For pool, a lifeguard opens the lanes for booked swims from 7am until 10pm.",
        ),
        lambda facts, impact, template_body, body: moved_rule_in_place_problems(
            facts, impact, body
        ),
        "the new body puts the new prompt's rule",
    ),
    "any-claim-changed": Case(
        _add_facts,
        lambda facts: _add_impact(),
        ADD_ARTICLE.replace("late checkout costs £20", "late checkout is free").replace(
            EVERY, "Breakfast is included on most bookings."
        ),
        all_claims_changed,
        f"the new body changes “{EVERY}”, which stays true (the change only adds late checkout "
        "to a call the agent still makes): keep it as it is",
        ADD_ARTICLE.replace(", late checkout costs £20.", "."),
    ),
}


def _draft(facts: ChangeFacts, impact: Impact, model: Any) -> tuple[Any, TemplateDrafter, Any, Any]:
    """The whole drafting pass of one change with `model` (the note, then the edit)."""
    template = TemplateDrafter()
    note = template.note(facts, [impact], None)
    template_edit = template.edit(facts, impact)
    grounding = Grounding(
        [facts.corpus(), impact.item.body, note.text(), template_edit.new_body or ""]
    )
    drafter = LLMDrafter(model, "fake")
    return (
        asyncio.run(drafter.draft(facts, [impact], grounding, None)),
        drafter,
        note,
        template_edit,
    )


def _note_json(note: Any) -> str:
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")
    return json.dumps({key: getattr(note, key) for key in keys})


# what the model is shown --------------------------------------------------------------------


def test_every_rule_of_the_change_is_shown_and_a_cut_says_so() -> None:
    facts = _need_facts()
    facts.rules = [
        Rule(f"H{n}", "sentence_added", "Returns", None, f"Rule number {n}.", f"rule {n}")
        for n in range(1, 7)
    ]
    assert rule_lines(facts) == [f"rule {n}" for n in range(1, 7)]
    # past the size, the cut falls at a whole rule and says how many were left out
    cut = rule_lines(facts, limit=13)
    assert cut[:2] == ["rule 1", "rule 2"]
    assert cut[2].startswith("(and 4 more rules of this change not shown")
    assert rule_lines(facts, limit=1)[:1] == ["rule 1"]  # one rule is always shown

    impact = CASES["requirement-unsaid"].impact(_need_facts())
    model = FakeChatModel(default=None, responder=lambda request: "not json")
    _draft(facts, impact, model)
    for request in model.requests:
        assert "- rule 6" in _prompt(request)  # a fourth rule and later reach the model too


@pytest.mark.parametrize(
    ("name", "fact"),
    [
        ("told-unsaid", f"the new prompt tells the customer: “{TOLD}”"),
        ("requirement-unsaid", "the new prompt now requires the packing slip"),
        ("any-claim-changed", "the change only adds late checkout to `book_room`"),
        ("other-case-kept", "2 working days → 5 working days only for conversations where"),
    ],
)
def test_the_model_sees_the_fact_the_template_edits_from(name: str, fact: str) -> None:
    case = CASES[name]
    facts = case.facts()
    assert any(fact in said for said in draft_facts(facts))
    impact = case.impact(facts)
    model = FakeChatModel(default=None, responder=lambda request: "not json")
    _draft(facts, impact, model)
    assert model.requests and all(fact in _prompt(r) for r in model.requests)


# the same checks ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_the_check_refuses_the_broken_body_and_passes_the_template_draft(name: str) -> None:
    case = CASES[name]
    facts = case.facts()
    impact = case.impact(facts)
    template_body = TemplateDrafter().edit(facts, impact).new_body
    # the template rewrites the item, or (an addition's) only flags it
    assert (template_body is None) == (case.fixed is not None)
    [problem] = case.check(facts, impact, template_body, case.broken)
    assert problem.startswith(case.problem)
    fixed = case.fixed or template_body or ""
    assert case.check(facts, impact, template_body, fixed) == []


@pytest.mark.parametrize("name", list(CASES))
def test_a_reply_breaking_the_check_is_retried_with_the_reason_then_falls_back(name: str) -> None:
    case = CASES[name]
    facts = case.facts()
    impact = case.impact(facts)
    fixed = case.fixed or TemplateDrafter().edit(facts, impact).new_body or ""
    note = TemplateDrafter().note(facts, [impact], None)

    def answer(request: ChatRequest) -> str:
        return _edit_reply(case.broken) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, drafter, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert len(asked) == 2
    assert "failed a check" not in asked[0]
    assert f"failed a check: {case.problem}" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body
    assert "failed its checks twice: this is the template drafter's edit" in edit.rationale
    [fallback] = draft.fallbacks
    assert fallback["draft"] == impact.item.key and case.problem in fallback["reason"]
    assert drafter.stats.retries == 1

    # a retry that keeps to the check is the model's edit
    replies = iter([_edit_reply(case.broken), _edit_reply(fixed)])

    def retried(request: ChatRequest) -> str:
        return next(replies) if "<<<BODY" in _prompt(request) else _note_json(note)

    draft, _, _, _ = _draft(facts, impact, FakeChatModel(responder=retried, default=None))
    assert draft.fallbacks == [] and draft.edits[0].origin == "llm"
    assert draft.edits[0].new_body == fixed


def test_a_note_saying_an_added_to_call_was_replaced_is_retried_then_falls_back() -> None:
    facts = _add_facts()
    impact = _add_impact()
    template_note = TemplateDrafter().note(facts, [impact], None)
    replaced = "The agent now calls book_room with late checkout instead of the plain book_room."
    assert call_replaced(facts, replaced, template_note.text()) == [
        f"“{replaced}” says the agent replaced or stopped a call it still makes: the change only "
        "adds late checkout to it; say it makes the same call, now with late checkout"
    ]
    same = "The agent now books two or more rooms with a free late checkout."
    assert call_replaced(facts, same, template_note.text()) == []
    assert call_replaced(_route_facts(), replaced, "") == []  # not an addition: no such check

    bad = json.loads(_note_json(template_note))
    bad["after"] = replaced

    def answer(request: ChatRequest) -> str:
        if "<<<BODY" in _prompt(request):
            return _edit_reply(TemplateDrafter().edit(facts, impact).new_body or "")
        return json.dumps(bad)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, _ = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" not in _prompt(r)]
    assert len(asked) == 2 and "failed a check: “The agent now calls book_room" in asked[1]
    assert draft.note.origin == "llm-fallback" and draft.note.after == template_note.after
    assert "replaced or stopped a call" in draft.fallbacks[0]["reason"]


# through the local OpenAI-compatible server ---------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_over_http_a_broken_reply_is_retried_then_the_template_draft_kept(
    openai_server: OpenAIServer, name: str
) -> None:
    case = CASES[name]
    facts = case.facts()
    impact = case.impact(facts)
    note = TemplateDrafter().note(facts, [impact], None)

    def respond(body: dict[str, Any]) -> Any:
        prompt = str(body["messages"][-1]["content"])
        return text_reply(_edit_reply(case.broken) if "<<<BODY" in prompt else _note_json(note))

    openai_server.responder = respond

    async def run() -> tuple[Any, LLMDrafter]:
        model = OpenAIChatModel(base_url=openai_server.base_url, timeout=5)
        template = TemplateDrafter()
        edit_body = template.edit(facts, impact).new_body or ""
        grounding = Grounding([facts.corpus(), impact.item.body, note.text(), edit_body])
        drafter = LLMDrafter(model, "fake")
        try:
            return await drafter.draft(facts, [impact], grounding, None), drafter
        finally:
            await model.aclose()

    draft, drafter = asyncio.run(run())
    asked = [
        str(b["messages"][-1]["content"])
        for b in openai_server.requests
        if "<<<BODY" in str(b["messages"][-1]["content"])
    ]
    assert len(asked) == 2 and f"failed a check: {case.problem}" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback"
    assert edit.new_body == TemplateDrafter().edit(facts, impact).new_body
    assert case.problem in draft.fallbacks[0]["reason"] and drafter.stats.retries == 1


# the note's actions ---------------------------------------------------------------------------


def test_the_note_keeps_an_action_for_each_item_to_update_that_the_model_leaves_unnamed() -> None:
    facts = _need_facts()
    impact = CASES["requirement-unsaid"].impact(facts)
    template_note = TemplateDrafter().note(facts, [impact], None)
    [update] = [action for action in template_note.cs_actions if "“Returning parts”" in action]
    fixed = TemplateDrafter().edit(facts, impact).new_body or ""

    def answer(actions: list[str]) -> Callable[[ChatRequest], str]:
        def reply(request: ChatRequest) -> str:
            if "<<<BODY" in _prompt(request):
                return _edit_reply(fixed)
            return json.dumps({**json.loads(_note_json(template_note)), "cs_actions": actions})

        return reply

    unnamed = ["Update the returns articles.", "Brief reps."]
    draft, _, _, _ = _draft(facts, impact, FakeChatModel(responder=answer(unnamed), default=None))
    assert draft.note.origin == "llm" and draft.fallbacks == []
    assert draft.note.cs_actions == [*unnamed, update]
    # an action naming the item is the model's to phrase
    named = ["Update the Returning parts article: the slip is now needed."]
    draft, _, _, _ = _draft(facts, impact, FakeChatModel(responder=answer(named), default=None))
    assert draft.note.cs_actions == named


def test_a_note_leaving_out_the_moved_value_is_retried_then_falls_back() -> None:
    # the parts shop's window, 30 days → 14 days
    facts = _need_facts()
    impact = CASES["requirement-unsaid"].impact(facts)
    template_note = TemplateDrafter().note(facts, [impact], None)
    assert "14 days" in template_note.text()
    vague = "Parts must now come back sooner, with the packing slip."
    assert note_values_missing(facts, vague, template_note.text()) == [
        "the note does not state 14 days, the new value the change moved to (the draft note "
        "states it): say it"
    ]
    assert note_values_missing(facts, "Parts now come back within 14 days.", "14 days") == []
    # a value the template's note does not state is not asked for
    assert note_values_missing(facts, vague, "The window is shorter.") == []

    bad = {**json.loads(_note_json(template_note)), "after": vague, "title": "Shorter returns"}
    bad["before"] = "Parts could come back later."
    bad["customer_impact"] = "Customers have less time."
    bad["when"] = "Customers returning parts."
    fixed = TemplateDrafter().edit(facts, impact).new_body or ""

    def answer(request: ChatRequest) -> str:
        return _edit_reply(fixed) if "<<<BODY" in _prompt(request) else json.dumps(bad)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, _ = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" not in _prompt(r)]
    assert len(asked) == 2 and "failed a check: the note does not state 14 days" in asked[1]
    assert draft.note.origin == "llm-fallback" and draft.note.after == template_note.after
    assert "does not state 14 days" in draft.fallbacks[0]["reason"]


def test_a_far_side_sentence_the_template_changes_too_is_no_model_fault() -> None:
    # the school-move case of test_band_rules: "Fewer than 7 days before …" is the far side of
    # a line moved 7 → 14 days, which the template keeps; where a template edit drops or
    # changes such a sentence (a hand-off's promise it takes out), a model may do the same
    from behaviordiff.drafting.drafters import far_side_changed
    from tests.drafting.test_band_rules import SCHOOL_ARTICLE, SCHOOL_FEE, SCHOOL_MOVED
    from tests.drafting.test_band_rules import _facts as school_facts

    facts = school_facts([SCHOOL_MOVED, SCHOOL_FEE], 7, 14)
    knowledge = KnowledgeBase(
        [KnowledgeItem("article", "m", "Moving", SCHOOL_ARTICLE, "markdown", "kb", "a")]
    )
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    both_moved = SCHOOL_ARTICLE.replace("7 days", "14 days")
    [problem] = far_side_changed(facts, impact, both_moved, template_body)
    assert "Fewer than 7 days before the start date" in problem
    assert far_side_changed(facts, impact, both_moved, both_moved) == []
    # a template that only flagged the item decides nothing: the check holds
    assert far_side_changed(facts, impact, both_moved, None) == [problem]
