"""A count allowance the prompt lowered, in words: a made-up climbing gym's "Standard
membership: three free guest passes a month." became "two free guest passes a month." (Standard
members with two passes used now pay £8 for a guest: `membership = standard and tag guests and
2 <= guest_passes_used < 3`), and a made-up library's "Each loan can be renewed twice." became
"once". A KB sentence or table cell giving the old count of that allowance gives the new one in
its own style (words stay words, "Three a month" → "Two a month", "twice" → "once"), noun and
verb agreeing where the count becomes one ("your first two renewals are free" → "your first
renewal is free"); the same count of another allowance ("| Coaching sessions | Three a month |"),
of the other membership, or about reminders is kept."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.drafters import _EDITED_BODY_CHECKS, LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.loweredcount import (
    lowered_count,
    lowered_count_fact,
    lowered_sentences,
    still_old_count,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import stem, units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

OLD = "Standard membership: three free guest passes a month."
NEW = "Standard membership: two free guest passes a month."
BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nYour guest is booked in for Saturday. Standard "
    "memberships come with three free guest passes every month, and Premium memberships with "
    "unlimited guest passes.\n\nSee you on the wall,\nSummit Climbing"
)
COACHING = (
    "Hi {{ticket.requester.first_name}},\n\nEvery membership includes three coaching sessions "
    "a month; book them at the desk.\n\nSummit Climbing"
)
ARTICLE = (
    "# Memberships\n\n"
    "| Perk | Standard | Premium |\n"
    "| --- | --- | --- |\n"
    "| Guest passes | Three a month | Unlimited |\n"
    "| Coaching sessions | Three a month | Three a month |\n"
    "| Towel hire | £2 | Free |\n\n"
    "On a Standard membership your first three guest passes each month are free, and after "
    "that a guest pays £8. Premium members can bring three guests at once.\n"
)


PLANS = (
    "# Plans\n\n"
    "| Membership | Guest passes a month | Classes a week |\n"
    "| --- | --- | --- |\n"
    "| Standard | 3 | 3 |\n"
    "| Premium | 3 | 5 |\n"
)


def _condition(text: str, atoms: list[dict[str, object]]) -> Condition:
    return Condition.from_dict(
        {
            "text": text,
            "atoms": atoms,
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 12},
        }
    )


def _band(feature: str, low: float, high: float) -> dict[str, object]:
    return {
        "feature": feature,
        "op": "between",
        "low": low,
        "high": high,
        "low_inclusive": True,
        "high_inclusive": False,
    }


def _gym(low: float = 2, high: float = 3) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="A £8 guest fee now charged",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["std2-a", "std2-b", "std2-c", "std2-d"],
        before_actions=[ActionFact("book_guest", (("fee_gbp", "0"),))],
        after_actions=[ActionFact("book_guest", (("fee_gbp", "8"),))],
        conditions=[
            _condition(
                f"membership = standard and tag guests and {low:g} <= guest_passes_used < {high:g}",
                [
                    {"feature": "membership", "op": "=", "value": "standard"},
                    {"feature": "tag:guests", "op": "tag"},
                    _band("guest_passes_used", low, high),
                ],
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Guests", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[Excerpt(probe_id="std2-a", old="Your guest is free.", new="That's £8.")],
        others=12,
    )


def _gym_kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Guests::Booked", BOOKED, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Coaching::Sessions", COACHING, "text", "kb", "m"),
            KnowledgeItem("article", "3", "Memberships", ARTICLE, "markdown", "kb", "a"),
        ]
    )


def test_the_lowered_count_is_read_from_the_changed_sentence_and_the_band() -> None:
    limit = lowered_count(_gym())
    assert limit is not None
    assert (limit.old, limit.new, limit.categories) == (3, 2, ("standard",))
    assert limit.head == stem("pass") == stem("passes".removesuffix("es"))
    # a condition that is not the band between the two counts is not it
    assert lowered_count(_gym(1, 3)) is None
    assert lowered_count(_gym(3, 4)) is None


def test_each_sentence_and_cell_giving_the_old_count_gives_the_new_one_and_no_other() -> None:
    facts = _gym()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _gym_kb())}
    drafter = TemplateDrafter()
    booked = drafter.edit(facts, impacts["macro:1"]).new_body
    assert booked == BOOKED.replace("three free guest passes", "two free guest passes")
    article = drafter.edit(facts, impacts["article:3"]).new_body
    assert article == ARTICLE.replace(
        "| Guest passes | Three a month |", "| Guest passes | Two a month |"
    ).replace("first three guest passes", "first two guest passes")
    # a table keyed by membership: Standard's row, whose cell under the passes header gives
    # the old count, not Premium's same count
    limit = lowered_count(facts)
    assert limit is not None
    plan_units = units(PLANS)
    marked = lowered_sentences(limit, plan_units)
    assert [plan_units[index].text for index in marked] == ["| Standard | 3 | 3 |"]
    coaching = impacts.get("macro:2")
    assert coaching is None or not coaching.conflicts


LIBRARY_OLD = "Each loan can be renewed twice."
LIBRARY_NEW = "Each loan can be renewed once."
RENEWED = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. You can renew a loan "
    "twice, online or at the desk. We send reminders twice: a week before and on the due "
    "date.\n\nThe Library"
)
FAQ = (
    "# Renewing\n\nYour first two renewals of a loan are free, and after that each one is 50p. "
    "You can borrow two books on a new card.\n"
)


def _library() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="A 50p renewal fee now charged",
        kind="actions",
        facets=["actions"],
        probe_ids=["renew-1a", "renew-1b", "renew-1c"],
        before_actions=[ActionFact("renew_loan")],
        after_actions=[ActionFact("renew_loan_paid")],
        conditions=[
            _condition(
                "tag renew and 1 <= renewals_used < 2",
                [{"feature": "tag:renew", "op": "tag"}, _band("renewals_used", 1, 2)],
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Loans",
                LIBRARY_OLD,
                LIBRARY_NEW,
                f"{LIBRARY_OLD} → {LIBRARY_NEW}",
            )
        ],
        excerpts=[Excerpt(probe_id="renew-1a", old="Renewed, free.", new="Renewed, 50p.")],
        others=9,
    )


def _library_kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Loans::Renewed", RENEWED, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Renewing", FAQ, "markdown", "kb", "a"),
        ]
    )


def test_twice_becomes_once_and_a_count_of_one_agrees() -> None:
    facts = _library()
    limit = lowered_count(facts)
    assert limit is not None and (limit.old, limit.new) == (2, 1)
    impacts = {impact.item.key: impact for impact in rank_items(facts, _library_kb())}
    drafter = TemplateDrafter()
    renewed = drafter.edit(facts, impacts["macro:1"]).new_body
    # the reminders are sent twice still: another subject in the same item
    assert renewed == RENEWED.replace("renew a loan twice", "renew a loan once")
    faq = drafter.edit(facts, impacts["article:2"]).new_body
    assert faq == FAQ.replace(
        "Your first two renewals of a loan are free", "Your first renewal of a loan is free"
    )


def test_a_drafting_model_gets_the_count_and_an_edit_keeping_the_old_one_falls_back() -> None:
    facts = _gym()
    assert any("from 3 to 2" in said for said in draft_facts(facts))
    assert any(check is still_old_count for check, _ in _EDITED_BODY_CHECKS)
    conflicting = [
        "Standard memberships come with three free guest passes every month, and Premium "
        "memberships with unlimited guest passes."
    ]
    assert still_old_count(facts, conflicting, BOOKED, BOOKED, "text") == conflicting
    right = BOOKED.replace("three free", "two free")
    assert still_old_count(facts, conflicting, BOOKED, right, "text") == []
    fact = lowered_count_fact(facts)
    assert fact is not None and "standard" in fact
    impact = next(i for i in rank_items(facts, _gym_kb()) if i.item.key == "macro:1")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": BOOKED, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert "from 3 to 2" in asked[0]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed
